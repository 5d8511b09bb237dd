/**
 * The typed configuration: environments (one platform each) and, inside them, projects.
 * Every rule a config must follow lives here, so that a bad config is rejected before any construct is built.
 */
import { z } from "zod";
import { ENDPOINT_NAMES } from "../catalogue/endpoints";
import { KNOWN_GAPS } from "../compliance/known-gaps";
import { RULE_IDS } from "../compliance/registry";
import { REGIONS } from "../catalogue/regions";
import { Cidr, format, isPrivate, parseCidr, subnet } from "./cidr";
import { checkDataProtection, CodeRepository, DataProtection, PackageMirror } from "./data-protection";
import { checkIdentity, Identity, InstanceTypes, Notebook, NotebookAutoStop } from "./identity";

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const NAME = /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/;
const nameField = (example: string) =>
  z.string().regex(NAME, { error: `must be 2-16 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen (e.g. "${example}")` });

const tags = z.record(z.string().regex(/^[\w .:/=+@-]{1,128}$/, { error: "tag keys are 1-128 letters, digits, spaces and _.:/=+-@" }),
  z.string().max(256, { error: "tag values are at most 256 characters" })).default({});

/** Inbound rules the endpoint security group can spare for client networks (AWS's default quota is 60 per group). */
export const MAX_CLIENT_NETWORKS = 50;

const ClientAccess = z.strictObject({
  /**
   * Private (RFC 1918) IPv4 CIDRs of the client networks that reach the VPC over VPN or Direct Connect, in canonical
   * form (network address, no leading zeros), e.g. "10.100.0.0/16". Each becomes one ingress rule (TCP 443) on the
   * interface endpoints' security group.
   */
  cidrs: z.array(z.string()).default([]),
  /**
   * Managed prefix lists (`pl-...`, e.g. one shared through AWS RAM by the network team) naming the client networks.
   * Each becomes one ingress rule (TCP 443); a prefix list counts as its max entries against the group's rule quota.
   */
  prefixListIds: z.array(z.string().regex(/^pl-[0-9a-f]{8,17}$/, { error: "must be a managed prefix list id: \"pl-\" and 8 to 17 lower-case hex digits (e.g. \"pl-0123456789abcdef0\")" })).default([]),
}).default({ cidrs: [], prefixListIds: [] });

const Network = z.strictObject({
  /** IPv4 CIDR of the VPC, /16 to /28, in a private (RFC 1918) range. */
  vpcCidr: z.string().default("10.20.0.0/16"),
  /** Prefix length of each private subnet. Default: the VPC's prefix + 3 (room for 8 subnets), at most /28. */
  subnetPrefixLength: z.number().int().min(16).max(28).optional(),
  /** Interface endpoints switched on (true) or off (false) against the catalogue's defaults. */
  interfaceEndpoints: z.record(z.string(), z.boolean()).default({}),
  /**
   * Extra S3 buckets the S3 gateway endpoint lets the VPC reach (names, wildcards allowed, e.g. "corp-datalake-*").
   * The environment's own buckets (`<prefix>-<environment>-*`) and the region's ECR layer bucket are always allowed.
   */
  s3AllowedBuckets: z.array(z.string().regex(/^[a-z0-9*][a-z0-9.*-]{0,62}$/, { error: "must be an S3 bucket name, * allowed as wildcard" })).default([]),
  /** Client networks (VPN, Direct Connect) that reach the interface endpoints over HTTPS (docs/client-access.md). */
  clientAccess: ClientAccess,
}).default({ vpcCidr: "10.20.0.0/16", interfaceEndpoints: {}, s3AllowedBuckets: [], clientAccess: { cidrs: [], prefixListIds: [] } });

const Logs = z.strictObject({
  /** Retention of every log group the environment creates (flow logs, SageMaker, trail). */
  retentionDays: z.number().int().refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
    error: `must be one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
  }).default(365),
  /** Required when retentionDays is below 365 (CloudWatch.16 / CKV_AWS_338): why a shorter period is acceptable. */
  shortRetentionReason: z.string().min(10).optional(),
}).default({ retentionDays: 365 });

// --- audit (issue #5): trail, SageMaker log groups, detective-control alerts ---
/** Where the detective control's alerts go. http (plain text) is not accepted: alerts travel over TLS. */
export const ALERT_PROTOCOLS = ["email", "email-json", "https", "sqs", "lambda"] as const;

const AlertSubscription = z.strictObject({
  /** How the alert is delivered. */
  protocol: z.enum(ALERT_PROTOCOLS, { error: `must be one of ${ALERT_PROTOCOLS.join(", ")} (plain http is refused: alerts must travel over TLS)` }),
  /** An e-mail address (email, email-json), an https:// URL, or the ARN of an SQS queue or Lambda function. */
  endpoint: z.string().min(1),
});

const Audit = z.strictObject({
  /**
   * "account": the environment creates its own multi-region trail. "organization": the account is already recorded
   * by an AWS Organizations trail (set organizationTrailArn), and no account trail is made.
   */
  trail: z.enum(["account", "organization"], { error: "must be \"account\" (the environment makes its trail) or \"organization\" (an organization trail records the account)" }).default("account"),
  /** With trail = "organization": the organization trail the environment relies on (for the record and the outputs). */
  organizationTrailArn: z.string().regex(/^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9._-]{3,128}$/, { error: "must be a trail ARN such as arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail" }).optional(),
  /** Days the account trail's log and digest files (and their access logs) are kept in S3; at least a year. */
  trailFileRetentionDays: z.number().int().min(365, { error: "trail files must be kept at least 365 days (CIS, and most audit regimes ask for more); e.g. 2557 for seven years" }).max(36500).default(2557),
  /**
   * S3 Object Lock on the account trail's bucket, GOVERNANCE mode: every log and digest file version is kept at least
   * `retentionDays` (1-36500); only a principal allowed s3:BypassGovernanceRetention (the break-glass role) can
   * delete it earlier. Turning it on for an existing environment does NOT replace the trail bucket: the lock is
   * enabled through aws_s3_bucket_object_lock_configuration (S3 allows that on a versioned bucket since 2023-11),
   * not through aws_s3_bucket.object_lock_enabled, which forces a new bucket in hashicorp/aws 5.x. Once on, S3
   * Object Lock cannot be switched off; removing this setting only removes the default retention.
   * Measured and explained in docs/audit-object-lock.md. @default none
   */
  trailObjectLock: z.strictObject({
    retentionDays: z.number().int()
      .min(1, { error: "must be at least 1 day" })
      .max(36500, { error: "must be at most 36500 days (100 years, S3's limit)" }),
  }).optional(),
  /** Whether this environment creates SageMaker's account-wide log groups (/aws/sagemaker/...) in its account and region. */
  sageMakerLogGroups: z.boolean().default(true),
  /** Subscriptions of the detective control's alert topic. */
  alertSubscriptions: z.array(AlertSubscription).default([]),
}).default({ trail: "account", trailFileRetentionDays: 2557, sageMakerLogGroups: true, alertSubscriptions: [] });
// --- end audit ---

const Emulator = z.strictObject({
  /** Base URL of an AWS API emulator (moto, LocalStack) that every AWS service call and the S3 backend go to. */
  endpoint: z.url({ error: "must be a URL such as http://127.0.0.1:5000" }),
});

// ---- Terraform state backend, provider identity and ownership tags (issue 6) ----

/** DynamoDB table names: 3-255 letters, digits, underscores, hyphens and dots. */
const DYNAMODB_TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
/** An IAM role ARN in any partition (the account is checked against the environment's in the superRefine). */
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
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
const StateBackend = z.discriminatedUnion("type", [S3StateBackend, CloudStateBackend, LocalStateBackend], {
  error: "must have type \"s3\", \"cloud\" or \"local\"",
}).default({ type: "s3", keyPrefix: "", locking: "lockfile", noncurrentVersionDays: 90 });

const owner = z.string().regex(/^[\w .:/=+@-]{1,256}$/, { error: "must be 1-256 letters, digits, spaces and _.:/=+-@ (a tag value)" });
// --- compliance and cost (issue 7) ---
/** A deliberate exception to a compliance rule; shown in every report. */
const Suppression = z.strictObject({
  /** Rule id, e.g. "s3-access-logging" (`npm run check` lists them). */
  rule: z.string(),
  /** Glob (`*` = any characters) over construct paths and Terraform addresses, e.g. "*\/access-logs/bucket". */
  resource: z.string().min(1),
  /** Why the control is deliberately not met: at least 30 characters a reviewer can check. */
  reason: z.string().trim().min(30, { error: "must explain in at least 30 characters why the control is deliberately not met" }),
});

const Compliance = z.strictObject({
  /** "enforce": a failing rule fails the synth. "warn": failures are printed as warnings (for experiments only). */
  mode: z.enum(["enforce", "warn"]).default("enforce"),
  /** Deliberate exceptions. @default the product's known gaps (compliance/known-gaps.ts) */
  suppressions: z.array(Suppression).default(() => KNOWN_GAPS.map((g) => ({ ...g }))),
}).default(() => ({ mode: "enforce" as const, suppressions: KNOWN_GAPS.map((g) => ({ ...g })) }));

/** Usage assumptions of the monthly cost estimate (`npm run cost`); prices come from catalogue/prices.ts. */
const CostAssumptions = z.strictObject({
  /** Hours each notebook instance runs a month (730 = never stopped). */
  notebookHoursPerMonth: z.number().min(0).max(744).default(730),
  /** GB of log events ingested a month, all log groups of the environment together. */
  logIngestionGbPerMonth: z.number().min(0).default(5),
  /** GB through the interface endpoints a month, all together. */
  endpointDataGbPerMonth: z.number().min(0).default(10),
  /** CloudTrail data events (S3 object reads and writes) a month. */
  cloudTrailDataEventsPerMonth: z.number().int().min(0).default(1_000_000),
  /** KMS API requests a month, all keys together (S3 bucket keys keep this low). */
  kmsRequestsPerMonth: z.number().int().min(0).default(100_000),
}).default({ notebookHoursPerMonth: 730, logIngestionGbPerMonth: 5, endpointDataGbPerMonth: 10, cloudTrailDataEventsPerMonth: 1_000_000, kmsRequestsPerMonth: 100_000 });
// --- end compliance and cost ---

const Project = z.strictObject({
  /** Project name: part of stack, bucket and role names. */
  name: nameField("fraud"),
  /** Tags added to every resource of the project (owner, cost centre, ...). */
  tags,
  /** `owner` tag of the project's resources. @default the environment's owner */
  owner: owner.optional(),
  /** `cost-centre` tag of the project's resources. @default the environment's cost centre */
  costCentre: owner.optional(),
  /** The notebooks' default Git repository: a CodeCommit repository of the project, or an external URL. */
  codeRepository: CodeRepository,
  /** Who may assume the project's roles (config/identity.ts). */
  identity: Identity,
  /** The data scientists' notebook instances (config/identity.ts). */
  notebooks: z.array(Notebook).default([]),
  /** Instance types the project may use, per use (config/identity.ts; enforced with sagemaker:InstanceTypes). */
  instanceTypes: InstanceTypes,
  /** Idle minutes before a notebook stops itself (its lifecycle configuration); 0 = never. */
  notebookAutoStopMinutes: NotebookAutoStop,
});

const Environment = z.strictObject({
  /** Environment name: start of its stack names (`<name>-platform`), part of every resource name. */
  name: nameField("dev"),
  /** The AWS account the environment lives in; the provider refuses to run against any other. */
  accountId: z.string().regex(/^\d{12}$/, { error: "must be a 12-digit AWS account id (e.g. \"123456789012\")" }),
  /** AWS region of the environment's resources (catalogue/regions.ts lists the known ones). */
  region: z.string().refine((r) => r in REGIONS, { error: (i) => `"${String(i.input)}" is not an AWS region this tool knows (e.g. eu-west-1)` }),
  /** One private subnet per zone, 1 to 6 zones, each in the environment's region. */
  availabilityZones: z.array(z.string()),
  /** The private network: VPC CIDR, subnet size, interface endpoints, S3 buckets reachable through the endpoint. */
  network: Network,
  /** Log retention of every log group the environment creates. */
  logs: Logs,
  /** Tags on every resource of the environment (through the provider's default_tags). */
  tags,
  /** The data science projects of the environment: one `<env>-project-<name>` stack each. */
  projects: z.array(Project).default([]),
  /** Trail, SageMaker log groups and the detective control's alert subscriptions. */
  audit: Audit,
  /** Run against a local AWS API emulator instead of AWS (`npm run demo` sets it). */
  emulator: Emulator.optional(),
  /** Where Terraform keeps the state of the environment's stacks. @default S3 with S3-native locking */
  backend: StateBackend,
  /** Role Terraform assumes in the environment's account (provider and S3 backend). @default the caller's credentials */
  assumeRoleArn: z.string().regex(ROLE_ARN, { error: "must be an IAM role ARN such as arn:aws:iam::123456789012:role/terraform-deploy" }).optional(),
  /** `owner` tag on every resource of the environment. */
  owner: owner.optional(),
  /** `cost-centre` tag on every resource of the environment. */
  costCentre: owner.optional(),
  /** Key administrators, bucket access carve-out and destroy behaviour (config/data-protection.ts). */
  dataProtection: DataProtection,
  /** The optional private PyPI mirror (config/data-protection.ts). */
  packageMirror: PackageMirror,
  /** Usage assumptions of the cost estimate. */
  cost: CostAssumptions,
});

export const ConfigSchema = z.strictObject({
  /** Prefix of every resource name, so that several installations can share an account. */
  prefix: z.string().regex(/^[a-z][a-z0-9]{1,9}$/, { error: "must be 2-10 lower-case letters and digits, starting with a letter (e.g. \"sds\")" }).default("sds"),
  /** One platform each (own account, region, state and stacks). */
  environments: z.array(Environment).min(1, { error: "at least one environment is needed" }),
  /** Compliance rule pack: enforcement mode and suppressions. */
  compliance: Compliance,
}).superRefine((config, ctx) => {
  config.compliance.suppressions.forEach((s, i) => {
    if (!RULE_IDS.includes(s.rule)) {
      ctx.addIssue({ code: "custom", path: ["compliance", "suppressions", i, "rule"], message: `"${s.rule}" is not a compliance rule; known: ${RULE_IDS.join(", ")}` });
    }
  });
  const seen = new Map<string, number>();
  const sageMakerLogGroupOwners = new Map<string, number>();
  config.environments.forEach((env, i) => {
    const at = (...p: (string | number)[]) => ["environments", i, ...p];
    if (seen.has(env.name)) {
      ctx.addIssue({ code: "custom", path: at("name"), message: `"${env.name}" is already the name of environments[${seen.get(env.name)}]; environment names must be unique` });
    } else seen.set(env.name, i);

    checkZones(env.region, env.availabilityZones, (m, j) => ctx.addIssue({ code: "custom", path: j === undefined ? at("availabilityZones") : at("availabilityZones", j), message: m }));
    checkNetwork(env.network, env.availabilityZones.length, (m, field) => ctx.addIssue({ code: "custom", path: at("network", field), message: m }));
    checkClientAccess(env.network, (m, ...p) => ctx.addIssue({ code: "custom", path: at("network", "clientAccess", ...p), message: m }));
    for (const name of Object.keys(env.network.interfaceEndpoints)) {
      if (!ENDPOINT_NAMES.includes(name)) {
        ctx.addIssue({ code: "custom", path: at("network", "interfaceEndpoints", name), message: `"${name}" is not in the endpoint catalogue; known: ${ENDPOINT_NAMES.join(", ")}` });
      }
    }
    if (env.logs.retentionDays < 365 && !env.logs.shortRetentionReason) {
      ctx.addIssue({ code: "custom", path: at("logs", "retentionDays"), message: `${env.logs.retentionDays} days is below the 365 that CloudWatch.16 asks for; set logs.shortRetentionReason to record why, or use 365 or more` });
    }
    checkAudit(env, (m, ...p) => ctx.addIssue({ code: "custom", path: at("audit", ...p), message: m }));
    const owner = sageMakerLogGroupOwners.get(`${env.accountId}/${env.region}`);
    if (env.audit.sageMakerLogGroups && owner !== undefined) {
      ctx.addIssue({ code: "custom", path: at("audit", "sageMakerLogGroups"), message: `environments[${owner}] already creates SageMaker's log groups (/aws/sagemaker/...) in account ${env.accountId} ${env.region}; they exist once per account and region, so set audit.sageMakerLogGroups: false here` });
    } else if (env.audit.sageMakerLogGroups) sageMakerLogGroupOwners.set(`${env.accountId}/${env.region}`, i);
    checkBackendAndIdentity(env, (m, ...p) => ctx.addIssue({ code: "custom", path: at(...p), message: m }));
    checkDataProtection(env, (m, ...p) => ctx.addIssue({ code: "custom", path: at(...p), message: m }));
    checkIdentity(config.prefix, env, (m, ...p) => ctx.addIssue({ code: "custom", path: at(...p), message: m }));
    const projects = new Map<string, number>();
    env.projects.forEach((p, j) => {
      if (projects.has(p.name)) ctx.addIssue({ code: "custom", path: at("projects", j, "name"), message: `"${p.name}" is already the name of projects[${projects.get(p.name)}]; project names must be unique in an environment` });
      else projects.set(p.name, j);
    });
  });

  // Stack names start with `<environment>-`, so `cdktf deploy 'dev-*'` must select one environment only.
  config.environments.forEach((env, i) => {
    const clash = config.environments.find((other) => other !== env && env.name.startsWith(`${other.name}-`));
    if (clash) {
      ctx.addIssue({ code: "custom", path: ["environments", i, "name"], message: `"${env.name}" starts with "${clash.name}-", so the stack glob '${clash.name}-*' would also select this environment's stacks; rename one of them (e.g. "${env.name.replace(/-/g, "")}")` });
    }
  });
});

const ALERT_ENDPOINTS: Record<(typeof ALERT_PROTOCOLS)[number], { pattern: RegExp; example: string }> = {
  "email": { pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, example: "security-alerts@example.com" },
  "email-json": { pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, example: "security-alerts@example.com" },
  "https": { pattern: /^https:\/\/[^\s/]+\.[^\s]+$/, example: "https://alerts.example.com/sagemaker" },
  "sqs": { pattern: /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/, example: "arn:aws:sqs:eu-west-1:123456789012:security-alerts" },
  "lambda": { pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$/, example: "arn:aws:lambda:eu-west-1:123456789012:function:triage" },
};

function checkAudit(env: z.infer<typeof Environment>, report: (message: string, ...path: (string | number)[]) => void): void {
  const audit = env.audit;
  if (audit.trail === "organization" && !audit.organizationTrailArn) {
    report("with trail \"organization\" the environment relies on an organization trail; set audit.organizationTrailArn to its ARN (or use trail \"account\")", "organizationTrailArn");
  }
  if (audit.trailObjectLock && audit.trail !== "account") {
    report("Object Lock applies to the environment's own trail bucket, and with trail \"organization\" there is none; remove trailObjectLock (lock the organization trail's bucket where it lives) or use trail \"account\"", "trailObjectLock");
  }
  if (audit.trailObjectLock && audit.trailObjectLock.retentionDays > audit.trailFileRetentionDays) {
    report(`files would stay locked ${audit.trailObjectLock.retentionDays} days but expire after trailFileRetentionDays (${audit.trailFileRetentionDays}); lock them for at most ${audit.trailFileRetentionDays} days, or keep them longer`, "trailObjectLock", "retentionDays");
  }
  if (audit.trail === "account" && audit.organizationTrailArn) {
    report("an organization trail ARN is only used with trail \"organization\"; remove it, or set audit.trail: organization to turn the account trail off", "organizationTrailArn");
  }
  const seen = new Set<string>();
  audit.alertSubscriptions.forEach((s, j) => {
    const rule = ALERT_ENDPOINTS[s.protocol];
    if (!rule.pattern.test(s.endpoint)) {
      report(`"${s.endpoint}" is not a valid ${s.protocol} endpoint (e.g. ${rule.example})`, "alertSubscriptions", j, "endpoint");
    }
    const key = `${s.protocol} ${s.endpoint}`;
    if (seen.has(key)) report(`${key} is subscribed twice; remove one`, "alertSubscriptions", j);
    seen.add(key);
  });
}

function checkBackendAndIdentity(env: z.infer<typeof Environment>, report: (message: string, ...path: (string | number)[]) => void): void {
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

function checkZones(region: string, zones: string[], report: (message: string, index?: number) => void): void {
  if (zones.length < 1 || zones.length > 6) {
    report(`${zones.length} zones given; 1 to 6 are supported (one private subnet each)`);
  }
  const seen = new Set<string>();
  zones.forEach((zone, j) => {
    if (!new RegExp(`^${region}[a-z]$`).test(zone)) {
      report(`"${zone}" is not a zone of ${region}; zones are named ${region}a, ${region}b, ...`, j);
    } else if (seen.has(zone)) {
      report(`"${zone}" is listed twice; each zone gets one subnet`, j);
    }
    seen.add(zone);
  });
}

function checkNetwork(network: z.infer<typeof Network>, zones: number, report: (message: string, field: string) => void): void {
  const vpc = parseCidr(network.vpcCidr);
  if (typeof vpc === "string") return report(vpc, "vpcCidr");
  if (vpc.prefix < 16 || vpc.prefix > 28) return report(`/${vpc.prefix} is outside what a VPC allows; use a prefix from /16 to /28`, "vpcCidr");
  if (!isPrivate(vpc)) report(`${network.vpcCidr} is not in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)`, "vpcCidr");
  const prefix = network.subnetPrefixLength ?? Math.min(vpc.prefix + 3, 28);
  if (prefix < vpc.prefix) return report(`/${prefix} subnets do not fit in a /${vpc.prefix} VPC; use a prefix of ${vpc.prefix} or more`, "subnetPrefixLength");
  const slots = 2 ** (prefix - vpc.prefix);
  if (slots >= Math.max(zones, 1)) return;
  const bits = Math.ceil(Math.log2(zones));
  if (network.subnetPrefixLength === undefined) {
    report(`${network.vpcCidr} is too small for ${zones} subnets of at least /28 each; use a /${28 - bits} or larger VPC, or fewer zones`, "vpcCidr");
  } else {
    report(`/${prefix} subnets leave room for ${slots} in ${network.vpcCidr}, but ${zones} zones need one each; use /${vpc.prefix + bits} to /28`, "subnetPrefixLength");
  }
}

/**
 * Client networks: private, canonical, not the whole internet, not inside the VPC (its own instances are admitted
 * through the SageMaker group), no duplicates, and within the group's rule quota.
 */
function checkClientAccess(network: z.infer<typeof Network>, report: (message: string, ...path: (string | number)[]) => void): void {
  const { cidrs, prefixListIds } = network.clientAccess;
  const vpc = parseCidr(network.vpcCidr);
  const seen = new Set<string>();
  cidrs.forEach((text, j) => {
    if (text === "0.0.0.0/0" || text === "::/0") {
      return report(`${text} would open the endpoints to every network; name the client networks' private CIDRs (e.g. "10.100.0.0/16" for the VPN pool)`, "cidrs", j);
    }
    const c = parseCidr(text);
    if (typeof c === "string") return report(`${c}; client networks are IPv4 CIDRs such as "10.100.0.0/16"`, "cidrs", j);
    if (format(c) !== text) return report(`"${text}" is not in canonical form; write it as "${format(c)}"`, "cidrs", j);
    if (!isPrivate(c)) {
      return report(`${text} is not in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); VPN and Direct Connect clients reach the endpoints from private addresses, name those`, "cidrs", j);
    }
    if (typeof vpc !== "string" && overlaps(c, vpc)) {
      return report(`${text} overlaps the VPC (${network.vpcCidr}), whose SageMaker instances already reach the endpoints; name only networks outside the VPC`, "cidrs", j);
    }
    if (seen.has(text)) return report(`${text} is listed twice; remove one`, "cidrs", j);
    seen.add(text);
  });
  const lists = new Set<string>();
  prefixListIds.forEach((id, j) => {
    if (lists.has(id)) report(`${id} is listed twice; remove one`, "prefixListIds", j);
    lists.add(id);
  });
  if (cidrs.length + prefixListIds.length > MAX_CLIENT_NETWORKS) {
    report(`${cidrs.length + prefixListIds.length} client networks; at most ${MAX_CLIENT_NETWORKS} fit in the endpoint security group's rule quota: summarise CIDRs or put them in a managed prefix list`);
  }
}

/** Whether two CIDR blocks share an address. */
function overlaps(a: Cidr, b: Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const shift = 32 - prefix;
  return prefix === 0 || (a.address >>> shift) === (b.address >>> shift);
}

/** The subnet CIDRs of an environment, one per zone, in zone order. Assumes a validated config. */
export function subnetCidrs(network: { vpcCidr: string; subnetPrefixLength?: number }, zones: number): string[] {
  const vpc = parseCidr(network.vpcCidr) as Cidr;
  const prefix = network.subnetPrefixLength ?? Math.min(vpc.prefix + 3, 28);
  return Array.from({ length: zones }, (_, i) => format(subnet(vpc, prefix, i)));
}

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type EnvironmentConfig = Config["environments"][number];
export type ProjectConfig = EnvironmentConfig["projects"][number];
