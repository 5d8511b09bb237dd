import { hasCondition, offendingStatements } from "../policies";
import { passIf, Rule } from "../rule";

export const kmsKeyNoPublicPrincipal: Rule = {
  id: "kms-key-no-public-principal",
  title: "Key policies grant nothing to the `*` principal without a condition",
  ids: ["CKV_AWS_33"],
  appliesTo: ["aws_kms_key", "aws_kms_key_policy"],
  when: (r) => r.attrs.policy !== undefined,
  check: (r, app) => {
    const problems = offendingStatements(app, r, [r.attrs.policy], (s) =>
      s.effect === "Allow" && s.principals === "*" && !hasCondition(s) ? `Allow to "*" on ${s.actions.join(", ")} without a condition` : undefined);
    return passIf(problems.length === 0, problems.join("; "));
  },
  why: "A key usable by any principal of any account is as good as no encryption.",
  fix: "Name the principals (account root, roles, service principals) or add a condition such as aws:PrincipalAccount.",
};
