/** Config rules of the Terraform workflow: backends, assume-role ARNs, ownership tags, stack-name globs. */
import { validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { withEnv, problems } from "../helpers/config";



const env0 = DEFAULT_CONFIG.environments[0];

describe("rejected workflow configs name the field and the fix", () => {
  const cases: [string, unknown, RegExp][] = [
    ["an unknown backend type", withEnv({ backend: { type: "gcs" } }),
      /^environments\[0\]\.backend(\.type)?: must have type "s3", "cloud" or "local"/],
    ["an invalid DynamoDB table name", withEnv({ backend: { type: "s3", locking: "dynamodb", dynamodbTable: "locks table!" } }),
      /^environments\[0\]\.backend\.dynamodbTable: must be a DynamoDB table name: 3-255 letters, digits, underscores, hyphens and dots/],
    ["a lock table with lockfile-only locking", withEnv({ backend: { type: "s3", dynamodbTable: "tf-locks" } }),
      /^environments\[0\]\.backend\.dynamodbTable: a lock table is named but locking is "lockfile"; set locking to "dynamodb" or "both"/],
    ["an unknown locking mode", withEnv({ backend: { type: "s3", locking: "consul" } }),
      /^environments\[0\]\.backend\.locking: /],
    ["a state bucket name with capitals", withEnv({ backend: { type: "s3", bucket: "Team-State" } }),
      /^environments\[0\]\.backend\.bucket: must be an S3 bucket name/],
    ["a key prefix without a trailing slash", withEnv({ backend: { type: "s3", keyPrefix: "sagemaker" } }),
      /^environments\[0\]\.backend\.keyPrefix: must be empty or path segments ending with a slash/],
    ["a cloud backend without organisation", withEnv({ backend: { type: "cloud" } }),
      /^environments\[0\]\.backend\.organization: is required/],
    ["a cloud organisation with spaces", withEnv({ backend: { type: "cloud", organization: "acme data" } }),
      /^environments\[0\]\.backend\.organization: must be an HCP Terraform organisation name/],
    ["cross-stack references with tagged workspaces", withEnv({ backend: { type: "cloud", organization: "acme", workspaces: "tagged", tags: ["sagemaker"] } }),
      /^environments\[0\]\.backend\.workspaces: project stacks read the platform stack's outputs, which needs one named workspace per stack; use workspaces "named"/],
    ["tagged workspaces without tags", withEnv({ projects: [], backend: { type: "cloud", organization: "acme", workspaces: "tagged" } }),
      /^environments\[0\]\.backend\.tags: tagged workspaces need at least one tag/],
    ["tags with named workspaces", withEnv({ backend: { type: "cloud", organization: "acme", tags: ["x"] } }),
      /^environments\[0\]\.backend\.tags: tags are only used with workspaces "tagged"/],
    ["a workspace prefix with a slash", withEnv({ backend: { type: "cloud", organization: "acme", workspacePrefix: "sds/" } }),
      /^environments\[0\]\.backend\.workspacePrefix: must be at most 40 letters, digits, hyphens and underscores/],
    ["HCP Terraform with the local emulator", withEnv({ emulator: { endpoint: "http://127.0.0.1:5000" }, backend: { type: "cloud", organization: "acme" } }),
      /^environments\[0\]\.backend\.type: the emulator runs on this machine and HCP Terraform cannot reach it/],
    ["a malformed assume-role ARN", withEnv({ assumeRoleArn: "arn:aws:iam::123456789012:user/deployer" }),
      /^environments\[0\]\.assumeRoleArn: must be an IAM role ARN such as arn:aws:iam::123456789012:role\/terraform-deploy/],
    ["an assume-role ARN of another account", withEnv({ assumeRoleArn: "arn:aws:iam::210987654321:role/deploy" }),
      /^environments\[0\]\.assumeRoleArn: the role is in account 210987654321, but the environment is in 123456789012 and the provider only runs there/],
    ["an assume-role ARN of another partition", withEnv({ assumeRoleArn: "arn:aws-cn:iam::123456789012:role/deploy" }),
      /^environments\[0\]\.assumeRoleArn: the role is in partition aws-cn, but eu-west-1 is in aws/],
    ["an owner that is no tag value", withEnv({ owner: "team<script>" }),
      /^environments\[0\]\.owner: must be 1-256 letters, digits, spaces/],
    ["environment names whose stack globs overlap", { ...DEFAULT_CONFIG, environments: [env0, { ...env0, name: "dev-eu" }] },
      /^environments\[1\]\.name: "dev-eu" starts with "dev-", so the stack glob 'dev-\*' would also select this environment's stacks/],
  ];

  test.each(cases)("%s", (_what, input, expected) => {
    const found = problems(input);
    if (!found.some((p) => expected.test(p))) throw new Error(`no problem matches ${expected}; got:\n${found.join("\n")}`);
  });
});

describe("accepted workflow configs", () => {
  test("the default backend is S3 with S3-native locking", () => {
    const env = validateConfig(DEFAULT_CONFIG).environments[0];
    expect(env.backend).toEqual({ type: "s3", keyPrefix: "", locking: "lockfile", noncurrentVersionDays: 90 });
  });

  test("HCP Terraform with named workspaces, DynamoDB locking, local state and an assume-role ARN are accepted", () => {
    expect(() => validateConfig(withEnv({ backend: { type: "cloud", organization: "acme-data", project: "sagemaker" } }))).not.toThrow();
    expect(() => validateConfig(withEnv({ backend: { type: "s3", locking: "both", dynamodbTable: "tf-locks" } }))).not.toThrow();
    expect(() => validateConfig(withEnv({ backend: { type: "local" } }))).not.toThrow();
    expect(() => validateConfig(withEnv({ assumeRoleArn: "arn:aws:iam::123456789012:role/platform/terraform-deploy" }))).not.toThrow();
    expect(() => validateConfig(withEnv({ projects: [], backend: { type: "cloud", organization: "acme", workspaces: "tagged", tags: ["sagemaker"] } }))).not.toThrow();
  });

  test("environment names that share a prefix without a hyphen are fine (dev, devtest)", () => {
    expect(() => validateConfig({ ...DEFAULT_CONFIG, environments: [env0, { ...env0, name: "devtest", region: "eu-central-1", availabilityZones: ["eu-central-1a"] }] })).not.toThrow();
  });
});
