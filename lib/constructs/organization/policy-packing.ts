/**
 * AWS Organizations' limits on SCPs and RCPs, and the packing of statements into as few policies as fit them.
 * Source: AWS Organizations user guide, "Quotas and service limits for AWS Organizations": a policy document is at most
 * 5,120 characters (SCPs and RCPs alike; whitespace counts when the policy is saved through the API, as Terraform does,
 * so the size is that of the exact minified JSON sent); at most 5 policies of a type attached to a root, OU or account,
 * including FullAWSAccess / RCPFullAWSAccess, which AWS attaches by default and which stays (removing it from an SCP
 * target denies everything).
 */
import { policy, PolicyDocument, policyJson, Statement } from "../../domain/policy/document";

export const ORGANIZATIONS_POLICY_MAX_CHARS = 5120;
export const ORGANIZATIONS_POLICIES_PER_TARGET = 5;

/** The size AWS counts: the characters of the document as sent. */
export function organizationsPolicySize(doc: PolicyDocument): number {
  return policyJson(doc).length;
}

export interface PackingLimits {
  /** What is packed, for messages: "the SCPs". */
  readonly what: string;
  /** How many policies of this type may be attached besides the ones already on every target. */
  readonly maxPolicies: number;
  /** @default ORGANIZATIONS_POLICY_MAX_CHARS */
  readonly maxChars?: number;
}

/**
 * Statements packed in order into policies of at most `maxChars`, a new policy when the next statement does not fit.
 * Throws, naming the statement or the count, when a statement alone is too big or more policies are needed than a
 * target can take: a policy AWS would refuse is refused at synth.
 */
export function packStatements(statements: readonly Statement[], limits: PackingLimits): PolicyDocument[] {
  const max = limits.maxChars ?? ORGANIZATIONS_POLICY_MAX_CHARS;
  const docs: Statement[][] = [];
  for (const s of statements) {
    const alone = organizationsPolicySize(policy(s));
    if (alone > max) {
      throw new Error(`${limits.what}: statement ${s.Sid ?? "(no Sid)"} alone is ${alone} characters, over AWS Organizations' ${max}; fewer environments or projects per organization config, or shorter names, make it fit`);
    }
    const last = docs[docs.length - 1];
    if (last && organizationsPolicySize(policy(...last, s)) <= max) last.push(s);
    else docs.push([s]);
  }
  if (docs.length > limits.maxPolicies) {
    throw new Error(`${limits.what}: the statements need ${docs.length} policies of at most ${max} characters, but a target takes only ${limits.maxPolicies} more (AWS allows ${ORGANIZATIONS_POLICIES_PER_TARGET} per target, including the default full-access policy and organization.otherAttachedPolicies); name fewer environments or projects in this organization config, or detach other policies`);
  }
  return docs.map((d) => policy(...d));
}
