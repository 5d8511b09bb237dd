/**
 * What every stack of an environment sets up the same way: the AWS provider and the state backend, from the
 * environment's plan (app/plan/plan.ts computes the names, ARN scope and tags; nothing here derives one).
 */
import { relative } from "node:path";
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TaggedCloudWorkspaces, TerraformBackend, TerraformStack } from "cdktf";
import type { AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import type { EnvironmentPlan } from "../plan/plan";

/** AWS services whose endpoints the provider sends to the emulator when `emulator` is configured (the provider's cdktf field names). */
const EMULATED_SERVICES = [
  "cloudtrail", "cloudwatch", "cloudwatchlogs", "codeartifact", "codecommit", "dynamodb", "ec2", "eventbridge", "iam", "kms",
  "route53Resolver", "s3", "sagemaker", "sns", "sts",
] as const;

/**
 * The AWS provider of an environment: pinned to its account (the provider refuses any other) and region, acting
 * as `assumeRoleArn` when set, with the environment's tags (and `extraTags`, e.g. `projectTags`) on every resource. With `emulator`
 * set, every service goes to the emulator's URL.
 */
export function awsProviderConfig(plan: EnvironmentPlan, extraTags: Readonly<Record<string, string>> = {}): AwsProviderConfig {
  const env = plan.config;
  const emulator = env.emulator?.endpoint;
  return {
    region: env.region,
    allowedAccountIds: emulator ? undefined : [env.accountId],
    defaultTags: [{ tags: { ...plan.tags, ...extraTags } }],
    ...(env.assumeRoleArn && { assumeRole: [{ roleArn: env.assumeRoleArn, sessionName: plan.names.providerSession }] }),
    ...(emulator && {
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: "true",
      s3UsePathStyle: true,
      endpoints: [Object.fromEntries(EMULATED_SERVICES.map((s) => [s, emulator]))],
    }),
  };
}

/**
 * Local state of a stack: `terraform.<stack>.tfstate` in the folder that holds the output folder, written as a
 * path relative to `<out>/stacks/<stack>` (where terraform and cdktf run), so the synthesized JSON is portable.
 */
export function localStatePath(stack: string): string {
  return relative(`/out/stacks/${stack}`, `/terraform.${stack}.tfstate`);
}

export interface BackendOptions {
  /** Keep this stack on local state regardless of the config (the state stack before its bucket exists). @default false */
  readonly forceLocal?: boolean;
}

/**
 * The backend of one stack, chosen by the environment's config. Cross-stack references read the producer's
 * backend through `terraform_remote_state` with the same settings, so every choice here works for them too:
 * S3 (one key per stack, encrypted with the state key, S3-native lockfile and/or the DynamoDB table, the
 * emulator's endpoints when set), HCP Terraform (one named workspace per stack) or local files.
 */
export function stateBackend(stack: TerraformStack, plan: EnvironmentPlan, opts: BackendOptions = {}): TerraformBackend {
  const env = plan.config;
  const name = stack.node.id;
  const backend = env.backend;
  if (opts.forceLocal || backend.type === "local") return new LocalBackend(stack, { path: localStatePath(name) });
  if (backend.type === "cloud") {
    const workspaces = backend.workspaces === "named"
      ? new NamedCloudWorkspace(plan.workspace(name), backend.project)
      : new TaggedCloudWorkspaces(backend.tags, backend.project);
    return new CloudBackend(stack, { organization: backend.organization, hostname: backend.hostname, workspaces });
  }
  const names = plan.state;
  const emulator = env.emulator?.endpoint;
  const s3 = new S3Backend(stack, {
    bucket: names.bucket,
    key: names.key(name),
    region: env.region,
    encrypt: true,
    kmsKeyId: `alias/${names.keyAlias}`,
    ...(names.lockTable && { dynamodbTable: names.lockTable }),
    ...(env.assumeRoleArn && { assumeRole: { roleArn: env.assumeRoleArn, sessionName: plan.names.backendSession } }),
    ...(emulator
      ? {
        endpoints: { s3: emulator, dynamodb: emulator, sts: emulator, iam: emulator },
        usePathStyle: true,
        skipCredentialsValidation: true,
        skipRequestingAccountId: true,
        skipMetadataApiCheck: true,
        skipRegionValidation: true,
      }
      : { allowedAccountIds: [env.accountId] }),
  });
  // cdktf 0.21's S3Backend has no prop for S3-native locking (Terraform >= 1.10).
  if (backend.locking !== "dynamodb") s3.addOverride("use_lockfile", true);
  return s3;
}
