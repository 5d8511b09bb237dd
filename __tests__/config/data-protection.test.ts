/** Config rules of the data-protection layer: every rule has a bad input with the message a user sees. */
import { ConfigError } from "../../app/load";
import { featureEndpoints } from "../../app/config/data-protection";
import { configWith } from "../helpers/synth";

const ADMIN = "arn:aws:iam::123456789012:role/sds-terraform";

function problems(envChanges: Record<string, unknown>): string[] {
  try {
    configWith(envChanges);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

test("the default config is valid and uses CodeCommit, delete-if-empty, 90 days, no mirror", () => {
  const env = configWith().environments[0];
  expect(env.dataProtection).toEqual({ administratorArns: [ADMIN], planPrincipalArns: [], breakGlassArns: [], bucketsOnDestroy: "delete-if-empty", noncurrentVersionDays: 90 });
  expect(env.packageMirror).toEqual({ enabled: false });
  expect(env.projects[0].codeRepository).toEqual({ type: "codecommit" });
  expect(featureEndpoints(env).map((f) => f.endpoint)).toEqual(["codecommit", "git-codecommit"]);
});

test.each<[string, Record<string, unknown>, RegExp]>([
  ["a project without administrators", { dataProtection: {} },
    /^environments\[0\]\.dataProtection\.administratorArns: .*Terraform runs outside the VPC; list the role\(s\) that run Terraform, e\.g\. \["arn:aws:iam::123456789012:role\/terraform"\]/],
  ["an administrator of another account", { dataProtection: { administratorArns: ["arn:aws:iam::210987654321:role/ci"] } },
    /^environments\[0\]\.dataProtection\.administratorArns\[0\]: .* is in account 210987654321, not the environment's account 123456789012/],
  ["an administrator with a wildcard", { dataProtection: { administratorArns: ["arn:aws:iam::123456789012:role/ci-*"] } },
    /^environments\[0\]\.dataProtection\.administratorArns\[0\]: must be an IAM role or user ARN without wildcards/],
  ["an administrator that is not an IAM principal", { dataProtection: { administratorArns: ["arn:aws:sts::123456789012:assumed-role/ci/s"] } },
    /^environments\[0\]\.dataProtection\.administratorArns\[0\]: must be an IAM role or user ARN/],
  ["an unknown destroy behaviour", { dataProtection: { administratorArns: [ADMIN], bucketsOnDestroy: "delete" } },
    /^environments\[0\]\.dataProtection\.bucketsOnDestroy: .*"retain".*"delete-if-empty".*"delete-with-data"/],
  ["a plan principal that is also an administrator", { dataProtection: { administratorArns: [ADMIN], planPrincipalArns: [ADMIN] } },
    /^environments\[0\]\.dataProtection\.planPrincipalArns\[0\]: .* is also an administrator or break-glass role; a plan principal is read-only: use a separate role for plans/],
  ["a plan principal of another account", { dataProtection: { administratorArns: [ADMIN], planPrincipalArns: ["arn:aws:iam::210987654321:role/plan"] } },
    /^environments\[0\]\.dataProtection\.planPrincipalArns\[0\]: .* is in account 210987654321, not the environment's account 123456789012/],
  ["zero days for noncurrent versions", { dataProtection: { administratorArns: [ADMIN], noncurrentVersionDays: 0 } },
    /^environments\[0\]\.dataProtection\.noncurrentVersionDays: /],
  ["the mirror on with its endpoint switched off", { packageMirror: { enabled: true }, network: { interfaceEndpoints: { "codeartifact.api": false } } },
    /^environments\[0\]\.network\.interfaceEndpoints\.codeartifact\.api: "codeartifact\.api" is switched off, but packageMirror\.enabled needs it .*remove the switch or turn the feature off/],
  ["a CodeCommit project with git-codecommit switched off", { network: { interfaceEndpoints: { "git-codecommit": false } } },
    /^environments\[0\]\.network\.interfaceEndpoints\.git-codecommit: "git-codecommit" is switched off, but projects\[0\]\.codeRepository \(codecommit\) needs it/],
  ["an unknown code repository type", { projects: [{ name: "fraud", codeRepository: { type: "github" } }] },
    /^environments\[0\]\.projects\[0\]\.codeRepository\.type: must be \{ type: "codecommit" \} or \{ type: "external", url: "https:\/\/\.\.\." \}/],
  ["an external repository over plain http", { projects: [{ name: "fraud", codeRepository: { type: "external", url: "http://git.example.com/x.git" } }] },
    /^environments\[0\]\.projects\[0\]\.codeRepository\.url: must be an https:\/\/ Git URL/],
  ["an external repository whose secret is in another region",
    { projects: [{ name: "fraud", codeRepository: { type: "external", url: "https://git.example.com/x.git", secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:git-AbC" } }] },
    /^environments\[0\]\.projects\[0\]\.codeRepository\.secretArn: the secret must be in the environment's account 123456789012 and region eu-west-1 .* it is in 123456789012 us-east-1/],
  ["a mirror switch that is not a boolean", { packageMirror: { enabled: "yes" } },
    /^environments\[0\]\.packageMirror\.enabled: expected boolean, got "yes"/],
])("rejects %s", (_, changes, message) => {
  const found = problems(changes);
  expect(found).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
});

test("an environment without projects needs no administrators, only someone who may configure its audit evidence buckets; explicit switches that agree with features are fine", () => {
  expect(problems({ projects: [], dataProtection: {} })).toEqual([expect.stringContaining("dataProtection.administratorArns: the audit evidence buckets (trail, access logs) deny configuration changes")]);
  expect(problems({ projects: [], dataProtection: {}, assumeRoleArn: "arn:aws:iam::123456789012:role/terraform" })).toEqual([]);
  expect(problems({ projects: [], dataProtection: { breakGlassArns: ["arn:aws:iam::123456789012:role/break-glass"] } })).toEqual([]);
  expect(problems({ packageMirror: { enabled: true }, network: { interfaceEndpoints: { "codeartifact.api": true, codecommit: true } } })).toEqual([]);
});

test("an external repository needs no CodeCommit endpoints", () => {
  const env = configWith({ projects: [{ name: "fraud", codeRepository: { type: "external", url: "https://git.example.com/ds/fraud.git" } }] }).environments[0];
  expect(env.projects[0].codeRepository).toEqual({ type: "external", url: "https://git.example.com/ds/fraud.git", branch: "main" });
  expect(featureEndpoints(env)).toEqual([]);
});
