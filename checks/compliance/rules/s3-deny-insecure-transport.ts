import { bucketSettings } from "../buckets";
import { actionMatches, NormalStatement, parsePolicy } from "../policies";
import { passIf, fail, Rule } from "../rule";

function deniesInsecureTransport(s: NormalStatement): boolean {
  const bool = { ...s.conditions.Bool, ...s.conditions.BoolIfExists };
  return s.effect === "Deny" && s.principals === "*" && !s.notActions && s.actions.some((a) => actionMatches(a, "s3:GetObject") && actionMatches(a, "s3:PutObject") && actionMatches(a, "s3:ListBucket"))
    && (bool["aws:SecureTransport"] ?? []).map(String).includes("false")
    && !s.notResources && s.resources.some((x) => x.endsWith("/*")) && s.resources.some((x) => !x.endsWith("/*"));
}

export const s3DenyInsecureTransport: Rule = {
  id: "s3-deny-insecure-transport",
  title: "Bucket policies deny requests without TLS",
  ids: ["FSBP S3.5", "CIS 2.1.1"],
  appliesTo: ["aws_s3_bucket"],
  check: (r, app) => {
    const policies = bucketSettings(app, r, "aws_s3_bucket_policy");
    if (policies.length === 0) return fail("no aws_s3_bucket_policy refers to this bucket");
    const parsed = policies.map((p) => parsePolicy(app, p, p.attrs.policy));
    const unreadable = parsed.flatMap((p) => (p.ok ? [] : [p.reason]));
    const ok = parsed.some((p) => p.ok && p.statements.some(deniesInsecureTransport));
    return passIf(ok, unreadable.length ? unreadable.join("; ") : "no statement denies s3:* to \"*\" on the bucket and its objects when aws:SecureTransport is false");
  },
  why: "Without the deny, a client can read or write the data over plain HTTP, and the standards require it explicitly.",
  fix: "Add a Deny statement: Principal \"*\", Action \"s3:*\", Resource [bucket ARN, bucket ARN/*], Condition Bool aws:SecureTransport = \"false\".",
};
