/**
 * Config of the optional organization stack (docs/organization.md): the account that deploys AWS Organizations
 * policies (the management account or a delegated administrator for policy management), the organization, the
 * targets the generated SCPs, RCPs and the EC2 declarative policy are attached to, and who is exempt (the deploy
 * and break-glass principals, by ARN pattern and/or principal tag). `schema.ts` plugs `Organization` in at the top
 * level and calls `checkOrganization` from its cross-field checks.
 */
import { z } from "zod";
import { REGIONS } from "../../lib/domain/catalogue/regions";
import { ROLE_ARN } from "./backend";

/** A root (`r-...`), an organizational unit (`ou-...`) or an account id: what AttachPolicy takes as TargetId. */
const TARGET = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;
/** An IAM role ARN pattern (`*` and `?` allowed in the path/name), in any account of the organization. */
const PRINCIPAL_PATTERN = /^arn:(aws|aws-cn|aws-us-gov):(iam::(\d{12}|\*):role\/[\w+=,.@/*?-]{1,512}|sts::(\d{12}|\*):assumed-role\/[\w+=,.@/*?-]{1,512})$/;

export const Organization = z.strictObject({
  /** The account the organization stack deploys to: the management account, or a delegated administrator for Organizations policies. */
  accountId: z.string().regex(/^\d{12}$/, { error: "must be the 12-digit id of the management or delegated-administrator account" }),
  /** Region of the provider (Organizations is global; the provider needs one). @default the first environment's region */
  region: z.string().refine((r) => Object.hasOwn(REGIONS, r), { error: "must be a region the catalogue knows (lib/domain/catalogue/regions.ts)" }).optional(),
  /** Role Terraform assumes in that account. @default the caller's credentials */
  assumeRoleArn: z.string().regex(ROLE_ARN, { error: "must be an IAM role ARN such as arn:aws:iam::111122223333:role/org-policy-deployer" }).optional(),
  /** The organization's id, the identity perimeter of the RCPs (`aws:PrincipalOrgID`). */
  organizationId: z.string().regex(/^o-[a-z0-9]{10,32}$/, { error: "must be an organization id such as o-a1b2c3d4e5 (aws organizations describe-organization)" }),
  /**
   * Where the policies are attached: OU ids, account ids or the root. Start with a test OU (docs/organization.md).
   * Every environment's account must be under one of them for the guardrails to apply there.
   */
  targets: z.array(z.string().regex(TARGET, { error: "must be an OU id (ou-abcd-12345678), an account id (12 digits) or the root (r-abcd)" }))
    .min(1, { error: "name at least one OU, account or root to attach the policies to" }),
  /**
   * Principals the guardrails on the product's own resources (trails, flow logs, log groups, keys, roles, boundaries,
   * network) do not stop: the deploy and break-glass roles, as ARN patterns (`arn:aws:iam::*:role/sds-deploy`).
   */
  exemptPrincipalArns: z.array(z.string().regex(PRINCIPAL_PATTERN, { error: "must be an IAM role ARN or pattern such as arn:aws:iam::*:role/sds-terraform" })).default([]),
  /** A principal tag that also exempts (`aws:PrincipalTag/<key>` = value); protect the tag itself with an SCP of your own. @default none */
  exemptPrincipalTag: z.strictObject({
    key: z.string().regex(/^[\w.:/=+@-]{1,128}$/, { error: "tag keys are 1-128 letters, digits and _.:/=+-@" }),
    value: z.string().regex(/^[\w .:/=+@-]{1,256}$/, { error: "tag values are 1-256 letters, digits, spaces and _.:/=+-@" }),
  }).optional(),
  /**
   * Policies already attached to every target besides FullAWSAccess/RCPFullAWSAccess (yours), counted against AWS's
   * limit of 5 per target and type, so the split of the generated policies is checked at synth. @default 0
   */
  otherAttachedPolicies: z.strictObject({
    scp: z.number().int().min(0).max(4).default(0),
    rcp: z.number().int().min(0).max(4).default(0),
  }).default({ scp: 0, rcp: 0 }),
  /**
   * The environments' VPC ids (`vpc_id` output of each platform stack), by environment name: the RCPs' network
   * perimeter on project data and SageMaker's logs. VPC ids exist only once the platform is applied, in another
   * account, so they are given here (second step of the rollout, docs/organization.md). @default none (identity perimeter only)
   */
  environmentVpcIds: z.record(z.string(), z.string().regex(/^vpc-[0-9a-f]{8,17}$/, { error: "must be a VPC id such as vpc-0123456789abcdef0 (the platform stack's vpc_id output)" })).default({}),
  /** The EC2 declarative policy turning on VPC Block Public Access (bidirectional) in the targets. @default true */
  vpcBlockPublicAccess: z.boolean().default(true),
});

export type OrganizationConfig = z.infer<typeof Organization>;

/** Cross-field rules; `report(message, ...path)` with a path relative to `organization`. */
export function checkOrganization(org: OrganizationConfig, environments: readonly { readonly name: string; readonly accountId: string }[], report: (message: string, ...path: (string | number)[]) => void): void {
  if (org.exemptPrincipalArns.length === 0 && !org.exemptPrincipalTag) {
    report("the guardrails would stop Terraform itself from changing the product's trails, keys and roles; set exemptPrincipalArns (the deploy and break-glass roles, e.g. arn:aws:iam::*:role/sds-terraform) or exemptPrincipalTag", "exemptPrincipalArns");
  }
  const seen = new Set<string>();
  org.targets.forEach((t, i) => {
    if (seen.has(t)) report(`${t} is listed twice; remove one`, "targets", i);
    seen.add(t);
  });
  if (org.assumeRoleArn) {
    const account = ROLE_ARN.exec(org.assumeRoleArn)?.[2];
    if (account !== org.accountId) report(`the role is in account ${account}, not the organization account ${org.accountId}; use a role of ${org.accountId}`, "assumeRoleArn");
  }
  if (org.targets.includes(org.accountId)) {
    report(`${org.accountId} is the account that deploys the policies; SCPs never apply to the management account, and attaching them to a delegated administrator can lock the deployer out: remove it from targets`, "targets", org.targets.indexOf(org.accountId));
  }
  for (const name of Object.keys(org.environmentVpcIds)) {
    if (!environments.some((e) => e.name === name)) report(`"${name}" is not an environment of this config; known: ${environments.map((e) => e.name).join(", ")}`, "environmentVpcIds", name);
  }
  environments.forEach((e, i) => {
    if (e.accountId === org.accountId) report(`environments[${i}] is in ${org.accountId}, the account that deploys the organization policies; SCPs do not apply to the management account, so run environments in member accounts`, "accountId");
  });
}
