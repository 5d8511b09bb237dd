/**
 * What each backend choice synthesizes: the S3 backend (key per stack, state key, lockfile and/or table, the
 * emulator's endpoints), cross-stack references that read the same backend, HCP Terraform workspaces, portable
 * local state paths, the state stack, stack names and order, provider identity and tags.
 */
import { resolve } from "node:path";
import type { ConfigInput } from "../../app/config/schema";
import { configWith, resources, synthConfig } from "../helpers/synth";

const remoteStates = (stack: Record<string, any>) => Object.values(stack.data?.terraform_remote_state ?? {}) as Record<string, any>[];

describe("the default S3 backend", () => {
  const synth = synthConfig(configWith(), "backend-s3");

  test("stacks in dependency order, named per environment so that 'dev-*' selects them", () => {
    expect(synth.stackNames).toEqual(["dev-state", "dev-platform", "dev-project-fraud"]);
    const manifest = require(resolve(synth.outdir, "manifest.json"));
    expect(manifest.stacks["dev-platform"].dependencies).toEqual(["dev-state"]);
    expect(manifest.stacks["dev-project-fraud"].dependencies).toEqual(["dev-platform"]);
  });

  test("every stack but the state stack keeps its state under its own key, encrypted with the state key, S3-locked", () => {
    for (const name of ["dev-platform", "dev-project-fraud"]) {
      expect(synth.stack(name).terraform.backend).toEqual({
        s3: {
          bucket: "sds-dev-tfstate-123456789012",
          key: `${name}/terraform.tfstate`,
          region: "eu-west-1",
          encrypt: true,
          kms_key_id: "alias/sds/dev/tfstate",
          use_lockfile: true,
          allowed_account_ids: ["123456789012"],
        },
      });
    }
  });

  test("the state stack lives in its own bucket once migrated; --state-bootstrap puts it on local state first", () => {
    expect(synth.stack("dev-state").terraform.backend.s3.key).toBe("dev-state/terraform.tfstate");
    const boot = synthConfig(configWith(), "backend-boot");
    const { buildApp } = require("../../app/app");
    const { app } = buildApp(configWith(), boot.outdir, { stateBootstrap: true });
    app.synth();
    const state = boot.stack("dev-state");
    expect(state.terraform.backend).toEqual({ local: { path: "../../../terraform.dev-state.tfstate" } });
    expect(boot.stack("dev-platform").terraform.backend.s3).toBeDefined();
  });

  test("cross-stack references read the platform's state from the same bucket and key", () => {
    const [ref] = remoteStates(synth.stack("dev-project-fraud"));
    expect(ref.backend).toBe("s3");
    expect(ref.config).toMatchObject({ bucket: "sds-dev-tfstate-123456789012", key: "dev-platform/terraform.tfstate", region: "eu-west-1" });
  });

  test("the state stack: rotated key, versioned TLS-only bucket with SSE-KMS, no public access, old versions expire, access logs", () => {
    const state = synth.stack("dev-state");
    const mine = (type: string) => resources(state, type).filter(([id]) => id.startsWith("state-bucket_")).map(([, r]) => r);
    const [[, key]] = resources(state, "aws_kms_key");
    expect(key.enable_key_rotation).toBe(true);
    expect(resources(state, "aws_kms_alias")[0][1].name).toBe("alias/sds/dev/tfstate");
    expect(mine("aws_s3_bucket")[0].bucket).toBe("sds-dev-tfstate-123456789012");
    expect(mine("aws_s3_bucket")[0].force_destroy).toBe(false);
    expect(mine("aws_s3_bucket_versioning")[0].versioning_configuration.status).toBe("Enabled");
    const sse = mine("aws_s3_bucket_server_side_encryption_configuration")[0].rule[0];
    expect(sse.apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
    expect(sse.apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/aws_kms_key\..*\.arn/);
    expect(sse.bucket_key_enabled).toBe(true);
    const block = mine("aws_s3_bucket_public_access_block")[0];
    expect([block.block_public_acls, block.block_public_policy, block.ignore_public_acls, block.restrict_public_buckets]).toEqual([true, true, true, true]);
    const policy = JSON.parse(mine("aws_s3_bucket_policy")[0].policy);
    const sids = policy.Statement.map((st: any) => `${st.Effect}:${st.Sid}`);
    expect(sids).toEqual(["Deny:DenyInsecureTransport", "Deny:DenyOutdatedTls", "Deny:DenyUploadsWithOtherEncryption", "Deny:DenyCustomerProvidedKeys"]);
    expect(JSON.stringify(policy)).not.toContain("SourceVpce");
    expect(mine("aws_s3_bucket_lifecycle_configuration")[0].rule[0].noncurrent_version_expiration[0].noncurrent_days).toBe(90);
    const logging = mine("aws_s3_bucket_logging")[0];
    expect(logging.target_prefix).toBe("sds-dev-tfstate-123456789012/");
    const logBucket = resources(state, "aws_s3_bucket").find(([, r]) => r.bucket === "sds-dev-tfstate-logs-123456789012");
    expect(logging.target_bucket).toContain(logBucket![0]);
    expect(resources(state, "aws_dynamodb_table")).toEqual([]);
  });

  test("local state paths are relative, so the synthesized JSON works on any machine", () => {
    const local = synthConfig(configWith({ backend: { type: "local" } }), "backend-local");
    expect(local.stackNames).toEqual(["dev-platform", "dev-project-fraud"]);
    expect(local.stack("dev-platform").terraform.backend).toEqual({ local: { path: "../../../terraform.dev-platform.tfstate" } });
    const [ref] = remoteStates(local.stack("dev-project-fraud"));
    expect(ref).toMatchObject({ backend: "local", config: { path: "../../../terraform.dev-platform.tfstate" } });
    expect(JSON.stringify(local.stack("dev-project-fraud"))).not.toContain(local.outdir);
  });
});

test("DynamoDB locking: the backend names the table, the state stack creates it encrypted, with PITR and deletion protection", () => {
  const synth = synthConfig(configWith({ backend: { type: "s3", locking: "dynamodb" } }), "backend-ddb");
  const backend = synth.stack("dev-platform").terraform.backend.s3;
  expect(backend.dynamodb_table).toBe("sds-dev-tfstate-lock");
  expect(backend.use_lockfile).toBeUndefined();
  const [[, table]] = resources(synth.stack("dev-state"), "aws_dynamodb_table");
  expect(table).toMatchObject({ name: "sds-dev-tfstate-lock", hash_key: "LockID", billing_mode: "PAY_PER_REQUEST", deletion_protection_enabled: true, point_in_time_recovery: { enabled: true } });
  expect(table.server_side_encryption.enabled).toBe(true);
  expect(table.server_side_encryption.kms_key_arn).toMatch(/aws_kms_key\..*\.arn/);
  const both = synthConfig(configWith({ backend: { type: "s3", locking: "both", dynamodbTable: "tf-locks" } }), "backend-both");
  expect(both.stack("dev-platform").terraform.backend.s3).toMatchObject({ dynamodb_table: "tf-locks", use_lockfile: true });
});

test("with the emulator, the backend and the remote state go to its endpoints, path-style, without AWS account checks", () => {
  const endpoint = "http://127.0.0.1:5999";
  const synth = synthConfig(configWith({ emulator: { endpoint } }), "backend-emu");
  const expected = {
    endpoints: { s3: endpoint, dynamodb: endpoint, sts: endpoint, iam: endpoint },
    use_path_style: true, skip_credentials_validation: true, skip_requesting_account_id: true,
    skip_metadata_api_check: true, skip_region_validation: true,
  };
  expect(synth.stack("dev-platform").terraform.backend.s3).toMatchObject(expected);
  expect(synth.stack("dev-platform").terraform.backend.s3.allowed_account_ids).toBeUndefined();
  expect(remoteStates(synth.stack("dev-project-fraud"))[0].config).toMatchObject(expected);
});

test("an assume-role ARN goes to the provider and the S3 backend (and so to the remote state)", () => {
  const roleArn = "arn:aws:iam::123456789012:role/terraform-deploy";
  const synth = synthConfig(configWith({ assumeRoleArn: roleArn }), "backend-role");
  for (const name of synth.stackNames) {
    const stack = synth.stack(name);
    expect(stack.provider.aws[0].assume_role).toEqual([{ role_arn: roleArn, session_name: "sds-dev-terraform" }]);
    if (name !== "dev-state") expect(stack.terraform.backend.s3.assume_role).toEqual({ role_arn: roleArn, session_name: "sds-dev-terraform-state" });
  }
  expect(remoteStates(synth.stack("dev-project-fraud"))[0].config.assume_role.role_arn).toBe(roleArn);
});

test("default tags: environment, owner and cost centre on every stack; project and the project's owner on its stack", () => {
  const synth = synthConfig(configWith({ owner: "platform-team", costCentre: "cc-1234", projects: [{ name: "fraud", owner: "fraud-analytics", costCentre: "cc-42" }, { name: "churn" }] }), "backend-tags");
  const tags = (name: string) => synth.stack(name).provider.aws[0].default_tags[0].tags;
  expect(tags("dev-platform")).toMatchObject({ environment: "dev", owner: "platform-team", "cost-centre": "cc-1234", "managed-by": "sds-cdktf" });
  expect(tags("dev-platform").project).toBeUndefined();
  expect(tags("dev-state")).toMatchObject({ environment: "dev", owner: "platform-team" });
  expect(tags("dev-project-fraud")).toMatchObject({ environment: "dev", project: "fraud", owner: "fraud-analytics", "cost-centre": "cc-42" });
  expect(tags("dev-project-churn")).toMatchObject({ environment: "dev", project: "churn", owner: "platform-team", "cost-centre": "cc-1234" });
});

describe("HCP Terraform", () => {
  const cloud = { type: "cloud", organization: "acme-data", project: "sagemaker", workspacePrefix: "ds-" } as const;
  const input: Partial<ConfigInput> = {
    environments: [
      { ...configWith().environments[0], backend: cloud } as any,
      { name: "prod", accountId: "210987654321", region: "us-east-1", availabilityZones: ["us-east-1a"], backend: cloud, projects: [{ name: "fraud" }],
        dataProtection: { administratorArns: ["arn:aws:iam::210987654321:role/terraform"] } },
    ],
  };
  const synth = synthConfig(configWith({}, input), "backend-cloud");

  test("no state stack; one named workspace per stack, <workspacePrefix><stack>, in the project", () => {
    expect(synth.stackNames).toEqual(["dev-platform", "dev-project-fraud", "prod-platform", "prod-project-fraud"]);
    for (const name of synth.stackNames) {
      expect(synth.stack(name).terraform.cloud).toEqual({ organization: "acme-data", hostname: "app.terraform.io", workspaces: { name: `ds-${name}`, project: "sagemaker" } });
      expect(synth.stack(name).terraform.backend).toBeUndefined();
    }
  });

  test("cross-stack references read the producer's workspace through the remote backend", () => {
    const [ref] = remoteStates(synth.stack("prod-project-fraud"));
    expect(ref).toMatchObject({ backend: "remote", config: { organization: "acme-data", hostname: "app.terraform.io", workspaces: { name: "ds-prod-platform" } } });
  });

  test("workspace names default to <prefix>-<stack>", () => {
    const plain = synthConfig(configWith({ backend: { type: "cloud", organization: "acme" } }), "backend-cloud-default");
    expect(plain.stack("dev-platform").terraform.cloud.workspaces).toEqual({ name: "sds-dev-platform" });
  });
});
