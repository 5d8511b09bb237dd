/**
 * The permissions boundary of every project role: the most any of them can ever do, whatever policy is attached
 * to it later. It allows only the actions the seven role tables use, on the resources they name, and denies
 * outright what no project role may ever do.
 */
import { policy, PolicyDocument, Statement } from "../policy/document";
import { passedToSageMaker, throughApiEndpoint } from "./conditions";
import { ProjectScopeInput, ROLE_NAMES } from "./project-scope";
import { Grant, ROLE_GRANTS } from "./role-policies";

/** SageMaker actions that place compute in a VPC (sagemaker:VpcSubnets / VpcSecurityGroupIds apply). */
export const VPC_PLACED_ACTIONS = [
  "sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob",
  "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateModel",
];

/** SageMaker actions that create encrypted volumes (sagemaker:VolumeKmsKeyArn applies). */
export const VOLUME_ACTIONS = [
  "sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob",
  "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateTransformJob", "sagemaker:CreateEndpointConfig",
];

/** Never, for any project role: tampering with the audit trail, the keys, or identities. */
export const NEVER_ACTIONS = [
  "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
  "ec2:DeleteFlowLogs", "logs:DeleteLogGroup", "logs:DeleteRetentionPolicy", "logs:DisassociateKmsKey",
  "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DisableKeyRotation", "kms:PutKeyPolicy",
  "iam:CreateUser", "iam:CreateAccessKey", "iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary",
  "iam:DeleteRolePermissionsBoundary", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
  "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
];

function union(grants: Grant[], pick: (g: Grant) => readonly string[]): string[] {
  return [...new Set(grants.flatMap(pick))].sort();
}

export function boundaryPolicy(input: ProjectScopeInput): PolicyDocument {
  const grants = ROLE_NAMES.flatMap((role) => ROLE_GRANTS[role](input));
  const scoped = grants.filter((g) => g.resources !== "*");
  const unscoped = grants.filter((g) => g.resources === "*");
  const deny = (Sid: string, Action: string[], Condition?: Statement["Condition"]): Statement =>
    // Resource "*": a deny must hold wherever the action is attempted.
    ({ Sid, Effect: "Deny", Action, Resource: "*", ...(Condition && { Condition }) });
  return policy(
    { Sid: "ProjectActionsOnProjectResources", Effect: "Allow", Action: union(scoped, (g) => g.actions), Resource: union(scoped, (g) => g.resources as string[]) },
    // Resource "*": exactly the actions the role tables mark as unscopable (each with its reason there).
    { Sid: "UnscopableProjectActions", Effect: "Allow", Action: union(unscoped, (g) => g.actions), Resource: "*" },
    deny("NeverInternetNotebooks", ["sagemaker:CreateNotebookInstance"], { StringNotEquals: { "sagemaker:DirectInternetAccess": "Disabled" } }),
    deny("NeverRootNotebooks", ["sagemaker:CreateNotebookInstance"], { StringNotEquals: { "sagemaker:RootAccess": "Disabled" } }),
    deny("NeverEnableRoot", ["sagemaker:UpdateNotebookInstance"], { StringEquals: { "sagemaker:RootAccess": "Enabled" } }),
    deny("NeverOutsideVpc", VPC_PLACED_ACTIONS, { Null: { "sagemaker:VpcSubnets": "true" } }),
    deny("NeverOtherSubnets", VPC_PLACED_ACTIONS, { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSubnets": [...input.subnetIds] } }),
    deny("NeverOtherSecurityGroups", VPC_PLACED_ACTIONS, { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSecurityGroupIds": [...input.securityGroupIds] } }),
    deny("NeverUnencryptedVolumes", VOLUME_ACTIONS, { Null: { "sagemaker:VolumeKmsKeyArn": "true" } }),
    deny("NeverNotebookUrlsOutsideEndpoint", ["sagemaker:CreatePresignedNotebookInstanceUrl"], { StringNotEquals: throughApiEndpoint(input).StringEquals }),
    deny("NeverPassRolesElsewhere", ["iam:PassRole"], { StringNotEquals: passedToSageMaker().StringEquals }),
    deny("NeverTamperWithAuditKeysOrIdentities", NEVER_ACTIONS),
  );
}
