import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { policyJson } from "../../domain/policy/document";
import { boundaryPolicy } from "./boundary";
import { ProjectRole } from "./project-role";
import { ProjectScopeInput, ROLE_NAMES, RoleName } from "./project-scope";
import { rolePolicy } from "./role-policies";
import { automationTrust, dataScientistTrust, PeopleTrustOptions, sagemakerTrust } from "./trust-policies";
import { STUDIO_ROLES, StudioRole, StudioScope, studioBoundary, studioPolicy } from "./studio-policies";

/** The name of a project role and of its policies (the plan's `ProjectPlan.roles[role]`). */
export interface ProjectRoleNames {
  /** The role's name. */
  readonly name: string;
  /** Names of the parts of its managed policy, in order (one is used unless the policy exceeds IAM's size limit). */
  readonly policyParts: readonly string[];
  /** The role's permissions boundary. */
  readonly boundary: string;
  /** The Studio policy of a Studio role; required for the Studio roles when `studio` is set. */
  readonly studio?: { readonly policy: string };
}

export interface ProjectIdentityProps {
  /** The values the policies are built from (Terraform tokens are fine). */
  readonly input: ProjectScopeInput;
  /**
   * Names of every role, policy and boundary, and the IAM path of them all, from the plan (`ProjectPlan.roles`,
   * `ProjectPlan.names.rolePath`: the role ARNs in `input` use the same path).
   */
  readonly names: { readonly rolePath: string; readonly roles: Readonly<Record<RoleName, ProjectRoleNames>> };
  /** Who may assume the data scientist role (see trust-policies.ts); at least one. */
  readonly dataScientistPrincipals: readonly string[];
  /** MFA / source identity required of data scientists' sessions. @default neither */
  readonly peopleTrust?: PeopleTrustOptions;
  /** CI/CD principals for the notebook and endpoint creation roles (the deploy principals when the config names none); at least one. */
  readonly cicdPrincipals: readonly string[];
  /** Let Service Catalog use the notebook creation role as a launch role. @default false */
  readonly serviceCatalog?: boolean;
  /** Applications that may assume the endpoint invocation role. @default the project's notebook execution role only */
  readonly applicationPrincipals?: readonly string[];
  /** The project's Studio domain: its two Studio roles get a Studio policy and their own boundary (studio-policies.ts). @default no Studio */
  readonly studio?: StudioScope;
}

const DESCRIPTIONS: Record<RoleName, string> = {
  "data-scientist": "People: discover project resources, start, stop and open their own notebooks through the VPC endpoint",
  "notebook-creation": "CI/CD or Service Catalog: create hardened notebooks in the environment's VPC",
  "notebook-execution": "Notebook instances: project data, and jobs only inside the VPC, encrypted and isolated",
  training: "Training, processing and transform jobs: read data, write model artifacts",
  "endpoint-creation": "CI/CD: isolated models in the VPC, encrypted endpoint configs, endpoints",
  "endpoint-hosting": "Hosted models: read model artifacts",
  "endpoint-invocation": "Applications: invoke the project's endpoints",
};

/** The seven roles of a data science project, each with its own permissions boundary. */
export class ProjectIdentity extends Construct {
  /** ARN of each role's permissions boundary. */
  readonly boundaryArns: Readonly<Record<RoleName, string>>;
  readonly roles: Readonly<Record<RoleName, ProjectRole>>;

  constructor(scope: Construct, id: string, props: ProjectIdentityProps) {
    super(scope, id);
    const { input, names } = props;
    if (props.cicdPrincipals.length === 0) throw new Error("ProjectIdentity: name the CI/CD principals (no role trusts the whole account)");
    const applications = props.applicationPrincipals?.length ? props.applicationPrincipals : [input.roleArns["notebook-execution"]];
    const trust: Record<RoleName, ReturnType<typeof sagemakerTrust>> = {
      "data-scientist": dataScientistTrust(input.scope, props.dataScientistPrincipals, props.peopleTrust),
      "notebook-creation": automationTrust(props.cicdPrincipals, { serviceCatalog: props.serviceCatalog }),
      "notebook-execution": sagemakerTrust(input.scope, { sourceIdentity: props.studio !== undefined }),
      training: sagemakerTrust(input.scope),
      "endpoint-creation": automationTrust(props.cicdPrincipals),
      "endpoint-hosting": sagemakerTrust(input.scope),
      "endpoint-invocation": automationTrust(applications),
    };
    const studioNames = (role: StudioRole) => {
      const n = names.roles[role].studio;
      if (!n) throw new Error(`ProjectIdentity: a Studio project needs names.roles["${role}"].studio (the plan's Studio policy names)`);
      return n;
    };
    if (props.studio) STUDIO_ROLES.forEach(studioNames);
    const roles: Partial<Record<RoleName, ProjectRole>> = {};
    const boundaryArns: Partial<Record<RoleName, string>> = {};
    for (const role of ROLE_NAMES) {
      const roleName = names.roles[role].name;
      const studioRole = props.studio && (STUDIO_ROLES as readonly string[]).includes(role);
      // The data scientist's Studio boundary names the domain: a reference the role then waits for (studio-policies.ts).
      const boundary = new IamPolicy(this, `${role}-boundary`, {
        name: names.roles[role].boundary, path: names.rolePath,
        description: `Permissions boundary of ${roleName}`,
        policy: policyJson(studioRole ? studioBoundary(role as StudioRole, input, props.studio!) : boundaryPolicy(role, input)),
      });
      boundaryArns[role] = boundary.arn;
      roles[role] = new ProjectRole(this, role, {
      name: roleName,
      policyNames: names.roles[role].policyParts,
      path: names.rolePath,
      description: DESCRIPTIONS[role],
      trustPolicy: trust[role],
      policy: rolePolicy(role, input),
      permissionsBoundaryArn: boundary.arn,
      // IAM refuses a trust policy naming a role that does not exist yet (the invocation role's default principal).
      dependsOn: role === "endpoint-invocation" && !props.applicationPrincipals?.length ? [roles["notebook-execution"]!.role] : undefined,
    });
    }
    this.roles = roles as Record<RoleName, ProjectRole>;
    this.boundaryArns = boundaryArns as Record<RoleName, string>;
    if (props.studio) {
      for (const role of STUDIO_ROLES) {
        const studio = new IamPolicy(this, `${role}-studio`, {
          name: studioNames(role).policy, path: names.rolePath,
          description: `What ${names.roles[role].name} may do in the project's Studio domain`,
          policy: policyJson(studioPolicy(role, input, props.studio)),
        });
        new IamRolePolicyAttachment(this, `${role}-studio-attachment`, { role: this.roles[role].roleName, policyArn: studio.arn });
      }
    }
  }
}
