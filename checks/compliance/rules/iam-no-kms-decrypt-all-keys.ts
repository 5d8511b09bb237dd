import { identityPolicyRule } from "../identity-policy-rule";
import { actionMatches } from "../policies";

const ALL_KEYS = (resource: string) => resource === "*" || /^arn:[^:]+:kms:[^:]*:[^:]*:(key\/)?\*$/.test(resource);

export const iamNoKmsDecryptAllKeys = identityPolicyRule({
  id: "iam-no-kms-decrypt-all-keys",
  title: "No IAM policy allows kms:Decrypt or kms:ReEncryptFrom on all keys",
  ids: ["FSBP KMS.1", "FSBP KMS.2"],
  offends: (s) => {
    const decrypts = ["kms:Decrypt", "kms:ReEncryptFrom"].filter((a) => (s.notActions ? !s.actions.some((p) => actionMatches(p, a)) : s.actions.some((p) => actionMatches(p, a))));
    const everyKey = s.notResources || s.resources.some(ALL_KEYS);
    return decrypts.length && everyKey ? `allows ${decrypts.join(", ")} on every key` : undefined;
  },
  why: "Decrypt on every key lets the role read whatever any key protects, across projects.",
  fix: "Name the project's key ARNs (they are attributes of the EncryptionKey constructs) in Resource.",
});
