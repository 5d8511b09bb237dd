import { bucketHas } from "../buckets";
import { isTrue } from "../../synthesized/model";
import { Rule } from "../rule";

const FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

export const s3PublicAccessBlock: Rule = {
  id: "s3-public-access-block",
  title: "Buckets block public access with all four flags",
  ids: ["FSBP S3.1", "FSBP S3.8", "CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
  appliesTo: ["aws_s3_bucket"],
  check: (r, app) => bucketHas(app, r, "aws_s3_bucket_public_access_block", (b) => FLAGS.every((f) => isTrue(b.attrs[f])),
    `not all of ${FLAGS.join(", ")} are true`),
  why: "One public ACL or policy statement, added later by hand, would publish the project's data.",
  fix: "Add an aws_s3_bucket_public_access_block with all four flags true (the secure bucket module does).",
};
