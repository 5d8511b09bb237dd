/**
 * The Studio policies (lib/constructs/identity/studio-policies.ts): IAM simulation of the data-scientist role and of the
 * execution role the Studio UI acts as, each with its Studio policy and Studio boundary; every action and condition
 * key checked against AWS's service authorization reference; every condition key flipped by a scenario; the
 * 6144-character cap; and the wiring in the synthesized project stack.
 */
import { boundaryPolicy } from "../../lib/constructs/identity/boundary";
import { OWNER_TAG } from "../../lib/constructs/identity/project-scope";
import { rolePolicy } from "../../lib/constructs/identity/role-policies";
import { STUDIO_ROLES, StudioRole, studioBoundary, studioPolicy, StudioScope } from "../../lib/constructs/identity/studio-policies";
import { sagemakerTrust } from "../../lib/constructs/identity/trust-policies";
import type { PolicyDocument } from "../../lib/domain/policy/document";
import { configWith, resources, synthConfig } from "../helpers/synth";
import { ACCOUNT, API_ENDPOINT, INPUT, projectNames, REGION, STUDIO_DOMAIN, STUDIO_SCOPE, SUBNETS, VOLUME_KEY, OTHER_KEY, sm, VPC } from "./fixture";
import { policyConditionKeys } from "./policy-walk";
import { Decision, simulate } from "./simulate";

const DOMAIN = STUDIO_DOMAIN;
const STUDIO: StudioScope = STUDIO_SCOPE;
const LCC = STUDIO.lifecycleConfigArns[0];
const profile = (name: string) => sm("user-profile", `${DOMAIN}/${name}`);
const OWNER = `aws:PrincipalTag/${OWNER_TAG}`;
// SageMaker's own image, from the account that publishes Studio images in the fixture's region (lib/domain/catalogue/studio-image-accounts.ts).
const DISTRIBUTION = `arn:aws:sagemaker:${REGION}:470317259841:image/sagemaker-distribution-cpu`;

interface Scenario {
  readonly title: string;
  readonly role: StudioRole;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
  readonly expect: Decision | "Denied";
  readonly flips?: string;
  readonly base?: Scenario;
  /** Extra identity policy (to show that the boundary alone refuses). */
  readonly extra?: PolicyDocument;
}
const allow = (s: Omit<Scenario, "expect">): Scenario => ({ ...s, expect: "Allowed" });
function flip(base: Scenario, key: string, value: string | string[] | undefined, expect: Scenario["expect"], title: string): Scenario {
  const context = { ...base.context };
  if (value === undefined) delete context[key];
  else context[key] = value;
  return { ...base, title, context, expect, flips: key, base };
}

const openOwn = allow({ title: "alice opens her own Studio profile through the API endpoint", role: "data-scientist", action: "sagemaker:CreatePresignedDomainUrl",
  resource: profile("alice"), context: { [OWNER]: "alice", "sagemaker:ResourceTag/username": "alice", "aws:SourceVpce": API_ENDPOINT } });
const space = { "sagemaker:OwnerUserProfileArn": profile("alice"), "sagemaker:SpaceSharingType": "Private", "sagemaker:InstanceTypes": ["ml.t3.medium"],
  "sagemaker:StudioLifecycleConfigArns": [LCC], "sagemaker:ImageArns": [DISTRIBUTION] };
const createSpace = allow({ title: "alice creates her own private space", role: "data-scientist", action: "sagemaker:CreateSpace",
  resource: sm("space", `${DOMAIN}/alice-work`), context: { [OWNER]: "alice", ...space } });
const createApp = allow({ title: "alice starts a JupyterLab app in her private space", role: "data-scientist", action: "sagemaker:CreateApp",
  resource: sm("app", `${DOMAIN}/alice-work/jupyterlab/default`), context: { [OWNER]: "alice", ...space } });
const uiCreateApp = allow({ title: "the Studio UI (execution role, source identity alice) starts alice's app", role: "notebook-execution", action: "sagemaker:CreateApp",
  resource: sm("app", `${DOMAIN}/alice-work/jupyterlab/default`), context: { "aws:SourceIdentity": "alice", ...space } });
const deleteApp = allow({ title: "alice deletes her own app", role: "data-scientist", action: "sagemaker:DeleteApp", resource: sm("app", `${DOMAIN}/alice-work/jupyterlab/default`),
  context: { [OWNER]: "alice", "sagemaker:OwnerUserProfileArn": profile("alice"), "sagemaker:SpaceSharingType": "Private" } });
const admin: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const domain = { "sagemaker:AppNetworkAccessType": "VpcOnly", "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:VpcSubnets": SUBNETS };
// No project role manages domains (Terraform does): even with an administrator policy attached, the boundary allows
// no domain action (implicit deny), and explicitly refuses the non-compliant ones, should the allow list ever grow.
const createDomain: Scenario = { title: "with an administrator policy attached, even a VPC-only domain under the project key is outside the boundary", role: "data-scientist",
  action: "sagemaker:CreateDomain", resource: sm("domain", "d-newdomain0001"), context: domain, extra: admin, expect: "ImplicitlyDenied" };
const updateDomain: Scenario = { title: "with an administrator policy attached, an UpdateDomain that keeps VpcOnly is outside the boundary", role: "notebook-execution",
  action: "sagemaker:UpdateDomain", resource: sm("domain", DOMAIN), context: { "sagemaker:AppNetworkAccessType": "VpcOnly" }, extra: admin, expect: "ImplicitlyDenied" };

const SCENARIOS: Scenario[] = [
  openOwn,
  flip(openOwn, "sagemaker:ResourceTag/username", "bob", "Denied", "alice cannot open a profile tagged for bob"),
  { ...openOwn, title: "alice cannot open bob's profile", resource: profile("bob"), context: { ...openOwn.context, "sagemaker:ResourceTag/username": "bob" }, expect: "Denied" },
  flip(openOwn, "aws:SourceVpce", "vpce-0ddddddddddddddd9", "ExplicitlyDenied", "a presigned domain URL through another VPC endpoint is denied"),
  flip(openOwn, "aws:SourceVpce", undefined, "ExplicitlyDenied", "a presigned domain URL from outside the VPC (no endpoint) is denied"),
  flip(openOwn, OWNER, undefined, "ImplicitlyDenied", "a session without the username tag opens no profile"),
  createSpace,
  flip(createSpace, "sagemaker:SpaceSharingType", "Shared", "Denied", "a shared space is denied"),
  flip(createSpace, "sagemaker:OwnerUserProfileArn", profile("bob"), "Denied", "a space owned by bob's profile is denied to alice"),
  flip(createSpace, "sagemaker:InstanceTypes", ["ml.p4d.24xlarge"], "Denied", "a space on a disallowed instance type is denied"),
  flip(createSpace, "sagemaker:StudioLifecycleConfigArns", [sm("studio-lifecycle-config", "my-own-script")], "Denied", "a space with another lifecycle configuration is denied"),
  flip(createSpace, "sagemaker:ImageArns", [sm("image", "unapproved")], "Denied", "a space with an unapproved image is denied"),
  flip(createSpace, "sagemaker:ImageArns", [`arn:aws:sagemaker:${REGION}:999988887777:image/sagemaker-distribution-cpu`], "Denied",
    "a space with an image named like SageMaker's in another account is denied"),
  allow({ ...createSpace, title: "alice creates her own private space with remote access off", context: { ...createSpace.context, "sagemaker:RemoteAccess": "DISABLED" } }),
  flip({ ...createSpace, context: { ...createSpace.context, "sagemaker:RemoteAccess": "DISABLED" } }, "sagemaker:RemoteAccess", "ENABLED", "Denied",
    "a space open to remote access from a local IDE is denied"),
  allow({ ...createSpace, title: "alice's space may use an approved team image", context: { ...createSpace.context, "sagemaker:ImageArns": [sm("image", "team-python")] } }),
  { ...createSpace, title: "a space in another domain is denied", resource: sm("space", "d-otherdomain01/alice-work"), expect: "ImplicitlyDenied" },
  createApp,
  flip(createApp, "sagemaker:InstanceTypes", ["ml.g5.48xlarge"], "Denied", "an app on a disallowed instance type is denied"),
  flip(createApp, "sagemaker:SpaceSharingType", "Shared", "Denied", "an app in a shared space is denied"),
  deleteApp,
  flip(deleteApp, "sagemaker:OwnerUserProfileArn", profile("bob"), "Denied", "alice cannot delete bob's app"),
  uiCreateApp,
  flip(uiCreateApp, "aws:SourceIdentity", "bob", "ImplicitlyDenied", "the Studio UI acting for bob cannot start alice's app"),
  flip(uiCreateApp, "aws:SourceIdentity", undefined, "ImplicitlyDenied", "the execution role without a source identity (a notebook instance) starts no Studio app"),
  { ...uiCreateApp, title: "the execution role cannot open presigned domain URLs", action: "sagemaker:CreatePresignedDomainUrl", resource: profile("alice"),
    context: { ...uiCreateApp.context, "aws:SourceVpce": API_ENDPOINT }, expect: "ImplicitlyDenied" },
  { ...createDomain, title: "data scientist cannot create a domain, even a VPC-only one", extra: undefined },
  // The data scientist's boundary names the project's own domain: another project's profile stays out of reach, whatever is attached.
  { ...openOwn, title: "alice with an administrator policy attached cannot open a profile of another project's domain", resource: sm("user-profile", "d-otherdomain01/alice"),
    extra: admin, expect: "ImplicitlyDenied" },
  createDomain,
  flip(createDomain, "sagemaker:AppNetworkAccessType", "PublicInternetOnly", "Denied", "the boundary refuses a domain with internet access, whatever policy is attached"),
  flip(createDomain, "sagemaker:VolumeKmsKeyArn", OTHER_KEY, "Denied", "the boundary refuses a domain under another key"),
  updateDomain,
  flip(updateDomain, "sagemaker:AppNetworkAccessType", "PublicInternetOnly", "Denied", "the boundary refuses an UpdateDomain to PublicInternetOnly"),
  flip(updateDomain, "sagemaker:AppNetworkAccessType", undefined, "ImplicitlyDenied", "an UpdateDomain that leaves the access type alone is not explicitly refused"),
];

const session = (role: StudioRole) => `arn:aws:sts::${ACCOUNT}:assumed-role/${INPUT.roleArns[role].split("/").pop()}/alice`;
function run(s: Scenario): Promise<Decision> {
  // Studio and its users call from inside the environment's VPC (VpcOnly domain; people over VPN / Direct Connect)
  // unless the scenario says otherwise; an absent key is `undefined` in the scenario.
  const context = Object.fromEntries(Object.entries({ "aws:SourceVpc": VPC, ...s.context }).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>;
  return simulate({ principal: session(s.role), action: s.action, resource: s.resource, context }, {
    identity: [rolePolicy(s.role, INPUT), studioPolicy(s.role, INPUT, STUDIO), ...(s.extra ? [s.extra] : [])], boundary: studioBoundary(s.role, INPUT, STUDIO),
  });
}

test.each(SCENARIOS.map((s) => [s.title, s] as const))("%s", async (_title, s) => {
  const decision = await run(s);
  const ok = s.expect === "Denied" ? decision !== "Allowed" : decision === s.expect;
  expect({ decision, ok }).toEqual({ decision, ok: true });
  if (s.base) expect(await run(s.base)).toBe(s.base.expect);
});

const DOCS: [string, PolicyDocument][] = STUDIO_ROLES.flatMap((r) => [[`${r} Studio policy`, studioPolicy(r, INPUT, STUDIO)], [`${r} Studio boundary`, studioBoundary(r, INPUT, STUDIO)]] as [string, PolicyDocument][]);

test("every condition key of the Studio policies and boundaries has a scenario that flips the decision", () => {
  const already = new Set([...STUDIO_ROLES.flatMap((r) => policyConditionKeys(boundaryPolicy(r, INPUT))), ...STUDIO_ROLES.flatMap((r) => policyConditionKeys(rolePolicy(r, INPUT)))]);
  const used = new Set(DOCS.flatMap(([, d]) => policyConditionKeys(d)).filter((k) => !already.has(k)));
  const flipped = new Set(SCENARIOS.flatMap((s) => (s.flips ? [s.flips] : [])));
  expect([...used].filter((k) => !flipped.has(k)).sort()).toEqual([]);
});

// Every action and condition key of the Studio policies and boundaries is checked with the others' in iam-data.test.ts.

test("the Studio policies and boundaries fit IAM's 6144 characters with the longest names and six subnets", () => {
  const base = "sdsplatfrm-development-eu-1-fraud-detection1";
  const longest = { ...INPUT, ...projectNames(base), subnetIds: Array.from({ length: 6 }, (_, i) => `subnet-0aaaaaaaaaaaaaaa${i}`),
    dataBucketArns: [`arn:aws:s3:::${base}-data-123456789012`], modelBucketArns: [`arn:aws:s3:::${base}-models-123456789012`] };
  const studio = { ...STUDIO, lifecycleConfigArns: STUDIO.lifecycleConfigArns.map((a) => a.replace("sds-dev-fraud", base)) };
  for (const role of STUDIO_ROLES) {
    for (const doc of [studioPolicy(role, longest, studio), studioBoundary(role, longest, studio)]) expect(JSON.stringify(doc).replace(/\s/g, "").length).toBeLessThanOrEqual(6144);
  }
});

test("the execution role of a Studio project lets SageMaker set the source identity (the user profile name)", () => {
  expect(sagemakerTrust(INPUT.scope, { sourceIdentity: true }).Statement[0].Action).toEqual(["sts:AssumeRole", "sts:SetSourceIdentity"]);
  expect(sagemakerTrust(INPUT.scope).Statement[0].Action).toBe("sts:AssumeRole");
});

test("in the synthesized Studio project every role carries its own boundary; the two Studio roles also their Studio policy", () => {
  const stack = synthConfig(configWith({ projects: [{ name: "fraud", users: [{ username: "alice" }] }] }), "studio-identity").stack("dev-project-fraud");
  const policies = Object.fromEntries(resources(stack, "aws_iam_policy").map(([id, p]) => [p.name, { id, ...p }]));
  const roles: Record<string, any>[] = resources(stack, "aws_iam_role").map(([id, r]) => ({ id, ...r }));
  const attachments = resources(stack, "aws_iam_role_policy_attachment").map(([, a]) => a);
  for (const r of roles) {
    const short = r.name.replace("sds-dev-fraud-", "");
    const studio = (STUDIO_ROLES as readonly string[]).includes(short);
    expect([short, r.permissions_boundary]).toEqual([short, `\${aws_iam_policy.${policies[`${r.name}-boundary`].id}.arn}`]);
    // Its own policy (in parts where IAM's size limit needs them), plus the Studio policy for the Studio roles.
    const own = Object.keys(policies).filter((n) => n === r.name || new RegExp(`^${r.name}-\\d+$`).test(n)).length;
    expect([short, attachments.filter((a) => a.role === `\${aws_iam_role.${r.id}.name}`).length]).toEqual([short, own + (studio ? 1 : 0)]);
    if (short === "notebook-execution") expect(JSON.parse(r.assume_role_policy).Statement[0].Action).toEqual(["sts:AssumeRole", "sts:SetSourceIdentity"]);
  }
  const scientist = policies["sds-dev-fraud-data-scientist-studio"].policy as string;
  expect(scientist).toMatch(/user-profile\/\$\{aws_sagemaker_domain\.studio_domain_\w+\.id\}\/\$\$\{aws:PrincipalTag\/username\}/);
  expect(scientist).toContain("arn:aws:sagemaker:eu-west-1:123456789012:studio-lifecycle-config/sds-dev-fraud-jupyterlab");
  // The execution role's boundary cannot name the domain (the domain needs the role, which needs its boundary); the
  // data scientist's names it, so a presigned URL for another project's domain is refused whatever policy is attached.
  expect(policies["sds-dev-fraud-notebook-execution-boundary"].policy).not.toContain("aws_sagemaker_domain");
  expect(policies["sds-dev-fraud-data-scientist-boundary"].policy).toMatch(/sagemaker:eu-west-1:123456789012:\*\$\{aws_sagemaker_domain\.studio_domain_\w+\.id\}\*/);
});
