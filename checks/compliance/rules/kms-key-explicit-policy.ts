import { passIf, Rule } from "../rule";

export const kmsKeyExplicitPolicy: Rule = {
  id: "kms-key-explicit-policy",
  title: "Every key has an explicit key policy",
  ids: ["CKV2_AWS_64"],
  appliesTo: ["aws_kms_key"],
  check: (r, app) => passIf(Boolean(r.attrs.policy) || app.attachedTo(r, "aws_kms_key_policy", "key_id").length > 0,
    "neither policy nor an aws_kms_key_policy is set, so AWS applies its default policy"),
  why: "The default key policy hands the key to every IAM principal of the account that an identity policy allows.",
  fix: "Create keys through lib/constructs/encryption/encryption-key.ts, which writes the key policy from key-policy.ts.",
};
