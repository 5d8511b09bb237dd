import { bucketHas } from "../buckets";
import { block } from "../../synthesized/model";
import { Rule } from "../rule";

export const s3OwnershipEnforced: Rule = {
  id: "s3-ownership-enforced",
  title: "Buckets disable ACLs (object ownership BucketOwnerEnforced)",
  ids: ["FSBP S3.12", "CKV2_AWS_65"],
  appliesTo: ["aws_s3_bucket"],
  check: (r, app) => bucketHas(app, r, "aws_s3_bucket_ownership_controls", (o) => block(o.attrs.rule)?.object_ownership === "BucketOwnerEnforced", "object_ownership is not BucketOwnerEnforced"),
  why: "With ACLs enabled, objects written by other accounts stay theirs and ACL grants bypass the bucket policy.",
  fix: "Add an aws_s3_bucket_ownership_controls with rule { object_ownership = \"BucketOwnerEnforced\" }.",
};
