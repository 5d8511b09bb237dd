import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { accountRoot, policyJson } from "../policy/document";
import { boundaryPolicy } from "./boundary";
import { ProjectRole } from "./project-role";
import { ProjectScopeInput, ROLE_NAMES, ROLE_PATH, RoleName, roleName } from "./project-scope";
import { rolePolicy } from "./role-policies";
import { automationTrust, dataScientistTrust, sagemakerTrust } from "./trust-policies";
import { STUDIO_ROLES, StudioRole, StudioScope, studioBoundary, studioPolicy } from "./studio-policies";

export interface ProjectIdentityProps {
  /** The values the policies are built from (Terraform tokens are fine). */
  readonly input: ProjectScopeInput;
  /** Who may assume the data scientist role (see trust-policies.ts). @default the account (IAM users with MFA) */
  readonly dataScientistPrincipals?: readonly string[];
  /** CI/CD principals for the notebook and endpoint creation roles. @default the account root (delegating to IAM) */
  readonly cicdPrincipals?: readonly string[];
  /** Let Service Catalog use the notebook creation role as a launch role. @default false */
  readonly serviceCatalog?: boolean;
  /** Applications that may assume the endpoint invocation role. @default the account root (delegating to IAM) */
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

/** The permissions boundary and the seven roles of a data science project. */
export class ProjectIdentity extends Construct {
  readonly boundaryArn: string;
  readonly roles: Readonly<Record<RoleName, ProjectRole>>;

  constructor(scope: Construct, id: string, props: ProjectIdentityProps) {
    super(scope, id);
    const { input } = props;
    const root = accountRoot(input.scope);
    const orAccount = (arns?: readonly string[]) => (arns?.length ? arns : [root]);
    const boundary = new IamPolicy(this, "boundary", {
      name: `${input.projectBase}-boundary`,
      path: ROLE_PATH,
      description: `Permissions boundary of every role of ${input.projectBase}`,
      policy: policyJson(boundaryPolicy(input)),
    });
    this.boundaryArn = boundary.arn;
    const trust: Record<RoleName, ReturnType<typeof sagemakerTrust>> = {
      "data-scientist": dataScientistTrust(input.scope, props.dataScientistPrincipals ?? []),
      "notebook-creation": automationTrust(orAccount(props.cicdPrincipals), { serviceCatalog: props.serviceCatalog }),
      "notebook-execution": sagemakerTrust({ sourceIdentity: props.studio !== undefined }),
      training: sagemakerTrust(),
      "endpoint-creation": automationTrust(orAccount(props.cicdPrincipals)),
      "endpoint-hosting": sagemakerTrust(),
      "endpoint-invocation": automationTrust(orAccount(props.applicationPrincipals)),
    };
    this.roles = Object.fromEntries(ROLE_NAMES.map((role) => [role, new ProjectRole(this, role, {
      name: roleName(input.projectBase, role),
      path: ROLE_PATH,
      description: DESCRIPTIONS[role],
      trustPolicy: trust[role],
      policy: rolePolicy(role, input),
      permissionsBoundaryArn: props.studio && (STUDIO_ROLES as readonly string[]).includes(role)
        ? new IamPolicy(this, `${role}-studio-boundary`, {
          name: `${input.projectBase}-${role}-studio-boundary`, path: ROLE_PATH,
          description: `Permissions boundary of ${roleName(input.projectBase, role)} in a Studio project`,
          policy: policyJson(studioBoundary(role as StudioRole, input)),
        }).arn
        : boundary.arn,
    })])) as Record<RoleName, ProjectRole>;
    if (props.studio) {
      for (const role of STUDIO_ROLES) {
        const studio = new IamPolicy(this, `${role}-studio`, {
          name: `${input.projectBase}-${role}-studio`, path: ROLE_PATH,
          description: `What ${roleName(input.projectBase, role)} may do in the project's Studio domain`,
          policy: policyJson(studioPolicy(role, input, props.studio)),
        });
        new IamRolePolicyAttachment(this, `${role}-studio-attachment`, { role: this.roles[role].roleName, policyArn: studio.arn });
      }
    }
  }
}
