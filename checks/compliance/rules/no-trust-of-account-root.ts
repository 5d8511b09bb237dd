import { offendingStatements } from "../policies";
import { passIf, Rule } from "../rule";

/** An account principal: the account's root ARN in any partition (references allowed), or a bare account id. */
const ACCOUNT_PRINCIPAL = /^(arn:[^:]*:iam::[^:]*:root|\d{12})$/;

export const noTrustOfAccountRoot: Rule = {
  id: "no-trust-of-account-root",
  title: "No role trusts a whole account (`arn:...:iam::<account>:root` or a bare account id), conditions or not",
  ids: ["CKV_AWS_61", "SDS DataPerimeter.6"],
  appliesTo: ["aws_iam_role"],
  check: (r, app) => {
    const problems = offendingStatements(app, r, [r.attrs.assume_role_policy], (s) => {
      if (s.effect !== "Allow" || s.principals === undefined || s.principals === "*") return undefined;
      const accounts = s.principals.filter((p) => ACCOUNT_PRINCIPAL.test(p));
      return accounts.length ? `trusts ${accounts.join(", ")} for ${s.actions.join(", ")}` : undefined;
    });
    return passIf(problems.length === 0, problems.join("; "));
  },
  why: "Trusting the account lets every IAM user and role of it whose own policy allows sts:AssumeRole take the role: who may use it is then decided by every identity policy in the account, not by the role. Conditions (MFA, tags) narrow who, but not to named principals.",
  fix: "Name the principals in the config (projects[].identity: dataScientistPrincipals, cicdPrincipals, applicationPrincipals); where trusting the account is a deliberate decision, record it as a compliance suppression with its reason.",
};
