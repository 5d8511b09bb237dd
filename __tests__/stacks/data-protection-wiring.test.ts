/** How config reaches the stacks: project keys and buckets, the code repository, the mirror and the endpoints it needs. */
import { configWith, resources, synthConfig } from "../helpers/synth";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { buildApp } from "../../app/app";
import { SecureSageMakerProject } from "../../lib/patterns/project";
import { SecureSageMakerPlatform } from "../../lib/patterns/platform";

const endpointServices = (stack: Record<string, any>) =>
  resources(stack, "aws_vpc_endpoint").map(([, e]) => e.service_name as string).filter((s) => s.includes("code"));

test("the project stack exposes its keys, buckets and code repository to the other modules", () => {
  const { app } = buildApp(configWith(), "/tmp/unused");
  const project = app.node.findAll().find((c): c is SecureSageMakerProject => c instanceof SecureSageMakerProject)!;
  // aliasName is a Terraform token: synthesized, it must read the data key's alias, named after the project.
  const stack = TerraformStack.of(project);
  new TerraformOutput(stack, "probe-alias-name", { value: project.keys.data.aliasName });
  const synthesized = JSON.parse(Testing.synth(stack));
  const aliasRef = /^\$\{aws_kms_alias\.([\w-]+)\.name\}$/.exec(synthesized.output["probe-alias-name"].value);
  expect(aliasRef).not.toBeNull();
  expect(synthesized.resource.aws_kms_alias[aliasRef![1]].name).toBe("alias/sds/dev/fraud/data");
  expect([project.buckets.data, project.buckets.models, project.buckets.accessLogs].map((b) => b.bucketArn)).toEqual([
    "arn:aws:s3:::sds-dev-fraud-data-123456789012", "arn:aws:s3:::sds-dev-fraud-models-123456789012", "arn:aws:s3:::sds-dev-fraud-access-logs-123456789012",
  ]);
  expect(project.codeRepository.sagemakerCodeRepositoryName).toEqual(expect.any(String));
  expect(project.codeRepository.codecommitArn).toEqual(expect.any(String));
});

test("project buckets: data and models on the data key behind the platform's S3 endpoint; destroy choice from config", () => {
  const synth = synthConfig(configWith({ dataProtection: { administratorArns: ["arn:aws:iam::123456789012:role/ci"], bucketsOnDestroy: "retain" } }), "dp-wiring");
  const project = synth.stack("dev-project-fraud");
  const buckets = resources(project, "aws_s3_bucket").map(([, b]) => b);
  // Data and model buckets are destroyed before their key: a bucket that still holds data keeps the key alive.
  expect(buckets.map((b) => b.depends_on)).toEqual([undefined, [expect.stringMatching(/^aws_kms_key\.keys_data_/)], [expect.stringMatching(/^aws_kms_key\.keys_data_/)]]);
  expect(buckets.map((b) => b.bucket).sort()).toEqual(["sds-dev-fraud-access-logs-123456789012", "sds-dev-fraud-data-123456789012", "sds-dev-fraud-models-123456789012"]);
  for (const b of buckets) expect(b.lifecycle).toEqual({ prevent_destroy: true });
  const policies = resources(project, "aws_s3_bucket_policy").map(([, p]) => JSON.parse(p.policy));
  const outside = policies.flatMap((p) => p.Statement).filter((s: any) => s.Sid === "DenyAccessOutsideVpcEndpoint");
  expect(outside).toHaveLength(2);
  for (const s of outside) {
    expect(s.Condition.StringNotEquals["aws:SourceVpce"]).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-dev-platform\.outputs\./);
    expect(s.Condition.ArnNotLike["aws:PrincipalArn"]).toEqual(["arn:aws:iam::123456789012:role/ci"]);
  }
  const sse = resources(project, "aws_s3_bucket_server_side_encryption_configuration").map(([, c]) => c.rule[0].apply_server_side_encryption_by_default);
  expect(sse.filter((r) => r.sse_algorithm === "aws:kms").map((r) => r.kms_master_key_id)).toEqual([
    expect.stringMatching(/^\$\{aws_kms_key\.keys_data_key_/), expect.stringMatching(/^\$\{aws_kms_key\.keys_data_key_/),
  ]);
  const [cc] = resources(project, "aws_codecommit_repository").map(([, r]) => r);
  expect(cc.kms_key_id).toMatch(/^\$\{aws_kms_key\.keys_data_key_/);
  const access = resources(project, "aws_s3_bucket_lifecycle_configuration").map(([, l]) => l.rule[0].expiration).filter(Boolean);
  expect(access).toEqual([[{ days: 365 }]]);
});

test("default: CodeCommit switches on its two endpoints, no mirror, no CodeArtifact", () => {
  const synth = synthConfig(configWith(), "dp-default");
  const platform = synth.stack("dev-platform");
  expect(endpointServices(platform)).toEqual(["com.amazonaws.eu-west-1.codecommit", "com.amazonaws.eu-west-1.git-codecommit"]);
  expect(platform.resource.aws_codeartifact_domain).toBeUndefined();
});

test("the mirror: CodeArtifact endpoints on, a packages key, the assets bucket readable through the S3 endpoint", () => {
  const synth = synthConfig(configWith({ packageMirror: { enabled: true },
    projects: [{ name: "fraud", codeRepository: { type: "external", url: "https://git.example.com/ds/fraud.git" } }] }), "dp-mirror");
  const platform = synth.stack("dev-platform");
  expect(endpointServices(platform)).toEqual(["com.amazonaws.eu-west-1.codeartifact.api", "com.amazonaws.eu-west-1.codeartifact.repositories"]);
  const [domain] = resources(platform, "aws_codeartifact_domain").map(([, d]) => d);
  expect(domain).toMatchObject({ domain: "sds-dev", encryption_key: expect.stringMatching(/^\$\{aws_kms_key\.packages-key_[A-Z0-9]+\.arn\}$/) });
  const [, key] = resources(platform, "aws_kms_key").find(([id]) => id.startsWith("packages-key_"))!;
  expect(JSON.parse(key.policy).Statement.find((s: any) => s.Sid === "AccountPrincipalsViaServices").Condition.StringEquals["kms:ViaService"])
    .toEqual(["codeartifact.eu-west-1.amazonaws.com"]);
  const [s3] = resources(platform, "aws_vpc_endpoint").filter(([, e]) => e.vpc_endpoint_type === "Gateway").map(([, e]) => JSON.parse(e.policy));
  expect(s3.Statement.find((s: any) => s.Sid === "AwsServiceBucketsReadOnly")).toMatchObject({
    Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::assets-438097961670-eu-west-1/*"], Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } },
  });
  expect(synth.stack("dev-project-fraud").resource.aws_codecommit_repository).toBeUndefined();
  expect(platform.output.pip_index_url.value).toBe("https://sds-dev-123456789012.d.codeartifact.eu-west-1.amazonaws.com/pypi/pypi/simple/");
});

test("in a region without a known assets bucket the S3 endpoint gets no extra statement (pip does not need it)", () => {
  const { app } = buildApp(configWith({ region: "ap-south-1", availabilityZones: ["ap-south-1a"], packageMirror: { enabled: true } }), "/tmp/unused");
  const platform = app.node.findAll().find((c): c is SecureSageMakerPlatform => c instanceof SecureSageMakerPlatform)!;
  expect(platform.packageMirror?.pip.indexUrl).toBe("https://sds-dev-123456789012.d.codeartifact.ap-south-1.amazonaws.com/pypi/pypi/simple/");
  const synth = synthConfig(configWith({ region: "ap-south-1", availabilityZones: ["ap-south-1a"], packageMirror: { enabled: true } }), "dp-aps1");
  const gateway = resources(synth.stack("dev-platform"), "aws_vpc_endpoint").find(([, e]) => e.vpc_endpoint_type === "Gateway")![1];
  expect(JSON.parse(gateway.policy).Statement.map((s: any) => s.Sid)).toEqual(["OwnAccountToAllowedBuckets", "EcrImageLayers"]);
});
