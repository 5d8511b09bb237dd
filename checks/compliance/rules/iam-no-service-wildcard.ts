import { identityPolicyRule } from "../identity-policy-rule";

const SERVICE_WILDCARD = /^([a-z0-9-]+:)?\*$/i;

export const iamNoServiceWildcard = identityPolicyRule({
  id: "iam-no-service-wildcard",
  title: "No IAM policy allows every action of a service (\"service:*\")",
  ids: ["FSBP IAM.21", "CKV_AWS_63"],
  offends: (s) => {
    const wild = s.notActions ? ["NotAction"] : s.actions.filter((a) => SERVICE_WILDCARD.test(a));
    return wild.length ? `allows ${wild.join(", ")}` : undefined;
  },
  why: "\"service:*\" grants today's and tomorrow's actions, including destructive and permission-changing ones.",
  fix: "Name the actions (wildcards inside a verb such as \"sagemaker:Describe*\" are fine).",
});
