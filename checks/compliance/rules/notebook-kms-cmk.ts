import { rotatedCustomerKey } from "../keys";
import { Rule } from "../rule";

export const notebookKmsCmk: Rule = {
  id: "notebook-kms-cmk",
  title: "Notebook volumes are encrypted with a rotated customer-managed key",
  ids: ["FSBP SageMaker.21", "CKV_AWS_22"],
  appliesTo: ["aws_sagemaker_notebook_instance"],
  check: (r, app) => rotatedCustomerKey(app, r, "kms_key_id"),
  why: "With the AWS-managed key, anyone allowed to use EBS in the account can read the volume; a project key confines it.",
  fix: "Set kms_key_id to the project's notebook key (an EncryptionKey from lib/constructs/encryption, rotation on).",
};
