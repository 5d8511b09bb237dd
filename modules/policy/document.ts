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
