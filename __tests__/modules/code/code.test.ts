/** The project code repository and the package mirror, from the synthesized JSON. */
import { Testing } from "cdktf";
import { CodeRepository, CodeRepositorySource } from "../../../lib/constructs/code/code-repository";
import { PackageMirror, pipIndex } from "../../../lib/constructs/code/package-mirror";

const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";

function repo(source: CodeRepositorySource) {
  return JSON.parse(Testing.synthScope((stack) => {
    new CodeRepository(stack, "code", { name: "sds-dev-fraud", description: "d", source, kmsKeyArn: KEY });
  })).resource;
}

test("CodeCommit: a repository encrypted with the project key, registered for SageMaker by its HTTPS clone URL", () => {
  const r = repo({ type: "codecommit" });
  const [cc] = Object.values(r.aws_codecommit_repository) as any[];
  expect(cc).toMatchObject({ repository_name: "sds-dev-fraud", kms_key_id: KEY });
  const [sm] = Object.values(r.aws_sagemaker_code_repository) as any[];
  expect(sm.code_repository_name).toBe("sds-dev-fraud");
  expect(sm.git_config.repository_url).toMatch(/^\$\{aws_codecommit_repository\.code_codecommit_[A-Z0-9]+\.clone_url_http\}$/);
});

test("external: only the SageMaker registration, with branch and credentials secret, no CodeCommit", () => {
  const secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-AbCdEf";
  const r = repo({ type: "external", url: "https://git.example.com/ds/fraud.git", branch: "develop", secretArn: secret });
  expect(r.aws_codecommit_repository).toBeUndefined();
  const [sm] = Object.values(r.aws_sagemaker_code_repository) as any[];
  expect(sm.git_config).toEqual({ repository_url: "https://git.example.com/ds/fraud.git", branch: "develop", secret_arn: secret });
});

test("package mirror: a KMS-encrypted domain and a repository with the public PyPI upstream", () => {
  const r = JSON.parse(Testing.synthScope((stack) => {
    new PackageMirror(stack, "mirror", { scope, dnsSuffix: "amazonaws.com", domain: "sds-dev", repository: "pypi", kmsKeyArn: KEY });
  })).resource;
  const [domain] = Object.values(r.aws_codeartifact_domain) as any[];
  expect(domain).toMatchObject({ domain: "sds-dev", encryption_key: KEY });
  const [repository] = Object.values(r.aws_codeartifact_repository) as any[];
  expect(repository).toMatchObject({ repository: "pypi", external_connections: { external_connection_name: "public:pypi" } });
  expect(repository.domain).toMatch(/aws_codeartifact_domain\..*\.domain/);
});

test("pip index URL pieces", () => {
  expect(pipIndex(scope, "amazonaws.com", "sds-dev", "pypi")).toEqual({
    domain: "sds-dev", domainOwner: "123456789012", repository: "pypi", region: "eu-west-1",
    indexUrl: "https://sds-dev-123456789012.d.codeartifact.eu-west-1.amazonaws.com/pypi/pypi/simple/",
  });
});
