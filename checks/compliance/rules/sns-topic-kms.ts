import { rotatedCustomerKey } from "../keys";
import { Rule } from "../rule";

export const snsTopicKms: Rule = {
  id: "sns-topic-kms",
  title: "SNS topics are encrypted with a rotated customer-managed key",
  ids: ["FSBP SNS.1", "CKV_AWS_26"],
  appliesTo: ["aws_sns_topic"],
  check: (r, app) => rotatedCustomerKey(app, r, "kms_master_key_id"),
  why: "Notifications about non-compliant jobs carry resource names and parameters; they are audit data.",
  fix: "Set kms_master_key_id to a project or audit key whose policy lets the publishing services (events.amazonaws.com) use it.",
};
