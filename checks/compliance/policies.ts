/**
 * IAM policy documents as the rules read them back from synthesized attributes: JSON strings (which may hold
 * `${...}` references inside their values), objects, or a reference to a `data.aws_iam_policy_document`.
 */
import type { SynthModel, SynthResource } from "../synthesized/model";
import { blocks, interpolations } from "../synthesized/model";

export interface NormalStatement {
  readonly effect: "Allow" | "Deny";
  readonly principals: readonly string[] | "*" | undefined;
  readonly actions: readonly string[];
  readonly notActions: boolean;
  readonly resources: readonly string[];
  readonly notResources: boolean;
  /** operator → key → values */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export type ParsedPolicy = { readonly ok: true; readonly statements: NormalStatement[] } | { readonly ok: false; readonly reason: string };

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function principals(p: unknown): readonly string[] | "*" | undefined {
  if (p === undefined) return undefined;
  if (p === "*") return "*";
  const values = Object.values(p as Record<string, unknown>).flatMap(list);
  return values.includes("*") ? "*" : values;
}

function normalConditions(c: unknown): NormalStatement["conditions"] {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [op, keys] of Object.entries((c ?? {}) as Record<string, Record<string, unknown>>)) {
    out[op] = Object.fromEntries(Object.entries(keys ?? {}).map(([k, v]) => [k, list(v)]));
  }
  return out;
}

function fromJsonStatement(s: Record<string, unknown>): NormalStatement {
  return {
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    principals: principals(s.Principal),
    actions: list(s.Action ?? s.NotAction),
    notActions: s.NotAction !== undefined,
    resources: list(s.Resource ?? s.NotResource),
    notResources: s.NotResource !== undefined,
    conditions: normalConditions(s.Condition),
  };
}

/** `data.aws_iam_policy_document` blocks (statement, principals, condition) as statements. */
function fromPolicyDocument(doc: Record<string, unknown>): NormalStatement[] {
  return blocks(doc.statement).map((s) => {
    const ps = blocks(s.principals);
    const conditions: Record<string, Record<string, string[]>> = {};
    for (const c of blocks(s.condition)) {
      (conditions[String(c.test)] ??= {})[String(c.variable)] = list(c.values);
    }
    const allPrincipals = ps.flatMap((p) => list(p.identifiers));
    return {
      effect: s.effect === "Deny" ? "Deny" : "Allow",
      principals: ps.length === 0 ? undefined : allPrincipals.includes("*") ? "*" : allPrincipals,
      actions: list(s.actions ?? s.not_actions),
      notActions: s.not_actions !== undefined,
      resources: list(s.resources ?? s.not_resources),
      notResources: s.not_resources !== undefined,
      conditions,
    };
  });
}

/**
 * Parsed policies by app, then by stack and text: several rules read the same policy documents (four identity-policy
 * rules alone), and at 500 projects parsing them again cost half a second. Results are readonly and shared.
 */
const parsedPolicies = new WeakMap<SynthModel, Map<string, ParsedPolicy>>();

/** Parses a policy attribute of `owner` (a resource of `app`). */
export function parsePolicy(app: SynthModel, owner: SynthResource, value: unknown): ParsedPolicy {
  if (typeof value !== "string" || value === "") return parsePolicyValue(app, owner, value);
  let cache = parsedPolicies.get(app);
  if (!cache) parsedPolicies.set(app, (cache = new Map()));
  // The stack matters: a `data.aws_iam_policy_document` reference is read from the owner's stack.
  const key = `${owner.stack}\u0000${value}`;
  let parsed = cache.get(key);
  if (!parsed) cache.set(key, (parsed = parsePolicyValue(app, owner, value)));
  return parsed;
}

function parsePolicyValue(app: SynthModel, owner: SynthResource, value: unknown): ParsedPolicy {
  if (value === undefined || value === null || value === "") return { ok: false, reason: "no policy document" };
  if (typeof value === "object") {
    const stmts = (value as Record<string, unknown>).Statement;
    return { ok: true, statements: list2(stmts).map(fromJsonStatement) };
  }
  const text = String(value);
  const trimmed = text.trim();
  const whole = interpolations(trimmed);
  if (trimmed.startsWith("${") && whole.length === 1 && trimmed === `\${${whole[0]}}`) {
    const m = /^data\.aws_iam_policy_document\.([\w-]+)\.json$/.exec(whole[0].trim());
    const docs = (app.stack(owner.stack)?.data?.aws_iam_policy_document ?? {}) as Record<string, Record<string, unknown>>;
    if (m && docs[m[1]]) return { ok: true, statements: fromPolicyDocument(docs[m[1]]) };
    return { ok: false, reason: `the policy is the expression \`${trimmed}\`, which cannot be read before apply; write it as a JSON document (policyJson)` };
  }
  try {
    const parsed = JSON.parse(text);
    return { ok: true, statements: list2(parsed?.Statement).map(fromJsonStatement) };
  } catch (e) {
    return { ok: false, reason: `the policy is not valid JSON (${(e as Error).message})` };
  }
}

function list2(v: unknown): Record<string, unknown>[] {
  return (Array.isArray(v) ? v : v ? [v] : []).filter((s) => s && typeof s === "object") as Record<string, unknown>[];
}

/** Inline policies of an `aws_iam_role` (`inline_policy { name, policy }` blocks). */
export function inlinePolicies(role: SynthResource): unknown[] {
  return blocks(role.attrs.inline_policy).map((b) => b.policy);
}

/** The policy documents a resource carries: `policy` for policy resources, the inline policies of a role. */
export function identityPolicies(r: SynthResource): unknown[] {
  if (r.type === "aws_iam_role") return inlinePolicies(r);
  return [r.attrs.policy];
}

export const IDENTITY_POLICY_TYPES = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role"];

/** True if an action pattern (with `*` and `?` wildcards) covers `action` (case-insensitive, as IAM compares). */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("")}$`, "i");
    patterns.set(pattern, re);
  }
  return re.test(action);
}

/** Compiled action patterns: rules match the same few patterns against thousands of actions. */
const patterns = new Map<string, RegExp>();

/** Whether a statement has any condition at all. */
export function hasCondition(s: NormalStatement): boolean {
  return Object.values(s.conditions).some((keys) => Object.keys(keys).length > 0);
}

/** Runs `check` over every parsed statement of every policy of `r`; unreadable policies are failures. */
export function offendingStatements(app: SynthModel, r: SynthResource, docs: unknown[], offends: (s: NormalStatement) => string | undefined): string[] {
  const problems: string[] = [];
  docs.forEach((doc) => {
    const parsed = parsePolicy(app, r, doc);
    if (!parsed.ok) {
      problems.push(parsed.reason);
      return;
    }
    for (const s of parsed.statements) {
      const p = offends(s);
      if (p) problems.push(p);
    }
  });
  return problems;
}
