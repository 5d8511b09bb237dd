import { isTrue } from "../../synthesized/model";
import { passIf, Rule } from "../rule";

export const kmsKeyRotation: Rule = {
  id: "kms-key-rotation",
  title: "Symmetric customer-managed keys rotate",
  ids: ["CIS 3.6", "FSBP KMS.4", "CKV_AWS_7"],
  appliesTo: ["aws_kms_key"],
  // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
  when: (r) => r.attrs.customer_master_key_spec === undefined || r.attrs.customer_master_key_spec === "SYMMETRIC_DEFAULT",
  check: (r) => passIf(isTrue(r.attrs.enable_key_rotation), "enable_key_rotation is not true"),
  why: "Rotation limits how much data one key version protects, and is expected by every standard the project maps to.",
  fix: "Create keys through lib/constructs/encryption/encryption-key.ts (rotation on), or set enable_key_rotation = true.",
};
