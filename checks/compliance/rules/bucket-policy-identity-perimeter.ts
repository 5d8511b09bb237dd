import { bucketSettings } from "../buckets";
import { actionMatches, NormalStatement, parsePolicy } from "../policies";
import { fail, passIf, Rule } from "../rule";
import type { SynthModel, SynthResource } from "../../synthesized/model";

const NEGATED_ARN_OPERATORS = /^(ArnNotLike|ArnNotEquals|StringNotLike|StringNotEquals)(IfExists)?$/i;
/** Patterns that admit a whole account (or every account): no perimeter at all. */
const WHOLE_ACCOUNT = /^\*$|^arn:[^:]*:iam::[^:]*:(\*|root|role\/\*|user\/\*)$/;

/** The keys of a statement's conditions under operators matching `op`, lower-cased, with their values. */
function conditionValues(s: NormalStatement, op: RegExp, key: string): string[] | undefined {
  const found = Object.entries(s.conditions).filter(([o]) => op.test(o)).flatMap(([, keys]) => Object.entries(keys).filter(([k]) => k.toLowerCase() === key));
  return found.length ? found.flatMap(([, v]) => v) : undefined;
}

const coversS3 = (s: NormalStatement) => s.effect === "Deny" && s.principals === "*" && !s.notActions
  && s.actions.some((a) => ["s3:GetObject", "s3:PutObject", "s3:ListBucket"].every((x) => actionMatches(a, x)));

/** A bucket fenced to the network (a Deny of s3:* outside the VPC or its endpoint) holds data reached from the VPC. */
const networkFence = (s: NormalStatement) => coversS3(s)
  && ["aws:sourcevpce", "aws:sourcevpc"].some((k) => conditionValues(s, /^StringNotEquals(IfExists)?$/i, k) !== undefined);

/** Deny s3:* to every principal whose aws:PrincipalArn is not one of the named (non-account-wide) patterns. */
const identityFence = (s: NormalStatement) => {
  const arns = conditionValues(s, NEGATED_ARN_OPERATORS, "aws:principalarn");
  return coversS3(s) && arns !== undefined && arns.length > 0 && !arns.some((a) => WHOLE_ACCOUNT.test(a));
};

function statements(app: SynthModel, bucket: SynthResource): { statements: NormalStatement[]; unreadable: string[] } {
  const parsed = bucketSettings(app, bucket, "aws_s3_bucket_policy").map((p) => parsePolicy(app, p, p.attrs.policy));
  return { statements: parsed.flatMap((p) => (p.ok ? p.statements : [])), unreadable: parsed.flatMap((p) => (p.ok ? [] : [p.reason])) };
}

export const bucketPolicyIdentityPerimeter: Rule = {
  id: "bucket-policy-identity-perimeter",
  title: "Buckets fenced to the VPC also admit only named principals (Deny s3:* unless aws:PrincipalArn is one of them)",
  ids: ["SDS DataPerimeter.3"],
  appliesTo: ["aws_s3_bucket"],
  when: (r, app) => statements(app, r).statements.some(networkFence),
  check: (r, app) => {
    const { statements: all, unreadable } = statements(app, r);
    if (unreadable.length) return fail(unreadable.join("; "));
    return passIf(all.some(identityFence), "no statement denies s3:* to \"*\" unless aws:PrincipalArn is one of named roles (ArnNotLike); any principal of the account that holds s3:* reaches the data");
  },
  why: "A bucket reachable from the VPC is otherwise open to every principal of the account whose identity policy allows S3 (an over-privileged administrator, another project's role inside the same VPC).",
  fix: "Keep the identity perimeter of lib/constructs/storage/bucket-policy.ts (DenyPrincipalsOutsideProject): the project's roles, the administrators and the break-glass role by aws:PrincipalArn, AWS services excepted with BoolIfExists aws:PrincipalIsAWSService false.",
};
