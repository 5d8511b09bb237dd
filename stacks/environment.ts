/**
 * What every stack of an environment derives from the config the same way: names, ARN scope, the AWS provider.
 * One place, so the platform and project stacks can never disagree on a name.
 */
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { dnsSuffixOf, partitionOf } from "../catalogue/regions";
import type { EnvironmentConfig } from "../config/schema";
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
 * The AWS provider of an environment: pinned to its account (the provider refuses any other) and region, with
 * the environment's tags on every resource. With `emulator` set, every service goes to the emulator's URL.
 */
export function awsProvider(scope: Construct, prefix: string, env: EnvironmentConfig, extraTags: Record<string, string> = {}): AwsProvider {
  const emulator = env.emulator?.endpoint;
  return new AwsProvider(scope, "aws", {
    region: env.region,
    allowedAccountIds: emulator ? undefined : [env.accountId],
    defaultTags: [{ tags: { environment: env.name, "managed-by": `${prefix}-cdktf`, ...env.tags, ...extraTags } }],
    ...(emulator && {
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: "true",
      s3UsePathStyle: true,
      endpoints: [Object.fromEntries(EMULATED_SERVICES.map((s) => [s, emulator]))],
    }),
  });
}
