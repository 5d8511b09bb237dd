import { Construct } from "constructs";
import { SagemakerDomain } from "@cdktf/provider-aws/lib/sagemaker-domain";
import { SagemakerStudioLifecycleConfig } from "@cdktf/provider-aws/lib/sagemaker-studio-lifecycle-config";
import { SagemakerUserProfile } from "@cdktf/provider-aws/lib/sagemaker-user-profile";
import { STUDIO_INSTANCE_TYPES } from "../../domain/catalogue/studio-instance-types";
import { OWNER_TAG } from "../identity/project-scope";
import { base64Script } from "./notebook-lifecycle";
import { STUDIO_APP_TYPES, StudioAppType } from "../../domain/studio-names";
import { studioStartScript, StudioStartScriptInput } from "./studio-start-script";

/** One person of the project: a user profile named after their username. */
export interface StudioUser {
  /** Profile name, and the `username` tag the data-scientist role matches against the caller's session tag. */
  readonly username: string;
  /** Instance types the Studio UI offers this user; the first is their default. @default the domain's */
  readonly instanceTypes?: readonly string[];
  /** Execution role of this user's apps. @default the domain's execution role */
  readonly executionRoleArn?: string;
}

export { STUDIO_APP_TYPES, type StudioAppType } from "../../domain/studio-names";

export interface StudioDomainProps extends StudioStartScriptInput {
  /** Domain name (the plan's `names.studio.domain`). */
  readonly name: string;
  /** Name of the lifecycle configuration of each app type (the plan's `names.studio.lifecycleConfigs`; policies name their ARNs). */
  readonly lifecycleConfigNames: Readonly<Record<StudioAppType, string>>;
  /** "IAM" (presigned URLs) or "SSO" (IAM Identity Center; profiles are matched to Identity Center user names). */
  readonly authMode: "IAM" | "SSO";
  readonly vpcId: string;
  /** The environment's private subnets: the domain's apps and its EFS home volume live there. */
  readonly subnetIds: readonly string[];
  /** The project's Studio security group (domain, user and space settings). */
  readonly securityGroupId: string;
  /** The project's volumes key: EFS home volume and app storage. */
  readonly volumeKeyArn: string;
  /** The domain's (and spaces') execution role. */
  readonly executionRoleArn: string;
  /** Instance types apps may use; the first is the default. */
  readonly instanceTypes: readonly string[];
  /** Idle minutes before a JupyterLab or Code Editor app shuts down. */
  readonly idleShutdownMinutes: number;
  /** What a destroy does with the EFS home volume: "Retain" keeps the users' files, "Delete" removes them. */
  readonly homeVolumeOnDestroy: "Retain" | "Delete";
  readonly users: readonly StudioUser[];
}


/**
 * A project's SageMaker Studio domain in VPC-only mode: apps reach AWS only through the environment's endpoints,
 * volumes under the project key, calls of the execution role carry the user profile name as source identity, no
 * notebook output sharing, idle apps shut down, every app starts with the lifecycle configuration that writes the
 * SDK defaults. One private user profile per person, tagged with their username.
 */
export class StudioDomain extends Construct {
  readonly domainId: string;
  readonly domainArn: string;
  /** The EFS home volume SageMaker creates for the domain. */
  readonly homeEfsFileSystemId: string;
  readonly lifecycleConfigArns: string[];
  /** User profile ARN by username. */
  readonly profileArns: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: StudioDomainProps) {
    super(scope, id);
    const content = base64Script(studioStartScript(props), id);
    const lifecycle = Object.fromEntries(STUDIO_APP_TYPES.map((appType) => [appType, new SagemakerStudioLifecycleConfig(this, `lifecycle-${appType.toLowerCase()}`, {
      studioLifecycleConfigName: props.lifecycleConfigNames[appType],
      studioLifecycleConfigAppType: appType,
      studioLifecycleConfigContent: content,
    }).arn])) as Record<StudioAppType, string>;
    this.lifecycleConfigArns = Object.values(lifecycle);
    const idleSettings = { lifecycleManagement: "ENABLED", idleTimeoutInMinutes: props.idleShutdownMinutes };
    const apps = (instanceType: string) => ({
      jupyterLabAppSettings: {
        lifecycleConfigArns: [lifecycle.JupyterLab],
        defaultResourceSpec: { instanceType, lifecycleConfigArn: lifecycle.JupyterLab },
        appLifecycleManagement: { idleSettings },
      },
      codeEditorAppSettings: {
        lifecycleConfigArns: [lifecycle.CodeEditor],
        defaultResourceSpec: { instanceType, lifecycleConfigArn: lifecycle.CodeEditor },
        appLifecycleManagement: { idleSettings },
      },
    });
    const groups = [props.securityGroupId];
    // The Studio UI offers only the allowed instance types (IAM refuses the others anyway: studio-policies.ts). "system"
    // is the Jupyter server's own type, never offered for apps.
    const portal = (allowed: readonly string[]) => ({ hiddenInstanceTypes: STUDIO_INSTANCE_TYPES.filter((t) => t !== "system" && !allowed.includes(t)) });
    const domain = new SagemakerDomain(this, "domain", {
      domainName: props.name,
      authMode: props.authMode,
      vpcId: props.vpcId,
      subnetIds: [...props.subnetIds],
      appNetworkAccessType: "VpcOnly",
      kmsKeyId: props.volumeKeyArn,
      domainSettings: { executionRoleIdentityConfig: "USER_PROFILE_NAME", securityGroupIds: groups },
      defaultUserSettings: {
        executionRole: props.executionRoleArn,
        securityGroups: groups,
        studioWebPortal: "ENABLED",
        studioWebPortalSettings: portal(props.instanceTypes),
        defaultLandingUri: "studio::",
        sharingSettings: { notebookOutputOption: "Disabled" },
        ...apps(props.instanceTypes[0]),
      },
      defaultSpaceSettings: {
        executionRole: props.executionRoleArn,
        securityGroups: groups,
        jupyterLabAppSettings: apps(props.instanceTypes[0]).jupyterLabAppSettings,
      },
      retentionPolicy: { homeEfsFileSystem: props.homeVolumeOnDestroy },
    });
    this.domainId = domain.id;
    this.domainArn = domain.arn;
    this.homeEfsFileSystemId = domain.homeEfsFileSystemId;

    for (const user of props.users) {
      const profile = new SagemakerUserProfile(this, `profile-${user.username}`, {
        domainId: domain.id,
        userProfileName: user.username,
        ...(props.authMode === "SSO" && { singleSignOnUserIdentifier: "UserName", singleSignOnUserValue: user.username }),
        userSettings: {
          executionRole: user.executionRoleArn ?? props.executionRoleArn,
          securityGroups: groups,
          sharingSettings: { notebookOutputOption: "Disabled" },
          ...(user.instanceTypes && { ...apps(user.instanceTypes[0]), studioWebPortalSettings: portal(user.instanceTypes) }),
        },
        tags: { [OWNER_TAG]: user.username },
      });
      this.profileArns[user.username] = profile.arn;
    }
  }
}
