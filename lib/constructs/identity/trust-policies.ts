/**
 * Who may assume each project role (the roles' trust policies), as data.
 *
 * The data scientist role identifies the person by the session tag `username` (see OWNER_TAG), because an
 * assumed-role session has no `aws:username`. Each kind of trusted principal gets the tag in a way the person
 * cannot forge:
 * - SAML federation (a `saml-provider` ARN): the identity provider asserts the tag (PrincipalTag attribute);
 * - a role (for instance the IAM Identity Center permission-set role): the tag must equal the caller's own
 *   `username` principal tag (Identity Center "attributes for access control" set it from the directory);
 * - IAM users and the account (any IAM user of it): MFA is required and the tag must equal `aws:username`.
 */
import { ArnScope, Conditions, policy, PolicyDocument, Statement } from "../../domain/policy/document";
import { OWNER_TAG, sagemakerService } from "./project-scope";

export type PrincipalKind = "saml-provider" | "role" | "user" | "account";

/** What kind of principal an ARN names (the schema only lets these four through). */
export function principalKind(principalArn: string): PrincipalKind {
  if (/^arn:aws[\w-]*:iam::\d{12}:root$/.test(principalArn)) return "account";
  const m = /^arn:aws[\w-]*:iam::\d{12}:(saml-provider|role|user)\//.exec(principalArn);
  if (!m) throw new Error(`${principalArn} is not an IAM role, user, SAML provider or account ARN`);
  return m[1] as PrincipalKind;
}

const TAG_KEY_ONLY = { "ForAllValues:StringEquals": { "aws:TagKeys": [OWNER_TAG] } };
const MFA: Conditions = { Bool: { "aws:MultiFactorAuthPresent": "true" } };

/** Extra conditions on people's sessions, when the identity provider supplies them. */
export interface PeopleTrustOptions {
  /** Sessions must be MFA-authenticated (`aws:MultiFactorAuthPresent`). @default false (IAM users always need MFA) */
  readonly requireMfa?: boolean;
  /**
   * Sessions must carry a source identity (`sts:SourceIdentity`) equal to the person's `username` tag, which then
   * names the person in CloudTrail (no one can appear as someone else). @default false
   */
  readonly requireSourceIdentity?: boolean;
}

/** The data scientist role: people, through federation, a role, or IAM users with MFA. */
export function dataScientistTrust(_scope: ArnScope, principalArns: readonly string[], options: PeopleTrustOptions = {}): PolicyDocument {
  if (principalArns.length === 0) throw new Error("dataScientistTrust: name the people's principals (no role trusts the whole account)");
  const arns = principalArns;
  const byKind = (kind: PrincipalKind) => arns.filter((a) => principalKind(a) === kind);
  const tag = `aws:RequestTag/${OWNER_TAG}`;
  const statements: Statement[] = [];
  // A source identity, once set, follows the session and every role it assumes into CloudTrail; it cannot be changed.
  // It must equal the person's username as each kind of principal proves it (the same value the owner tag must carry):
  // the SAML assertion's tag, the calling role's own principal tag, the IAM user's name. Absent, it matches nothing.
  const sourceIdentity = (username: string): Conditions => (options.requireSourceIdentity ? { StringEquals: { "sts:SourceIdentity": username } } : {});
  const fromAssertion = sourceIdentity(`$\${${tag}}`), fromCaller = sourceIdentity(`$\${aws:PrincipalTag/${OWNER_TAG}}`), fromUser = sourceIdentity("$${aws:username}");
  const assume = (action: string) => (options.requireSourceIdentity ? [action, "sts:SetSourceIdentity"] : action);
  const saml = byKind("saml-provider");
  if (saml.length) {
    // The identity provider asserts the tag; without it the session could not open any notebook.
    const audience = { StringEquals: { "saml:aud": "https://signin.aws.amazon.com/saml" } };
    if (options.requireSourceIdentity) {
      statements.push(
        { Sid: "FederatedPeople", Effect: "Allow", Principal: { Federated: saml }, Action: "sts:AssumeRoleWithSAML", Condition: { ...audience, ...fromAssertion } },
        { Sid: "FederatedPeopleTagSession", Effect: "Allow", Principal: { Federated: saml }, Action: "sts:TagSession", Condition: audience },
        { Sid: "FederatedPeopleSourceIdentity", Effect: "Allow", Principal: { Federated: saml }, Action: "sts:SetSourceIdentity", Condition: fromAssertion },
      );
    } else {
      statements.push({ Sid: "FederatedPeople", Effect: "Allow", Principal: { Federated: saml }, Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"], Condition: audience });
    }
  }
  const roles = byKind("role");
  const users = [...byKind("user"), ...byKind("account")];
  if (roles.length) {
    statements.push({ Sid: "PeopleThroughTheirRole", Effect: "Allow", Principal: { AWS: roles }, Action: assume("sts:AssumeRole"),
      ...((options.requireMfa || options.requireSourceIdentity) && { Condition: { ...(options.requireMfa ? MFA : {}), ...fromCaller } }) });
  }
  if (users.length) statements.push({ Sid: "IamUsersWithMfa", Effect: "Allow", Principal: { AWS: users }, Action: assume("sts:AssumeRole"), Condition: { ...MFA, ...fromUser } });
  // Session tags: only the owner tag, and only with the caller's own identity as its value.
  if (roles.length) {
    statements.push({ Sid: "RoleCallersTagThemselves", Effect: "Allow", Principal: { AWS: roles }, Action: "sts:TagSession",
      Condition: { StringEquals: { [tag]: `$\${aws:PrincipalTag/${OWNER_TAG}}` }, ...TAG_KEY_ONLY } });
  }
  if (users.length) {
    statements.push({ Sid: "IamUsersTagThemselves", Effect: "Allow", Principal: { AWS: users }, Action: "sts:TagSession",
      Condition: { ...MFA, StringEquals: { [tag]: "$${aws:username}" }, ...TAG_KEY_ONLY } });
  }
  return policy(...statements);
}

/** A role assumed by automation (CI/CD, applications) and optionally by Service Catalog as a launch role. */
export function automationTrust(principalArns: readonly string[], opts: { serviceCatalog?: boolean } = {}): PolicyDocument {
  const statements: Statement[] = [{ Sid: "TrustedAutomation", Effect: "Allow", Principal: { AWS: [...principalArns] }, Action: "sts:AssumeRole" }];
  if (opts.serviceCatalog) {
    statements.push({ Sid: "ServiceCatalogLaunch", Effect: "Allow", Principal: { Service: "servicecatalog.amazonaws.com" }, Action: "sts:AssumeRole" });
  }
  return policy(...statements);
}

/**
 * A role SageMaker assumes for notebooks, jobs and endpoints of this account, and only for them (confused deputy
 * prevention, SageMaker Developer Guide): the request must come from a SageMaker resource of this account and
 * region (`aws:SourceAccount`, `aws:SourceArn`), so no other account can have SageMaker act with the role. With
 * `sourceIdentity` (a Studio execution role) SageMaker may also set the session's source identity to the user profile
 * name, so CloudTrail names the person.
 */
export function sagemakerTrust(scope: ArnScope, opts: { sourceIdentity?: boolean } = {}): PolicyDocument {
  return policy({ Sid: "SageMakerOfThisAccount", Effect: "Allow", Principal: { Service: sagemakerService() },
    Action: opts.sourceIdentity ? ["sts:AssumeRole", "sts:SetSourceIdentity"] : "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": scope.accountId }, ArnLike: { "aws:SourceArn": `arn:${scope.partition}:sagemaker:${scope.region}:${scope.accountId}:*` } } });
}
