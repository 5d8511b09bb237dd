/**
 * IAM policy documents as data. Every policy the product writes (identity, resource, key and endpoint policies)
 * is built from these types, so tests can walk them and the compliance rules can read them back.
 */
export type Principal = "*" | { readonly AWS?: string | string[]; readonly Service?: string | string[]; readonly Federated?: string | string[] };

/** Condition operator → condition key → value(s). */
export type Conditions = Readonly<Record<string, Readonly<Record<string, string | boolean | number | readonly string[]>>>>;

export interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly NotPrincipal?: Principal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Conditions;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Statement[];
}

export function policy(...statements: Statement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Serializes a policy for a Terraform attribute. Tokens inside strings survive and are resolved by cdktf. */
export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** IAM's limit for a customer-managed policy, in characters without whitespace. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

/**
 * The size IAM will count once Terraform has resolved the policy: every unresolved token (a cdktf `${TfToken[...]}`
 * or a Terraform `${...}` reference) is counted as `tokenChars` characters, longer than any ARN or id it becomes.
 */
export function policySize(doc: PolicyDocument, tokenChars = 120): number {
  return policyJson(doc).replace(/\$\{[^}]*\}/g, "x".repeat(tokenChars)).length;
}

/** The most parts a role's policy is split into (`<name>`, `<name>-2`, `<name>-3`); the plan checks those names. */
export const MAX_POLICY_PARTS = 3;

/** Splits a policy into as few documents as keep each within `max` characters (statements whole, in order). */
export function splitPolicy(doc: PolicyDocument, max = MANAGED_POLICY_MAX_CHARS): PolicyDocument[] {
  const parts: Statement[][] = [[]];
  for (const statement of doc.Statement) {
    const current = parts[parts.length - 1];
    if (current.length && policySize(policy(...current, statement)) > max) parts.push([statement]);
    else current.push(statement);
  }
  if (parts.length > MAX_POLICY_PARTS) throw new Error(`a policy of ${doc.Statement.length} statements needs ${parts.length} parts; at most ${MAX_POLICY_PARTS} are planned`);
  return parts.map((statements) => policy(...statements));
}

/** ARN helpers, so no file formats ARNs by hand. */
export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export function arn(scope: ArnScope, service: string, resource: string, opts: { global?: boolean } = {}): string {
  return `arn:${scope.partition}:${service}:${opts.global ? "" : scope.region}:${service === "s3" ? "" : scope.accountId}:${resource}`;
}

export function accountRoot(scope: ArnScope): string {
  return `arn:${scope.partition}:iam::${scope.accountId}:root`;
}

export function logGroupArn(scope: ArnScope, name: string): string {
  return arn(scope, "logs", `log-group:${name}`);
}
