import { rotatedCustomerKey } from "../keys";
import { Rule } from "../rule";

export const cloudtrailKms: Rule = {
  id: "cloudtrail-kms",
  title: "Trails encrypt their log files with a rotated customer-managed key",
  ids: ["FSBP CloudTrail.2", "CIS 3.5", "CKV_AWS_35"],
  appliesTo: ["aws_cloudtrail"],
  check: (r, app) => rotatedCustomerKey(app, r, "kms_key_id"),
  why: "SSE-KMS with a dedicated key adds a second permission (kms:Decrypt) between a bucket reader and the audit log.",
  fix: "Set kms_key_id to the audit key (EncryptionKey with a cloudtrail.amazonaws.com statement).",
};
