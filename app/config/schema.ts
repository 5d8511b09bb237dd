/**
 * The typed configuration: environments (one platform each) and, inside them, projects. Each concern has its file
 * with its schema and cross-field checks (network.ts, audit.ts, backend.ts, compliance-cost.ts, data-protection.ts,
 * identity.ts, organization.ts); this one assembles them and runs the checks across fields, so a bad config is rejected before any
 * construct is built. The names a config generates are checked after it, by the plan (app/plan/check.ts).
 */
import { z } from "zod";
import { ENDPOINT_NAMES } from "../../lib/domain/catalogue/endpoints";
import { RULE_IDS } from "../../checks/compliance/rule-ids";
import { REGIONS } from "../../lib/domain/catalogue/regions";
import { suggest } from "./parse";
import { checkArns } from "./arns";
import { Audit, checkAudit, Logs } from "./audit";
import { checkBackendAndIdentity, Emulator, ROLE_ARN, StateBackend } from "./backend";
import { Compliance, CostAssumptions } from "./compliance-cost";
import { checkDataProtection, CodeRepository, DataProtection, PackageMirror } from "./data-protection";
import { checkIdentity, Identity, InstanceTypes, Notebook, NotebookAutoStop } from "./identity";
import { checkClientAccess, checkNetwork, checkZones, Network } from "./network";
import { checkOrganization, Organization } from "./organization";
import { checkStudio, FRONT_ENDS, resolveFrontEnd, Studio, User } from "./studio";

export { LOG_RETENTION_DAYS, ALERT_PROTOCOLS } from "./audit";
export { TFC_WORKSPACE } from "./backend";

const NAME = /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/;
const nameField = (example: string) =>
  z.string().regex(NAME, { error: `must be 2-16 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen (e.g. "${example}")` });

/** AWS's tag characters: letters, digits and spaces of any script (UTF-8), and _.:/=+-@. */
const TAG_TEXT = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]";
const tags = z.record(z.string().regex(new RegExp(`^${TAG_TEXT}{1,128}$`, "u"), { error: "tag keys are 1-128 letters, digits, spaces and _.:/=+-@ (letters of any script, e.g. \"Größe\")" }),
  z.string().max(256, { error: "tag values are at most 256 characters" })).default({});

const owner = z.string().regex(new RegExp(`^${TAG_TEXT}{1,256}$`, "u"), { error: "must be 1-256 letters, digits, spaces and _.:/=+-@ (a tag value; letters of any script, e.g. \"Zoë Müller\")" });

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
  /** Who may assume the project's roles (app/config/identity.ts). */
  identity: Identity,
  /** The data scientists' notebook instances (app/config/identity.ts). */
  notebooks: z.array(Notebook).default([]),
  /** Instance types the project may use, per use (app/config/identity.ts; enforced with sagemaker:InstanceTypes). */
  instanceTypes: InstanceTypes,
  /** Idle minutes before a notebook stops itself (its lifecycle configuration); 0 = never. */
  notebookAutoStopMinutes: NotebookAutoStop,
  /**
   * "studio" (a VPC-only Studio domain, one user profile per user), "notebooks" (notebook instances) or "both".
   * @default "studio" when users are listed and no notebooks, else "notebooks" (app/config/studio.ts, docs/studio.md)
   */
  frontEnd: z.enum(FRONT_ENDS, { error: `must be one of ${FRONT_ENDS.join(", ")}` }).optional(),
  /** The project's people, listed once (app/config/studio.ts): a Studio profile each; notebook owners come from here. */
  users: z.array(User).default([]),
  /** Studio domain settings (app/config/studio.ts). */
  studio: Studio,
}).transform((p) => ({ ...p, frontEnd: resolveFrontEnd(p) }));

const Environment = z.strictObject({
  name: nameField("dev"),
  /** The AWS account the environment lives in; the provider refuses to run against any other. */
  accountId: z.string().regex(/^\d{12}$/, { error: "must be a 12-digit AWS account id (e.g. \"123456789012\")" }),
  region: z.string().refine((r) => Object.hasOwn(REGIONS, r), { error: (i) => `"${String(i.input)}" is not an AWS region this tool knows (e.g. eu-west-1)` }),
  /** One private subnet per zone, 1 to 6 zones, each a zone the region has (lib/domain/catalogue/regions.ts), at most as many as it has. */
  availabilityZones: z.array(z.string()),
  network: Network,
  logs: Logs,
  /**
   * Tags on every resource of the environment (through the provider's default_tags). Keys and values may use letters
   * of any script; a key may not be `username` (the access-control tag) nor a generated key in another case.
   */
  tags,
  projects: z.array(Project).default([]),
  audit: Audit,
  emulator: Emulator.optional(),
  /** Where Terraform keeps the state of the environment's stacks. @default S3 with S3-native locking */
  backend: StateBackend,
  /** Role Terraform assumes in the environment's account (provider and S3 backend). @default the caller's credentials */
  assumeRoleArn: z.string().regex(ROLE_ARN, { error: "must be an IAM role ARN such as arn:aws:iam::123456789012:role/terraform-deploy" }).optional(),
  /** `owner` tag on every resource of the environment. */
  owner: owner.optional(),
  /** `cost-centre` tag on every resource of the environment. */
  costCentre: owner.optional(),
  /** Key administrators, bucket access carve-out and destroy behaviour (app/config/data-protection.ts). */
  dataProtection: DataProtection,
  /** The optional private PyPI mirror (app/config/data-protection.ts). */
  packageMirror: PackageMirror,
  /** Usage assumptions of the cost estimate. */
  cost: CostAssumptions,
});

export const ConfigSchema = z.strictObject({
  /** Prefix of every resource name, so that several installations can share an account. */
  prefix: z.string().regex(/^[a-z][a-z0-9]{1,9}$/, { error: "must be 2-10 lower-case letters and digits, starting with a letter (e.g. \"sds\")" }).default("sds"),
  environments: z.array(Environment).min(1, { error: "at least one environment is needed" }),
  /** Compliance rule pack: enforcement mode and suppressions. */
  compliance: Compliance,
  /** The optional organization stack: SCPs, RCPs and an EC2 declarative policy (app/config/organization.ts, docs/organization.md). @default none */
  organization: Organization.optional(),
}).superRefine((config, ctx) => {
  // A cross-field check runs only on fields that passed their own rules: a project whose name failed has not been
  // completed (no resolved frontEnd), and a check reading it would add a second, bogus line to the one fault.
  const clean = cleanUnder([...ctx.issues]); // the issues before these checks: theirs must not silence each other
  if (config.organization) checkOrganization(config.organization, config.environments, (m, ...p) => ctx.addIssue({ code: "custom", path: ["organization", ...p], message: m }));
  config.compliance.suppressions.forEach((s, i) => {
    if (clean("compliance", "suppressions", i, "rule") && !RULE_IDS.includes(s.rule)) {
      ctx.addIssue({ code: "custom", path: ["compliance", "suppressions", i, "rule"], message: `"${s.rule}" is not a compliance rule; known: ${RULE_IDS.join(", ")}` });
    }
  });
  const seen = new Map<string, number>();
  const sageMakerLogGroupOwners = new Map<string, number>();
  config.environments.forEach((env, i) => {
    const at = (...p: (string | number)[]) => ["environments", i, ...p];
    const ok = (...fields: string[]) => fields.every((f) => clean("environments", i, f));
    if (!ok("name")) {
      // nothing to compare
    } else if (seen.has(env.name)) {
      ctx.addIssue({ code: "custom", path: at("name"), message: `"${env.name}" is already the name of environments[${seen.get(env.name)}]; environment names must be unique` });
    } else seen.set(env.name, i);

    // Zones are named after the region: checked only against a region the schema knows (else the region is reported).
    if (ok("availabilityZones")) checkZones(ok("region") ? env.region : undefined, env.availabilityZones, (m, j) => ctx.addIssue({ code: "custom", path: j === undefined ? at("availabilityZones") : at("availabilityZones", j), message: m }));
    if (ok("network", "availabilityZones")) {
      checkNetwork(env.network, env.availabilityZones.length, (m, field) => ctx.addIssue({ code: "custom", path: at("network", field), message: m }));
      checkClientAccess(env.network, (m, ...p) => ctx.addIssue({ code: "custom", path: at("network", "clientAccess", ...p), message: m }));
      for (const name of Object.keys(env.network.interfaceEndpoints)) {
        if (!ENDPOINT_NAMES.includes(name)) {
          ctx.addIssue({ code: "custom", path: at("network", "interfaceEndpoints", name), message: `"${name}" is not in the endpoint catalogue; known: ${ENDPOINT_NAMES.join(", ")}` });
        }
      }
    }
    if (ok("logs") && env.logs.retentionDays < 365 && !env.logs.shortRetentionReason) {
      ctx.addIssue({ code: "custom", path: at("logs", "retentionDays"), message: `${env.logs.retentionDays} days is below the 365 that CloudWatch.16 asks for; set logs.shortRetentionReason to record why, or use 365 or more` });
    }
    if (ok("audit")) checkAudit(env, (m, ...p) => ctx.addIssue({ code: "custom", path: at("audit", ...p), message: m }));
    if (ok("audit", "accountId", "region")) {
      const owner = sageMakerLogGroupOwners.get(`${env.accountId}/${env.region}`);
      if (env.audit.sageMakerLogGroups && owner !== undefined) {
        ctx.addIssue({ code: "custom", path: at("audit", "sageMakerLogGroups"), message: `environments[${owner}] already creates SageMaker's log groups (/aws/sagemaker/...) in account ${env.accountId} ${env.region}; they exist once per account and region, so set audit.sageMakerLogGroups: false here` });
      } else if (env.audit.sageMakerLogGroups) sageMakerLogGroupOwners.set(`${env.accountId}/${env.region}`, i);
    }
    // Each check below runs when every field it reads passed its own rules (projects: all of them).
    const report = (m: string, ...p: (string | number)[]) => ctx.addIssue({ code: "custom", path: at(...p), message: m });
    if (ok("name", "accountId", "region", "backend", "emulator", "assumeRoleArn", "projects")) checkBackendAndIdentity(env, report);
    if (ok("accountId", "region", "network", "dataProtection", "packageMirror", "projects")) checkDataProtection(env, report);
    if (ok("network", "projects")) checkIdentity(config.prefix, env, report);
    if (ok("accountId", "projects")) checkStudio(env, report);
    if (ok("region", "assumeRoleArn", "dataProtection", "audit", "projects")) checkArns(env, report);
    const projects = new Map<string, number>();
    env.projects.forEach((p, j) => {
      if (!clean("environments", i, "projects", j, "name")) return;
      if (projects.has(p.name)) ctx.addIssue({ code: "custom", path: at("projects", j, "name"), message: `"${p.name}" is already the name of projects[${projects.get(p.name)}]; project names must be unique in an environment` });
      else projects.set(p.name, j);
    });
  });

  // Stack names start with `<environment>-`, so `cdktf deploy 'dev-*'` must select one environment only.
  const names = config.environments.filter((_, i) => clean("environments", i, "name")).map((e) => e.name);
  config.environments.forEach((env, i) => {
    if (!clean("environments", i, "name")) return;
    const clash = names.find((other) => other !== env.name && env.name.startsWith(`${other}-`));
    if (clash) {
      const fix = suggest([env.name.replace(/-/g, ""), `${env.name.replace(/-/g, "").slice(0, 14)}2`], (n) => NAME.test(n) && !names.some((o) => o === n || n.startsWith(`${o}-`) || o.startsWith(`${n}-`)));
      ctx.addIssue({ code: "custom", path: ["environments", i, "name"], message: `"${env.name}" starts with "${clash}-", so the stack glob '${clash}-*' would also select this environment's stacks; rename one of them${fix ? ` (e.g. "${fix}")` : ""}` });
    }
  });
});

/**
 * Whether no issue found so far lies at or under a path: `clean("environments", 0, "network")`. Issues carry their
 * full path from the top of the config.
 */
function cleanUnder(issues: readonly { readonly path?: readonly PropertyKey[] }[]): (...path: (string | number)[]) => boolean {
  return (...path) => !issues.some((issue) => path.every((key, n) => issue.path?.[n] === key));
}

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type EnvironmentConfig = Config["environments"][number];
export type ProjectConfig = EnvironmentConfig["projects"][number];
