import { identityPolicyRule } from "../identity-policy-rule";
import { scopableActions } from "../iam-actions";

export const iamResourceWildcardScopable = identityPolicyRule({
  id: "iam-resource-wildcard-scopable",
  title: "Resource \"*\" only for actions that cannot be scoped to a resource",
  ids: ["CKV_AWS_355"],
  offends: (s) => {
    if (s.notResources || !s.resources.includes("*")) return undefined;
    if (s.notActions) return "allows NotAction on Resource \"*\"";
    const scopable = s.actions.flatMap(scopableActions);
    if (scopable.length === 0) return undefined;
    const shown = scopable.slice(0, 5).join(", ") + (scopable.length > 5 ? ` and ${scopable.length - 5} more` : "");
    return `Resource "*" for actions that support resource-level permissions: ${shown}`;
  },
  why: "\"*\" where an ARN would do lets the role act on every resource of that kind in the account, not just the project's.",
  fix: "Use the ARN helpers of lib/domain/policy/document.ts to name the project's resources; keep \"*\" only for list/describe actions that require it.",
});
