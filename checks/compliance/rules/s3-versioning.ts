import { bucketHas } from "../buckets";
import { block } from "../../synthesized/model";
import { Rule } from "../rule";

export const s3Versioning: Rule = {
  id: "s3-versioning",
  title: "Buckets keep object versions",
  ids: ["FSBP S3.14", "CKV_AWS_21"],
  appliesTo: ["aws_s3_bucket"],
  check: (r, app) => bucketHas(app, r, "aws_s3_bucket_versioning", (v) => block(v.attrs.versioning_configuration)?.status === "Enabled", "status is not Enabled"),
  why: "Without versions an overwrite or delete (by mistake or by ransomware) destroys data irrecoverably.",
  fix: "Add an aws_s3_bucket_versioning with versioning_configuration { status = \"Enabled\" }.",
};
