import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { PolicyDocument, policyJson, splitPolicy } from "../../domain/policy/document";

export interface ProjectRoleProps {
  /** Role name. */
  readonly name: string;
  /**
   * Names of the parts of its managed policy, in order: the first is used, and one more for each part a policy
   * beyond IAM's 6144 characters is split into (the plan's `roles[role].policyParts`: `<name>`, `<name>-2`, ...).
   */
  readonly policyNames: readonly string[];
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
  /** The role's managed policies (one unless its grants exceed IAM's size limit). */
  readonly policyArns: string[];
  /** The role resource (for `dependsOn`). */
  readonly role: IamRole;
  /** The attachments of the role's policies: depend on them before using the role. */
  readonly attachments: IamRolePolicyAttachment[];

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
    // IAM caps a managed policy at 6144 characters: a role whose grants need more gets them in parts (named by
    // `policyNames`), statements kept whole and in order. Ten managed policies may be attached to a role.
    const parts = splitPolicy(props.policy);
    if (parts.length > props.policyNames.length) {
      throw new Error(`ProjectRole ${props.name}: its policy needs ${parts.length} parts but ${props.policyNames.length} policy names were given`);
    }
    const managed = parts.map((part, i) => new IamPolicy(this, i === 0 ? "policy" : `policy-${i + 1}`, {
      name: props.policyNames[i],
      path: props.path,
      description: `What ${props.name} may do${parts.length > 1 ? ` (part ${i + 1} of ${parts.length})` : ""}`,
      policy: policyJson(part),
    }));
    this.attachments = managed.map((m, i) => new IamRolePolicyAttachment(this, i === 0 ? "attachment" : `attachment-${i + 1}`, { role: role.name, policyArn: m.arn }));
    this.role = role;
    this.roleName = role.name;
    this.roleArn = role.arn;
    this.policyArns = managed.map((m) => m.arn);
  }
}
