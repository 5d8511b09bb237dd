import { rotatedCustomerKey } from "../keys";
import { Rule } from "../rule";

export const sagemakerDomainKmsCmk: Rule = {
  id: "sagemaker-domain-kms-cmk",
  title: "Studio home volumes (the domain's EFS) are encrypted with a rotated customer-managed key",
  ids: ["CKV_AWS_187"],
  appliesTo: ["aws_sagemaker_domain"],
  check: (r, app) => rotatedCustomerKey(app, r, "kms_key_id"),
  why: "The domain's EFS volume holds every user's home folder (notebooks, data copies); with the AWS-managed key anyone allowed to use EFS in the account can read it.",
  fix: "Set the domain's kms_key_id to the project's volumes key (lib/constructs/sagemaker/studio-domain.ts does).",
};
