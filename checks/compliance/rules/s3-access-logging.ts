import { bucketHas } from "../buckets";
import { Rule } from "../rule";

export const s3AccessLogging: Rule = {
  id: "s3-access-logging",
  title: "Buckets write server access logs",
  ids: ["FSBP S3.9", "CKV_AWS_18"],
  appliesTo: ["aws_s3_bucket"],
  check: (r, app) => bucketHas(app, r, "aws_s3_bucket_logging", (l) => Boolean(l.attrs.target_bucket), "target_bucket is not set"),
  why: "Access logs record every request, including the ones CloudTrail data events do not (anonymous, denied).",
  fix: "Add an aws_s3_bucket_logging pointing at the project's access-log bucket. The access-log bucket itself is exempt by a suppression (logging it into itself would loop).",
};
