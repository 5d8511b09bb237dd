import { bucketSettings } from "../buckets";
import { rotatedCustomerKey } from "../keys";
import { block, blocks } from "../../synthesized/model";
import { fail, pass, Rule } from "../rule";

export const s3KmsCmkEncryption: Rule = {
  id: "s3-kms-cmk-encryption",
  title: "Buckets are encrypted with SSE-KMS and a rotated customer-managed key",
  ids: ["FSBP S3.17", "CKV_AWS_145"],
  appliesTo: ["aws_s3_bucket"],
  check: (r, app) => {
    const configs = bucketSettings(app, r, "aws_s3_bucket_server_side_encryption_configuration");
    if (configs.length === 0) return fail("no aws_s3_bucket_server_side_encryption_configuration refers to this bucket (S3 falls back to SSE-S3)");
    const problems: string[] = [];
    for (const c of configs) {
      for (const rule of blocks(c.attrs.rule)) {
        const byDefault = block(rule.apply_server_side_encryption_by_default) ?? {};
        if (!["aws:kms", "aws:kms:dsse"].includes(String(byDefault.sse_algorithm))) {
          problems.push(`sse_algorithm is ${JSON.stringify(byDefault.sse_algorithm)}, not aws:kms`);
          continue;
        }
        const key = rotatedCustomerKey(app, { ...c, attrs: byDefault }, "kms_master_key_id");
        if (key.status === "pass") return pass;
        problems.push(key.detail);
      }
    }
    return fail(problems.join("; ") || "the encryption configuration has no rule");
  },
  why: "SSE-S3 and the AWS-managed key give no separate control over who may decrypt; a project key's policy does.",
  fix: "Add an encryption configuration with sse_algorithm = \"aws:kms\", kms_master_key_id = the project's data key, bucket_key_enabled = true.",
};
