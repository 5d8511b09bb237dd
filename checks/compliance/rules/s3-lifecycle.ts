import { bucketHas } from "../buckets";
import { blocks } from "../../synthesized/model";
import { Rule } from "../rule";

export const s3Lifecycle: Rule = {
  id: "s3-lifecycle",
  title: "Buckets have an enabled lifecycle rule",
  ids: ["FSBP S3.13", "CKV2_AWS_61"],
  appliesTo: ["aws_s3_bucket"],
  check: (r, app) => bucketHas(app, r, "aws_s3_bucket_lifecycle_configuration", (l) => blocks(l.attrs.rule).some((x) => x.status === "Enabled"), "no rule has status Enabled"),
  why: "Without lifecycle rules, old versions and incomplete uploads accumulate forever: cost, and data kept past its purpose.",
  fix: "Add an aws_s3_bucket_lifecycle_configuration (expire noncurrent versions, abort incomplete multipart uploads).",
};
