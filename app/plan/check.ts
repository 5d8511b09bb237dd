/**
 * `checkPlan(plan)`: holds the plan against the rules AWS applies, before any construct is built: every planned
 * name (rules.ts), the default tags each resource will carry, and names that would let one project's patterns
 * reach another project's or the environment's resources. Returns problems as `<config path>: <what and fix>`.
 */
import type { EnvironmentPlan, Plan, PlannedName } from "./plan";
import { clip } from "../config/parse";
import { nameProblem } from "./rules";

/** Most tags a resource of this app carries itself (a subnet: Name and tier), on top of the default tags. */
export const RESOURCE_OWN_TAGS_MAX = 2;
/** AWS's limits on tags (the same for every service this app tags). */
export const TAG_LIMITS = { perResource: 50, keyLength: 128, valueLength: 256 } as const;
/** Characters AWS allows in tag keys and values: letters, numbers and spaces in any script, and _.:/=+-@. */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

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
  for (const e of plan.environments) {
    const at = `environments[${e.index}]`;
    const envTags = e.tags;
    const configured = (key: string) => (key === "owner" && e.config.owner ? `${at}.owner` : key === "cost-centre" && e.config.costCentre ? `${at}.costCentre` : `${at}.tags.${key}`);
    out.push(...tagProblems(envTags, configured, [...Object.keys(e.config.tags), ...(e.config.owner ? ["owner"] : []), ...(e.config.costCentre ? ["cost-centre"] : [])]));
    out.push(...tagCountProblem(envTags, `${at}.tags`));
    for (const p of e.projects) {
      const pat = `${at}.projects[${p.index}]`;
      const own = [...Object.keys(p.config.tags), ...(p.config.owner ? ["owner"] : []), ...(p.config.costCentre ? ["cost-centre"] : [])];
      out.push(...tagProblems(p.tags, (key) => (key === "owner" && p.config.owner ? `${pat}.owner` : key === "cost-centre" && p.config.costCentre ? `${pat}.costCentre` : `${pat}.tags.${key}`), own));
      out.push(...tagCountProblem({ ...envTags, ...p.tags }, `${pat}.tags`));
    }
    out.push(...overlapProblems(e, plan.names));
  }
  return out;
}
