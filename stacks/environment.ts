/**
 * What every stack of an environment derives from the config the same way: names, ARN scope, the AWS provider.
 * One place, so the platform and project stacks can never disagree on a name.
 */
import { relative } from "node:path";
import { Construct } from "constructs";
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TaggedCloudWorkspaces, TerraformBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { dnsSuffixOf, partitionOf } from "../catalogue/regions";
import type { EnvironmentConfig, ProjectConfig } from "../config/schema";
import type { ArnScope } from "../modules/policy/document";

/** AWS services whose endpoints the provider sends to the emulator when `emulator` is configured. */
const EMULATED_SERVICES = [
  "cloudtrail", "cloudwatchlogs", "codeartifact", "codecommit", "dynamodb", "ec2", "eventbridge", "iam", "kms",
  "s3", "sagemaker", "sns", "sts",
] as const;

export interface EnvironmentNames {
  /** `<prefix>-<environment>`: the start of every resource name. */
  readonly base: string;
  readonly scope: ArnScope;
  readonly dnsSuffix: string;
}

export function environmentNames(prefix: string, env: EnvironmentConfig): EnvironmentNames {
  return {
    base: `${prefix}-${env.name}`,
    scope: { partition: partitionOf(env.region), region: env.region, accountId: env.accountId },
    dnsSuffix: dnsSuffixOf(env.region),
  };
}

export interface ProjectNames extends EnvironmentNames {
  /** `<prefix>-<environment>-<project>`: the start of the project's resource names. */
  readonly project: string;
  /** Globally unique S3 bucket name for a purpose ("data", "models", ...): `<project base>-<purpose>-<account>`. */
  bucket(purpose: string): string;
}

export function projectNames(prefix: string, env: EnvironmentConfig, project: { name: string }): ProjectNames {
  const e = environmentNames(prefix, env);
  const base = `${e.base}-${project.name}`;
  return { ...e, base, project: project.name, bucket: (purpose) => `${base}-${purpose}-${env.accountId}` };
}

/**
 * Who administers every customer-managed key of the environment and may reach project data from outside the VPC:
 * the deploy principal(s) and the break-glass role(s). Empty when the config names none.
 */
export function keyAdministrators(env: EnvironmentConfig): string[] {
  return [...env.dataProtection.administratorArns, ...env.dataProtection.breakGlassArns];
}

/** Tags of every resource of an environment: environment, managed-by, the config's tags, owner and cost-centre (which win). */
export function environmentTags(prefix: string, env: EnvironmentConfig): Record<string, string> {
  return {
    environment: env.name,
    "managed-by": `${prefix}-cdktf`,
    ...env.tags,
    ...(env.owner && { owner: env.owner }),
    ...(env.costCentre && { "cost-centre": env.costCentre }),
  };
}

/** Tags a project adds to the environment's: project, its own owner and cost centre, its tags. */
export function projectTags(project: ProjectConfig): Record<string, string> {
  return {
    ...project.tags,
    project: project.name,
    ...(project.owner && { owner: project.owner }),
    ...(project.costCentre && { "cost-centre": project.costCentre }),
  };
}

/**
 * The AWS provider of an environment: pinned to its account (the provider refuses any other) and region, acting
 * as `assumeRoleArn` when set, with the environment's tags (and `extraTags`, e.g. `projectTags`) on every resource. With `emulator`
 * set, every service goes to the emulator's URL.
 */
export function awsProvider(scope: Construct, prefix: string, env: EnvironmentConfig, extraTags: Record<string, string> = {}): AwsProvider {
  const emulator = env.emulator?.endpoint;
  return new AwsProvider(scope, "aws", {
    region: env.region,
    allowedAccountIds: emulator ? undefined : [env.accountId],
    defaultTags: [{ tags: { ...environmentTags(prefix, env), ...extraTags } }],
    ...(env.assumeRoleArn && { assumeRole: [{ roleArn: env.assumeRoleArn, sessionName: `${prefix}-${env.name}-terraform` }] }),
    ...(emulator && {
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: "true",
      s3UsePathStyle: true,
      endpoints: [Object.fromEntries(EMULATED_SERVICES.map((s) => [s, emulator]))],
    }),
  });
}

/** Names of an environment's Terraform state resources (the state stack creates them, every backend uses them). */
export interface StateNames {
  readonly bucket: string;
  /** Bucket receiving the state bucket's server access logs: `<prefix>-<environment>-tfstate-logs-<account>`. */
  readonly accessLogBucket: string;
  /** Lock table, when the backend's locking uses DynamoDB. */
  readonly lockTable?: string;
  /** Alias of the state key, without `alias/`: `<prefix>/<environment>/tfstate`. */
  readonly keyAlias: string;
  /** The S3 key of a stack's state. */
  key(stack: string): string;
}

export function stateNames(prefix: string, env: EnvironmentConfig): StateNames {
  const b = env.backend.type === "s3" ? env.backend : undefined;
  return {
    bucket: b?.bucket ?? `${prefix}-${env.name}-tfstate-${env.accountId}`,
    accessLogBucket: `${prefix}-${env.name}-tfstate-logs-${env.accountId}`,
    lockTable: b && b.locking !== "lockfile" ? (b.dynamodbTable ?? `${prefix}-${env.name}-tfstate-lock`) : undefined,
    keyAlias: `${prefix}/${env.name}/tfstate`,
    key: (stack) => `${b?.keyPrefix ?? ""}${stack}/terraform.tfstate`,
  };
}

/** HCP Terraform workspace of a stack: `<workspacePrefix><stack>`, `<prefix>-<stack>` by default. */
export function workspaceName(prefix: string, env: EnvironmentConfig, stack: string): string {
  const p = env.backend.type === "cloud" ? env.backend.workspacePrefix : undefined;
  return `${p ?? `${prefix}-`}${stack}`;
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
export function stateBackend(stack: TerraformStack, prefix: string, env: EnvironmentConfig, opts: BackendOptions = {}): TerraformBackend {
  const name = stack.node.id;
  const backend = env.backend;
  if (opts.forceLocal || backend.type === "local") return new LocalBackend(stack, { path: localStatePath(name) });
  if (backend.type === "cloud") {
    const workspaces = backend.workspaces === "named"
      ? new NamedCloudWorkspace(workspaceName(prefix, env, name), backend.project)
      : new TaggedCloudWorkspaces(backend.tags, backend.project);
    return new CloudBackend(stack, { organization: backend.organization, hostname: backend.hostname, workspaces });
  }
  const names = stateNames(prefix, env);
  const emulator = env.emulator?.endpoint;
  const s3 = new S3Backend(stack, {
    bucket: names.bucket,
    key: names.key(name),
    region: env.region,
    encrypt: true,
    kmsKeyId: `alias/${names.keyAlias}`,
    ...(names.lockTable && { dynamodbTable: names.lockTable }),
    ...(env.assumeRoleArn && { assumeRole: { roleArn: env.assumeRoleArn, sessionName: `${prefix}-${env.name}-terraform-state` } }),
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
