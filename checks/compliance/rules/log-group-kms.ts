import { rotatedCustomerKey } from "../keys";
import { Rule } from "../rule";

export const logGroupKms: Rule = {
  id: "log-group-kms",
  title: "Log groups are encrypted with a rotated customer-managed key",
  ids: ["CKV_AWS_158"],
  appliesTo: ["aws_cloudwatch_log_group"],
  check: (r, app) => rotatedCustomerKey(app, r, "kms_key_id"),
  why: "Logs carry request parameters and sometimes data; a key whose policy names the log groups confines who can read them.",
  fix: "Create log groups through lib/constructs/audit/encrypted-log-group.ts with a key whose policy lets logs.<region> use it.",
};
