/**
 * Config of where Terraform runs against: the state backend (S3, HCP Terraform, local), the role Terraform assumes,
 * and the optional AWS API emulator. `schema.ts` plugs these into the environment and calls `checkBackendAndIdentity`
 * from its cross-field checks.
 */
import { z } from "zod";
import { REGIONS } from "../../lib/domain/catalogue/regions";

export const Emulator = z.strictObject({
  /** Base URL of an AWS API emulator (moto, LocalStack) that every AWS service call and the S3 backend go to. */
  endpoint: z.url({ protocol: /^https?$/, error: "must be a URL such as http://127.0.0.1:5000 (http or https)" }),
});

// ---- Terraform state backend, provider identity and ownership tags (issue 6) ----

/** DynamoDB table names: 3-255 letters, digits, underscores, hyphens and dots. */
const DYNAMODB_TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
/** An IAM role ARN in any partition (the account is checked against the environment's in the superRefine). */
export const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
/** HCP Terraform organisation names: letters, digits, hyphens, underscores (and dots on Terraform Enterprise). */
const TFC_ORGANIZATION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
/** HCP Terraform workspace names: letters, digits, hyphens and underscores, at most 90 characters. */
export const TFC_WORKSPACE = /^[A-Za-z0-9_-]{1,90}$/;

const S3StateBackend = z.strictObject({
  type: z.literal("s3"),
  /** The state bucket the environment's state stack creates. @default `<prefix>-<environment>-tfstate-<account>` */
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "must be an S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens" }).optional(),
  /** Prefix of every state key; each stack's state is `<keyPrefix><stack>/terraform.tfstate`. @default "" */
  keyPrefix: z.string().regex(/^([A-Za-z0-9!_.*'()-]+\/)*$/, { error: "must be empty or path segments ending with a slash (e.g. \"sagemaker/\")" }).default(""),
  /**
   * How Terraform locks the state: "lockfile" (S3-native `use_lockfile`, Terraform >= 1.10), "dynamodb" (the
   * older lock table, deprecated in Terraform 1.11) or "both" (while moving from the table to the lockfile).
   */
  locking: z.enum(["lockfile", "dynamodb", "both"]).default("lockfile"),
  /** Lock table name when `locking` uses DynamoDB. @default `<prefix>-<environment>-tfstate-lock` */
  dynamodbTable: z.string().regex(DYNAMODB_TABLE, { error: "must be a DynamoDB table name: 3-255 letters, digits, underscores, hyphens and dots" }).optional(),
  /** Days a replaced (noncurrent) state version is kept before S3 expires it. */
  noncurrentVersionDays: z.number().int().min(1).max(3650).default(90),
});

const CloudStateBackend = z.strictObject({
  type: z.literal("cloud"),
  /** HCP Terraform / Terraform Enterprise organisation. */
  organization: z.string().regex(TFC_ORGANIZATION, { error: "must be an HCP Terraform organisation name (letters, digits, hyphens, underscores, e.g. \"acme-data\")" }),
  /** Terraform Enterprise host. @default "app.terraform.io" */
  hostname: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, { error: "must be a host name such as app.terraform.io" }).default("app.terraform.io"),
  /** HCP Terraform project the workspaces belong to. @default the organisation's default project */
  project: z.string().min(1).max(40).optional(),
  /**
   * "named": one workspace per stack, named `<workspacePrefix><stack>` (cross-stack references need this).
   * "tagged": the stack runs in any workspace carrying `tags` (only for environments without projects).
   */
  workspaces: z.enum(["named", "tagged"]).default("named"),
  /** Start of every workspace name. @default `<prefix>-` */
  workspacePrefix: z.string().regex(/^[A-Za-z0-9_-]{0,40}$/, { error: "must be at most 40 letters, digits, hyphens and underscores" }).optional(),
  /** Workspace tags when `workspaces` is "tagged". */
  tags: z.array(z.string().regex(/^[a-z0-9:_-]{1,255}$/, { error: "workspace tags are lower-case letters, digits, colons, hyphens and underscores" })).default([]),
});

const LocalStateBackend = z.strictObject({
  /** State files `terraform.<stack>.tfstate` in the folder that holds the output folder (cdktf's default). */
  type: z.literal("local"),
});

/** Where Terraform keeps each stack's state. */
export const StateBackend = z.discriminatedUnion("type", [S3StateBackend, CloudStateBackend, LocalStateBackend], {
  error: "must have type \"s3\", \"cloud\" or \"local\"",
}).default({ type: "s3", keyPrefix: "", locking: "lockfile", noncurrentVersionDays: 90 });

/** The shape `checkBackendAndIdentity` reads (a validated environment). */
export interface BackendEnvironment {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly backend: z.infer<typeof StateBackend>;
  readonly emulator?: z.infer<typeof Emulator>;
  readonly assumeRoleArn?: string;
  readonly projects: readonly unknown[];
}

/** Cross-field rules; `report(message, ...path)` with a path relative to the environment. */
export function checkBackendAndIdentity(env: BackendEnvironment, report: (message: string, ...path: (string | number)[]) => void): void {
  const backend = env.backend;
  if (backend.type === "s3" && backend.locking === "lockfile" && backend.dynamodbTable) {
    report(`a lock table is named but locking is "lockfile"; set locking to "dynamodb" or "both", or remove dynamodbTable`, "backend", "dynamodbTable");
  }
  if (backend.type === "cloud") {
    if (env.emulator) report(`the emulator runs on this machine and HCP Terraform cannot reach it; use backend type "s3" or "local" with emulator`, "backend", "type");
    if (backend.workspaces === "tagged") {
      if (env.projects.length > 0) {
        report(`project stacks read the platform stack's outputs, which needs one named workspace per stack; use workspaces "named" (or an environment without projects)`, "backend", "workspaces");
      }
      if (backend.tags.length === 0) report(`tagged workspaces need at least one tag (e.g. ["sagemaker", "${env.name}"])`, "backend", "tags");
    } else if (backend.tags.length > 0) {
      report(`tags are only used with workspaces "tagged"; remove them or switch to "tagged"`, "backend", "tags");
    }
  }
  if (env.assumeRoleArn) {
    const [, partition, account] = /^arn:([^:]+):iam::(\d{12}):/.exec(env.assumeRoleArn) ?? [];
    if (account !== env.accountId) {
      report(`the role is in account ${account}, but the environment is in ${env.accountId} and the provider only runs there; use a role of account ${env.accountId}`, "assumeRoleArn");
    }
    const expected = REGIONS[env.region]?.partition;
    if (expected && partition !== expected) report(`the role is in partition ${partition}, but ${env.region} is in ${expected}; use arn:${expected}:iam::...`, "assumeRoleArn");
  }
}
