import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { PolicyDocument, policyJson } from "../policy/document";

export interface ProjectRoleProps {
  /** Role name (also the name of its managed policy). */
  readonly name: string;
  /** IAM path of the role and its policy, e.g. "/sagemaker-project/". */
  readonly path: string;
  /** What the role is for; shown in the console. */
  readonly description: string;
  /** Who may assume the role. */
  readonly trustPolicy: PolicyDocument;
  /** What the role may do (a customer-managed policy attached to it). */
  readonly policy: PolicyDocument;
  /** ARN of the permissions boundary every project role carries. */
  readonly permissionsBoundaryArn: string;
  /** Resources the role must wait for (e.g. a role its trust policy names). @default none */
  readonly dependsOn?: ITerraformDependable[];
  /** Longest session in seconds. @default 3600 (one hour) */
  readonly maxSessionDurationSeconds?: number;
}

/**
 * An IAM role with a permissions boundary and its own customer-managed policy (no inline policies, no AWS-managed
 * policies: what the role can do is exactly the policy the identity tables generate, capped by the boundary).
 */
export class ProjectRole extends Construct {
  readonly roleName: string;
  readonly roleArn: string;
  readonly policyArn: string;
  /** The role resource (for `dependsOn`). */
  readonly role: IamRole;
  /** The attachment of the role's policy: depend on it before using the role. */
  readonly attachment: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, props: ProjectRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: props.name,
      path: props.path,
      description: props.description,
      assumeRolePolicy: policyJson(props.trustPolicy),
      permissionsBoundary: props.permissionsBoundaryArn,
      maxSessionDuration: props.maxSessionDurationSeconds ?? 3600,
      forceDetachPolicies: true,
      dependsOn: props.dependsOn,
    });
    const managed = new IamPolicy(this, "policy", {
      name: props.name,
      path: props.path,
      description: `What ${props.name} may do`,
      policy: policyJson(props.policy),
    });
    this.attachment = new IamRolePolicyAttachment(this, "attachment", { role: role.name, policyArn: managed.arn });
    this.role = role;
    this.roleName = role.name;
    this.roleArn = role.arn;
    this.policyArn = managed.arn;
  }
}
