/**
 * `checkPlan(plan)`: holds the plan against the rules AWS applies, before any construct is built: every planned
 * name (rules.ts), the default tags each resource will carry, and names that would let one project's patterns
 * reach another project's or the environment's resources. Returns problems as `<config path>: <what and fix>`.
 */
import { OWNER_TAG } from "../../lib/constructs/identity/project-scope";
import type { EnvironmentPlan, NameKind, Plan, PlannedName } from "./plan";
import { clip, suggest } from "../config/parse";
import { nameProblem } from "./rules";

/** Most tags a resource of this app carries itself (a subnet: Name and tier), on top of the default tags. */
export const RESOURCE_OWN_TAGS_MAX = 2;
/** AWS's limits on tags (the same for every service this app tags). */
export const TAG_LIMITS = { perResource: 50, keyLength: 128, valueLength: 256 } as const;
/** One character AWS allows in tag keys and values: a letter, number or space of any script, or one of _.:/=+-@. */
export const TAG_CHARACTER = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]";
const TAG_CHARACTERS = new RegExp(`^${TAG_CHARACTER}*$`, "u");
/** Tag keys the app sets itself: the default tags (plan.ts `environmentTags`, `projectTags`) and resources' own (subnets, notebooks, Studio profiles). */
export const GENERATED_TAG_KEYS = ["environment", "managed-by", "project", "owner", "cost-centre", "Name", "tier", OWNER_TAG] as const;
/**
 * Tag keys the policies read to decide who may do what (`aws:PrincipalTag/username`, `sagemaker:ResourceTag/username`,
 * `aws:RequestTag/username`): a user tag with such a key would land on every role as a default tag.
 */
export const ACCESS_CONTROL_TAG_KEYS = [OWNER_TAG] as const;


function nameProblems(names: readonly PlannedName[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    const key = `${n.kind} ${n.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = nameProblem(n.kind, n.name);
    if (!p) continue;
    const fix = p.over !== undefined
      ? `shorten ${n.shorten} by ${p.over} character${p.over === 1 ? "" : "s"}`
      : `change ${n.shorten}`;
    out.push(`${n.path}: ${n.what} would be named "${clip(n.name)}", which ${p.problem}; ${fix}`);
  }
  return out;
}

/**
 * Where a name of each kind must be unique: everywhere (S3 buckets), in an account (IAM), in a VPC (security
 * groups: one VPC per environment), in an account and region (the rest), or only in its namespace (a bucket's keys,
 * an organisation's workspaces, a domain's repositories).
 */
const SCOPES: Readonly<Record<NameKind, "global" | "account" | "environment" | "region" | "namespace">> = {
  "s3-bucket": "global", "iam-role": "account", "iam-policy": "account", "iam-path": "namespace", "security-group": "environment",
  "state-key": "namespace", "tfc-workspace": "namespace", "codeartifact-repository": "region",
  "kms-alias": "region", "log-group": "region", "sagemaker": "region", "codecommit": "region", "dynamodb-table": "region",
  "sns-topic": "region", "eventbridge-rule": "region", "cloudtrail": "region", "codeartifact-domain": "region",
  "resolver-endpoint": "region", "metric-filter": "region", "metric-alarm": "region", "organizations-policy": "global",
};
/** Kinds whose names AWS compares without regard to case (IAM names; SageMaker lower-cases its ARNs). */
const CASE_INSENSITIVE: ReadonlySet<NameKind> = new Set(["iam-role", "iam-policy", "sagemaker"]);

/**
 * Names of the whole plan that would be the same resource: every planned name against every other of its kind in
 * its scope (`SCOPES`), across environments: two environments with one state bucket or lock table, two Studio users
 * with one profile. The role path is shared on purpose and never compared.
 */
function collisionProblems(plan: Plan): string[] {
  const out: string[] = [];
  const envs = new Map(plan.environments.map((e) => [e.name, e]));
  const first = new Map<string, PlannedName>();
  for (const n of plan.names) {
    const e = envs.get(n.environment);
    const scope = SCOPES[n.kind];
    if (!e || n.kind === "iam-path") continue;
    const where = scope === "global" ? "" : scope === "account" ? e.config.accountId : scope === "environment" ? e.name
      : scope === "region" ? `${e.config.accountId}/${e.config.region}` : "";
    const key = [n.kind, n.namespace ?? "", where, CASE_INSENSITIVE.has(n.kind) ? n.name.toLowerCase() : n.name].join("\u0000");
    const other = first.get(key);
    if (!other) {
      first.set(key, n);
      continue;
    }
    const inWords = scope === "global" ? "S3 bucket names are global"
      : scope === "account" ? `IAM names are unique in account ${e.config.accountId}${CASE_INSENSITIVE.has(n.kind) ? ", whatever their case" : ""}`
      : scope === "environment" ? "security group names are unique in a VPC"
      : scope === "region" ? `such names are unique in account ${e.config.accountId} in ${e.config.region}${CASE_INSENSITIVE.has(n.kind) ? ", whatever their case" : ""}`
      : `they are unique among the ${n.namespace}`;
    const otherWhere = other.environment === n.environment ? other.path : `${other.path}, environment ${other.environment}`;
    out.push(`${n.path}: ${n.what} would be named "${clip(n.name, 60)}", like ${other.what} (${otherWhere}), and ${inWords}; change ${n.shorten}`);
  }
  return out;
}

/**
 * Project names where one is another plus a hyphen (`fraud`, `fraud-x`) would let `fraud`'s name patterns
 * (`sds-dev-fraud-*`: bucket, role, key and SageMaker patterns) match `fraud-x`'s resources; a project named after
 * an environment resource (`tfstate`, `cloudtrail`, `security`) would match that resource. Both are refused.
 */
function overlapProblems(e: EnvironmentPlan, names: readonly PlannedName[]): string[] {
  const out: string[] = [];
  for (const p of e.projects) {
    const at = `environments[${e.index}].projects[${p.index}].name`;
    const other = e.projects.find((q) => q !== p && p.name.startsWith(`${q.name}-`));
    if (other) {
      out.push(`${at}: "${p.name}" starts with the project name "${other.name}" and a hyphen, so ${other.name}'s name patterns (${other.base}-*) would also match ${p.name}'s buckets, roles and notebooks; rename one of them (e.g. "${p.name.replace(/-/g, "")}")`);
    }
    const clash = names.find((n) => n.environment === e.name && n.project === undefined && (n.name.startsWith(`${p.base}-`) || n.name.startsWith(`alias/${p.aliasPrefix}/`)));
    if (clash) {
      out.push(`${at}: the project's name patterns (${p.base}-*) would match ${clash.what} "${clash.name}" of the environment; choose another project name`);
    }
  }
  return out;
}

function tagProblems(tags: Readonly<Record<string, string>>, path: (key: string) => string, own: readonly string[]): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (!own.includes(key)) continue;
    const at = path(key);
    const keyLength = [...key].length;
    const valueLength = [...value].length;
    if (keyLength > TAG_LIMITS.keyLength) out.push(`${at}: the tag key "${clip(key)}" is ${keyLength} characters; tag keys are at most ${TAG_LIMITS.keyLength}`);
    if (valueLength > TAG_LIMITS.valueLength) out.push(`${at}: the value of tag "${clip(key)}" is ${valueLength} characters; tag values are at most ${TAG_LIMITS.valueLength}`);
    if (!TAG_CHARACTERS.test(key)) out.push(`${at}: the tag key "${clip(key)}" has characters AWS does not allow in tags; use letters, digits, spaces and _.:/=+-@`);
    if (!TAG_CHARACTERS.test(value)) out.push(`${at}: the value "${clip(value)}" has characters AWS does not allow in tags; use letters, digits, spaces and _.:/=+-@`);
    if (/^aws:/i.test(key)) out.push(`${at}: tag keys starting with "aws:" are reserved for AWS; rename the tag`);
  }
  return out;
}

/**
 * Tag keys that AWS would refuse or that would weaken access control: a key the policies read (`username`: as a
 * default tag on every role, a session without its own tag would pass as that user), a key that differs from a
 * generated one or another user key only in case (IAM compares tag keys case-insensitively, so CreateRole fails
 * with duplicate keys). `keys` are the user's keys with their config paths, environment before project.
 */
function tagKeyProblems(keys: readonly { key: string; at: string }[]): string[] {
  const out: string[] = [];
  const seen = new Map<string, { key: string; at: string }>();
  const unused = (c: string) => TAG_CHARACTERS.test(c) && !keys.some((k) => k.key.toLowerCase() === c.toLowerCase()) && !GENERATED_TAG_KEYS.some((g) => g.toLowerCase() === c.toLowerCase());
  for (const { key, at } of keys) {
    const folded = key.toLowerCase();
    const control = ACCESS_CONTROL_TAG_KEYS.find((k) => k.toLowerCase() === folded);
    const generated = GENERATED_TAG_KEYS.find((k) => k.toLowerCase() === folded && k !== key);
    const earlier = seen.get(folded);
    if (control) {
      const fix = suggest([`${folded}-label`, "person"], unused);
      out.push(`${at}: "${clip(key, 60)}" is the tag key the policies compare with the caller's session tag (aws:PrincipalTag/${control}) to tell whose notebooks and Studio profiles are whose; `
        + `as a default tag on every role it would let anyone who assumes a role without that session tag pass as the user it names: rename the tag${fix ? ` (e.g. "${fix}")` : ""}`);
    } else if (generated) {
      const field = generated === "owner" ? "owner" : generated === "cost-centre" ? "costCentre" : undefined;
      const fix = suggest([`team-${folded}`, "team"], unused);
      out.push(`${at}: "${clip(key, 60)}" differs only in case from the tag "${generated}" the app sets itself, and IAM compares tag keys case-insensitively, so creating the roles would fail with duplicate tag keys; `
        + (field ? `set the value with the ${field} field instead` : `rename the tag${fix ? ` (e.g. "${fix}")` : ""}`));
    } else if (earlier && earlier.key !== key) {
      out.push(`${at}: "${clip(key, 60)}" differs only in case from the tag key "${clip(earlier.key, 60)}" at ${earlier.at}; resources would carry both, and IAM compares tag keys case-insensitively: write the key the same way in both places`);
    }
    if (!earlier) seen.set(folded, { key, at });
  }
  return out;
}

/** Addresses AWS reserves in every subnet (network, router, DNS, future use, broadcast). */
export const SUBNET_RESERVED_ADDRESSES = 5;
/** Addresses a subnet keeps free for job and endpoint instances (one network interface each): a 4-instance job. */
export const JOB_ADDRESS_HEADROOM = 4;

/**
 * Subnets too small for what the environment puts in them: every interface endpoint places one network interface in
 * every subnet, AWS reserves 5 addresses, each notebook instance takes one (spread over the subnets in turn, each
 * project starting at the first), each Studio user's app one (anywhere: counted in every subnet), and jobs need room.
 */
function subnetCapacityProblems(e: EnvironmentPlan): string[] {
  const zones = e.network.subnetCidrs.length;
  if (zones === 0) return [];
  const prefix = Number(e.network.subnetCidrs[0].split("/")[1]);
  const size = 2 ** (32 - prefix);
  const endpoints = e.network.endpoints.length;
  const notebooks = e.projects.reduce((n, p) => n + Math.ceil(p.notebooks.length / zones), 0);
  const studioUsers = e.projects.reduce((n, p) => n + (p.names.studio ? p.config.users.length : 0), 0);
  const needed = SUBNET_RESERVED_ADDRESSES + endpoints + notebooks + studioUsers + JOB_ADDRESS_HEADROOM;
  if (needed <= size) return [];
  const fits = 32 - Math.ceil(Math.log2(needed));
  const at = `environments[${e.index}].network`;
  const parts = [`${SUBNET_RESERVED_ADDRESSES} reserved by AWS`, `${endpoints} for the interface endpoints (one network interface each)`,
    ...(notebooks ? [`${notebooks} for notebook instances`] : []), ...(studioUsers ? [`${studioUsers} for Studio users' apps`] : []), `${JOB_ADDRESS_HEADROOM} for job instances`];
  const what = `/${prefix} subnets have ${size} addresses, but each needs ${needed} (${parts.join(", ")})`;
  const bits = Math.ceil(Math.log2(zones));
  return e.config.network.subnetPrefixLength !== undefined
    ? [`${at}.subnetPrefixLength: ${what}; use subnetPrefixLength ${fits} or less (in a /${Math.min(fits - bits, 28)} or larger VPC for ${zones} zone${zones === 1 ? "" : "s"}), or switch endpoints off`]
    : [`${at}.vpcCidr: ${what}; use a /${Math.max(16, Math.min(fits - 3, 28))} or larger VPC (subnets are the VPC's prefix + 3), or switch endpoints off`];
}

function tagCountProblem(tags: Readonly<Record<string, string>>, at: string): string[] {
  const limit = TAG_LIMITS.perResource - RESOURCE_OWN_TAGS_MAX;
  const n = Object.keys(tags).length;
  return n > limit
    ? [`${at}: resources would carry ${n} default tags plus up to ${RESOURCE_OWN_TAGS_MAX} of their own, over AWS's ${TAG_LIMITS.perResource} per resource; remove ${n - limit} tag${n - limit === 1 ? "" : "s"}`]
    : [];
}

/** Every problem of the plan, each `<config path>: <what is wrong and the fix>`; empty when it is sound. */
export function checkPlan(plan: Plan): string[] {
  const out = nameProblems(plan.names);
  if (plan.organization?.problem) out.push(`organization: ${plan.organization.problem}`);
  for (const e of plan.environments) {
    const at = `environments[${e.index}]`;
    const envTags = e.tags;
    const configured = (key: string) => (key === "owner" && e.config.owner ? `${at}.owner` : key === "cost-centre" && e.config.costCentre ? `${at}.costCentre` : `${at}.tags.${key}`);
    out.push(...tagProblems(envTags, configured, [...Object.keys(e.config.tags), ...(e.config.owner ? ["owner"] : []), ...(e.config.costCentre ? ["cost-centre"] : [])]));
    out.push(...tagCountProblem(envTags, `${at}.tags`));
    const envKeys = Object.keys(e.config.tags).map((key) => ({ key, at: `${at}.tags.${key}` }));
    out.push(...tagKeyProblems(envKeys));
    for (const p of e.projects) {
      const pat = `${at}.projects[${p.index}]`;
      // Project keys against the environment's (whose own problems are reported once, above).
      out.push(...tagKeyProblems([...envKeys, ...Object.keys(p.config.tags).map((key) => ({ key, at: `${pat}.tags.${key}` }))]).filter((m) => m.startsWith(`${pat}.`)));
      const own = [...Object.keys(p.config.tags), ...(p.config.owner ? ["owner"] : []), ...(p.config.costCentre ? ["cost-centre"] : [])];
      out.push(...tagProblems(p.tags, (key) => (key === "owner" && p.config.owner ? `${pat}.owner` : key === "cost-centre" && p.config.costCentre ? `${pat}.costCentre` : `${pat}.tags.${key}`), own));
      out.push(...tagCountProblem({ ...envTags, ...p.tags }, `${pat}.tags`));
    }
    out.push(...overlapProblems(e, plan.names));
    out.push(...subnetCapacityProblems(e));
  }
  // A collision at a path that already has a problem (a project named after an environment resource) is that problem.
  const reported = new Set(out.map((m) => m.slice(0, m.indexOf(": "))));
  out.push(...collisionProblems(plan).filter((m) => !reported.has(m.slice(0, m.indexOf(": ")))));
  return out;
}
