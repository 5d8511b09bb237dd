/**
 * SageMaker Studio grants and boundary denies, as data. A project that uses Studio gives two of its roles a second
 * managed policy (`studioPolicy`), and their permissions boundary (`studioBoundary`) carries these grants too. A
 * project without Studio gets neither.
 *
 * Who acts in Studio:
 * - the person, as the data-scientist role, asks for a presigned domain URL (only for their own profile, only through
 *   the environment's `sagemaker.api` endpoint) and may manage their own private spaces and apps through the API;
 * - the Studio UI then calls SageMaker as the profile's execution role (notebook-execution), with the user profile
 *   name as the session's source identity (domain setting `execution_role_identity_config = USER_PROFILE_NAME`).
 *   The same space and app rules apply there, with the owner taken from `aws:SourceIdentity`.
 */
import { arn, Conditions, policy, PolicyDocument, Statement } from "../../domain/policy/document";
import { studioImageAccount } from "../../domain/catalogue/studio-image-accounts";
import { boundaryPolicy } from "./boundary";
import { allOf, throughApiEndpoint } from "./conditions";
import { Grant, grantStatement } from "./role-policies";
import { OWNER_TAG, ProjectScopeInput } from "./project-scope";

/** What the Studio policies are built from (Terraform tokens in the stack, concrete values in tests). */
export interface StudioScope {
  /** The project's Studio domain id (`d-...`). */
  readonly domainId: string;
  /** The project's Studio lifecycle configurations: the only ones apps may run. */
  readonly lifecycleConfigArns: readonly string[];
  /** Instance types Studio apps and spaces may use. */
  readonly instanceTypes: readonly string[];
  /** Images apps may use besides SageMaker's distribution images. */
  readonly imageArns: readonly string[];
}

/**
 * SageMaker's own Studio images (SageMaker Distribution), published from one AWS account per region
 * (lib/domain/catalogue/studio-image-accounts.ts): that account, never `*`, so an image of the same name in any other account
 * does not match.
 */
export function sagemakerDistributionImages(input: ProjectScopeInput): string {
  const account = studioImageAccount(input.scope.region);
  if (!account) throw new Error(`SageMaker's Studio image account of ${input.scope.region} is unknown (lib/domain/catalogue/studio-image-accounts.ts); the config check refuses Studio there`);
  return `arn:${input.scope.partition}:sagemaker:${input.scope.region}:${account}:image/sagemaker-distribution-*`;
}

import type { StudioRole } from "../../domain/roles";

export { STUDIO_ROLES, type StudioRole } from "../../domain/roles";

const studioArn = (input: ProjectScopeInput, studio: StudioScope, type: string, rest: string) => arn(input.scope, "sagemaker", `${type}/${studio.domainId}/${rest}`);

/** The request creates or changes a private space or app owned by `ownerProfile`, within the project's limits. */
function ownPrivate(input: ProjectScopeInput, studio: StudioScope, ownerProfile: string, limits: boolean): Conditions {
  return allOf(
    { StringEquals: { "sagemaker:SpaceSharingType": "Private" }, ArnEquals: { "sagemaker:OwnerUserProfileArn": studioArn(input, studio, "user-profile", ownerProfile) } },
    limits ? {
      "ForAllValues:StringEquals": { "sagemaker:InstanceTypes": [...studio.instanceTypes] },
      "ForAllValues:ArnEquals": { "sagemaker:StudioLifecycleConfigArns": [...studio.lifecycleConfigArns] },
      "ForAllValues:ArnLike": { "sagemaker:ImageArns": [sagemakerDistributionImages(input), ...studio.imageArns] },
    } : {},
  );
}

/** Discover and follow the project's domain, profiles, spaces and apps; own private spaces and apps only. */
function spacesAndApps(input: ProjectScopeInput, studio: StudioScope, sid: string, ownerProfile: string): Grant[] {
  return [
    { sid: `${sid}Discover`, actions: ["sagemaker:ListDomains", "sagemaker:ListUserProfiles", "sagemaker:ListSpaces", "sagemaker:ListApps"],
      resources: "*", unscopable: "SageMaker List* actions do not support resource-level permissions" },
    { sid: `${sid}Describe`, actions: ["sagemaker:DescribeDomain", "sagemaker:DescribeUserProfile", "sagemaker:DescribeSpace", "sagemaker:DescribeApp"],
      resources: [arn(input.scope, "sagemaker", `domain/${studio.domainId}`), ...["user-profile", "space", "app"].map((t) => studioArn(input, studio, t, "*"))] },
    // No connection from a local IDE into a space (remote access authenticates with IAM credentials, from outside the VPC).
    { sid: `${sid}OwnPrivateSpaces`, actions: ["sagemaker:CreateSpace", "sagemaker:UpdateSpace"], resources: [studioArn(input, studio, "space", "*")],
      conditions: allOf(ownPrivate(input, studio, ownerProfile, true), { StringEqualsIfExists: { "sagemaker:RemoteAccess": "DISABLED" } }) },
    { sid: `${sid}OwnApps`, actions: ["sagemaker:CreateApp"], resources: [studioArn(input, studio, "app", "*")], conditions: ownPrivate(input, studio, ownerProfile, true) },
    { sid: `${sid}RemoveOwn`, actions: ["sagemaker:DeleteSpace", "sagemaker:DeleteApp"], resources: [studioArn(input, studio, "space", "*"), studioArn(input, studio, "app", "*")],
      conditions: ownPrivate(input, studio, ownerProfile, false) },
  ];
}

/** The Studio grants of each Studio role. */
export const STUDIO_GRANTS: Readonly<Record<StudioRole, (input: ProjectScopeInput, studio: StudioScope) => Grant[]>> = {
  // The person: open their own profile (ARN and tag), only through the environment's API endpoint; their own private spaces and apps.
  "data-scientist": (input, studio) => {
    const own = `$\${aws:PrincipalTag/${OWNER_TAG}}`;
    return [
      { sid: "OpenOwnStudioProfileThroughEndpoint", actions: ["sagemaker:CreatePresignedDomainUrl"], resources: [studioArn(input, studio, "user-profile", own)],
        conditions: allOf({ StringEquals: { [`sagemaker:ResourceTag/${OWNER_TAG}`]: own } }, throughApiEndpoint(input)) },
      ...spacesAndApps(input, studio, "Studio", own),
    ];
  },
  // The Studio UI, as the execution role: the same rules, the owner being the session's source identity (the profile name).
  "notebook-execution": (input, studio) => spacesAndApps(input, studio, "StudioUi", "$${aws:SourceIdentity}"),
};

/** The second managed policy of a Studio role. */
export function studioPolicy(role: StudioRole, input: ProjectScopeInput, studio: StudioScope): PolicyDocument {
  return policy(...STUDIO_GRANTS[role](input, studio).map(grantStatement));
}

/**
 * Whether a Studio role's boundary names the project's domain and keeps the Studio grants' conditions. The data
 * scientist's does (nothing the domain needs depends on that role). The execution role's cannot name the domain: the
 * domain is created with it as its execution role and the role needs its boundary first, so a boundary naming the
 * domain id would be a cycle; and its boundary, which already carries the notebook and job hardening, has no room
 * left under IAM's 6144 characters for the Studio conditions. Its boundary admits the Studio actions on any domain's
 * resources (`d-*`); its Studio policy keeps them to the project's domain, private spaces and apps of the session's own
 * profile, the project's instance types, lifecycle configurations and images (docs/threat-model.md: what remains).
 */
export const BOUNDARY_HOLDS_STUDIO: Readonly<Record<StudioRole, boolean>> = { "data-scientist": true, "notebook-execution": false };

/**
 * The permissions boundary of a Studio role in a Studio project: the role's own boundary (boundary.ts) with its
 * Studio grants and the Studio denies that concern them.
 */
export function studioBoundary(role: StudioRole, input: ProjectScopeInput, studio: StudioScope): PolicyDocument {
  const holds = BOUNDARY_HOLDS_STUDIO[role];
  const scope = holds ? studio : { ...studio, domainId: "d-*" };
  return boundaryPolicy(role, input, { grants: STUDIO_GRANTS[role](input, scope), denies: studioDenies(input), conditions: holds });
}

/**
 * Never, for a Studio role: a domain reachable from the internet or not under the project's volume key; a presigned
 * domain URL from outside the environment's API endpoint. A boundary carries those that concern an action its grants
 * allow (boundary.ts `boundaryDenies`).
 */
export function studioDenies(input: ProjectScopeInput): Statement[] {
  const deny = (Sid: string, Action: string[], Condition: Conditions): Statement => ({ Sid, Effect: "Deny", Action, Resource: "*", Condition });
  return [
    deny("NeverPublicDomains", ["sagemaker:CreateDomain"], { StringNotEquals: { "sagemaker:AppNetworkAccessType": "VpcOnly" } }),
    // An update that leaves the access type alone does not carry the key; one that sets it must set VpcOnly.
    deny("NeverMakeDomainsPublic", ["sagemaker:UpdateDomain"], { Null: { "sagemaker:AppNetworkAccessType": "false" }, StringNotEquals: { "sagemaker:AppNetworkAccessType": "VpcOnly" } }),
    deny("NeverDomainsWithoutProjectKey", ["sagemaker:CreateDomain"], { ArnNotEquals: { "sagemaker:VolumeKmsKeyArn": input.volumeKeyArn } }),
    deny("NeverDomainUrlsOutsideEndpoint", ["sagemaker:CreatePresignedDomainUrl"], { StringNotEquals: throughApiEndpoint(input).StringEquals }),
  ];
}
