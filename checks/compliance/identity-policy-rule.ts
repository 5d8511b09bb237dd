/** The shape every identity-policy rule shares: walk the Allow statements of every IAM policy a resource carries. */
import { IDENTITY_POLICY_TYPES, identityPolicies, NormalStatement, offendingStatements } from "./policies";
import { passIf, Rule } from "./rule";

export function identityPolicyRule(spec: Omit<Rule, "appliesTo" | "check" | "when"> & { readonly offends: (s: NormalStatement) => string | undefined }): Rule {
  const { offends, ...rest } = spec;
  return {
    ...rest,
    appliesTo: IDENTITY_POLICY_TYPES,
    when: (r) => identityPolicies(r).some((p) => p !== undefined),
    check: (r, app) => {
      const problems = offendingStatements(app, r, identityPolicies(r).filter((p) => p !== undefined), (s) => (s.effect === "Allow" ? offends(s) : undefined));
      return passIf(problems.length === 0, [...new Set(problems)].join("; "));
    },
  };
}
