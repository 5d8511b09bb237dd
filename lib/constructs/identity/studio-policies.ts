/**
 * SageMaker Studio grants and boundary denies, as data. A project that uses Studio gives two of its roles a second
 * managed policy (`studioPolicy`) and their own permissions boundary (`studioBoundary`: the role's share of the
 * project boundary plus the Studio actions and denies). Separate documents because IAM caps a managed policy at
 * 6144 characters and the seven-role boundary has no room left for Studio. A project without Studio gets none.
 *
 * Who acts in Studio:
 * - the person, as the data-scientist role, asks for a presigned domain URL (only for their own profile, only through
 *   the environment's `sagemaker.api` endpoint) and may manage their own private spaces and apps through the API;
 * - the Studio UI then calls SageMaker as the profile's execution role (notebook-execution), with the user profile
 *   name as the session's source identity (domain setting `execution_role_identity_config = USER_PROFILE_NAME`).
 *   The same space and app rules apply there, with the owner taken from `aws:SourceIdentity`.
 */
import { arn, Conditions, policy, PolicyDocument, Statement } from "../../domain/policy/document";
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

/** SageMaker's own Studio images (SageMaker Distribution), published from AWS accounts of each region. */
export function sagemakerDistributionImages(input: ProjectScopeInput): string {
  return `arn:${input.scope.partition}:sagemaker:${input.scope.region}:*:image/sagemaker-distribution-*`;
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
    { sid: `${sid}OwnPrivateSpaces`, actions: ["sagemaker:CreateSpace", "sagemaker:UpdateSpace"], resources: [studioArn(input, studio, "space", "*")],
      conditions: ownPrivate(input, studio, ownerProfile, true) },
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
 * The permissions boundary of a Studio role: its share of the project boundary, with the Studio actions added to the
 * boundary's two allow statements, and the Studio denies.
 */
export function studioBoundary(role: StudioRole, input: ProjectScopeInput): PolicyDocument {
  // Only the actions are read: the boundary never refers to the domain (the domain needs the role, which needs its boundary).
  const grants = STUDIO_GRANTS[role](input, { domainId: "d-*", lifecycleConfigArns: [], instanceTypes: [], imageArns: [] });
  const actions = (scoped: boolean) => grants.filter((g) => (g.resources !== "*") === scoped).flatMap((g) => g.actions);
  // Studio resources of any domain (`<type>/d-...`); the role policy narrows them to the project's domain.
  const envelope = ["domain", "user-profile", "space", "app"].map((t) => arn(input.scope, "sagemaker", `${t}/d-*`));
  const extend: Record<string, { actions: string[]; resources?: string[] }> = {
    ProjectActions: { actions: actions(true), resources: envelope },
    UnscopableActions: { actions: actions(false) },
  };
  const statements = boundaryPolicy(input, [role]).Statement.map((st) => {
    const more = st.Sid ? extend[st.Sid] : undefined;
    if (!more) return st;
    delete extend[st.Sid!];
    const list = (v: Statement["Action"]) => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);
    return { ...st, Action: [...new Set([...list(st.Action), ...more.actions])].sort(), ...(more.resources && { Resource: [...list(st.Resource), ...more.resources] }) };
  });
  if (Object.keys(extend).length) throw new Error(`the project boundary has no statement ${Object.keys(extend).join(", ")} to extend with Studio actions`);
  return policy(...statements, ...studioDenies(input));
}

/**
 * Never, for any project role: a domain reachable from the internet or not under the project's volume key; a presigned
 * domain URL from outside the environment's API endpoint. (Shared spaces and other subnets are refused by the role
 * policies, which allow only private spaces; IAM's 6144-character cap on the boundary leaves room for these four.)
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
