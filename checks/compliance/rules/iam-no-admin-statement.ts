import { identityPolicyRule } from "../identity-policy-rule";

export const iamNoAdminStatement = identityPolicyRule({
  id: "iam-no-admin-statement",
  title: "No IAM policy allows \"*\" on \"*\"",
  ids: ["FSBP IAM.1", "CIS 1.16", "CKV_AWS_62"],
  offends: (s) => (!s.notActions && s.actions.includes("*") && !s.notResources && s.resources.includes("*") ? "allows Action \"*\" on Resource \"*\"" : undefined),
  why: "Full administrative rights in a project role make every other control in the environment optional.",
  fix: "List the actions the role needs (lib/domain/policy/document.ts statements), on the project's resources.",
});
