/**
 * The permissions boundary of every project role: the most any of them can ever do, whatever policy is attached
 * to it later. It allows only the actions the seven role tables use, on the resources they name, and denies
 * outright what no project role may ever do.
 */
import { arn, policy, PolicyDocument, Statement } from "../../domain/policy/document";
import { nvmeTypes, outsideNetwork, passedToSageMaker } from "./conditions";
import { bucketsAndObjects, ProjectScopeInput, ROLE_NAMES, RoleName } from "./project-scope";
import { Grant, ROLE_GRANTS } from "./role-policies";

/**
 * SageMaker actions that place compute in a VPC (sagemaker:VpcSubnets / VpcSecurityGroupIds apply).
 * `Create*ingJob` = CreateTrainingJob, CreateProcessingJob, CreateHyperParameterTuningJob (and labeling/edge
 * packaging jobs, which no project role may create anyway): one pattern, because the boundary must fit IAM's 6144
 * characters with six subnets and the longest names.
 */
export const VPC_PLACED_ACTIONS = ["sagemaker:CreateNotebookInstance", "sagemaker:Create*ingJob", "sagemaker:CreateModel"];

/** SageMaker actions that create encrypted volumes (sagemaker:VolumeKmsKeyArn applies). */
export const VOLUME_ACTIONS = [
  "sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob",
  "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateTransformJob", "sagemaker:CreateEndpointConfig",
];

/**
 * The channels that carry project data, whoever the role: object reads, writes and listings, log contents, the
 * code repository, presigned UI URLs, endpoint invocations and job creation. From any role, only from inside the
 * environment's VPC (or by an AWS service on the caller's behalf).
 */
export const DATA_CHANNEL_ACTIONS = [
  "s3:*Object*", "s3:List*", "logs:Get*", "logs:Filter*", "logs:Start*", "codecommit:*", "sagemaker:CreatePresigned*",
  "sagemaker:Invoke*", "sagemaker:Create*Job",
];

/**
 * Never, for any project role: stopping the audit trail, deleting flow logs or log groups, disabling or deleting
 * keys, shedding the boundary. (The boundary's allow list has none of these anyway; the explicit deny keeps them
 * out even if that list grows. IAM caps a managed policy at 6144 characters, so this list is the essentials.)
 */
export const NEVER_ACTIONS = [
  "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "ec2:DeleteFlowLogs", "logs:DeleteLogGroup",
  "kms:ScheduleKeyDeletion", "kms:Disable*", "kms:PutKeyPolicy", "iam:*RolePermissionsBoundary",
];

/**
 * The resources a project role may ever touch: the project's SageMaker resources, buckets, keys, repository and
 * mirror; the account's ECR repositories and EC2 network interfaces in the region and SageMaker's log groups (the
 * role policies narrow these to the environment's subnets and security groups); the project's own roles (PassRole).
 */
export function projectEnvelope(input: ProjectScopeInput): string[] {
  const { scope } = input;
  return [...new Set([
    // Any SageMaker resource type whose name starts with the project base (one pattern instead of one per type:
    // IAM caps a managed policy at 6144 characters). The role policies name each type.
    arn(scope, "sagemaker", `*${input.projectBase.toLowerCase()}-*`),
    // Project buckets are named `<project base>-<purpose>-<account>`; the role policies name each bucket.
    ...bucketsAndObjects([`arn:${scope.partition}:s3:::${input.projectBase}-*`]),
    // The project's keys by ARN: never `key/*` (FSBP KMS.2: no decryption on all keys, even in a boundary).
    ...input.bucketKeyArns, input.volumeKeyArn, input.outputKeyArn, ...(input.codeRepository ? [input.codeRepository.keyArn] : []),
    arn(scope, "logs", "log-group:/aws/sagemaker/*"),
    arn(scope, "ecr", "repository/*"),
    arn(scope, "ec2", "*"),
    input.rolesPattern,
    ...(input.codeRepository ? [input.codeRepository.arn] : []),
    ...(input.packageMirror ? [input.packageMirror.domainArn, input.packageMirror.repositoryArn] : []),
  ])];
}

function union(grants: Grant[], pick: (g: Grant) => readonly string[]): string[] {
  return [...new Set(grants.flatMap(pick))].sort();
}

/** The boundary of the given roles (all seven by default; Studio roles get their own: studio-policies.ts). */
export function boundaryPolicy(input: ProjectScopeInput, roles: readonly RoleName[] = ROLE_NAMES): PolicyDocument {
  const grants = roles.flatMap((role) => ROLE_GRANTS[role](input));
  const scoped = grants.filter((g) => g.resources !== "*");
  const unscoped = grants.filter((g) => g.resources === "*");
  const deny = (Sid: string, Action: string[], Condition?: Statement["Condition"]): Statement =>
    // Resource "*": a deny must hold wherever the action is attempted.
    ({ Sid, Effect: "Deny", Action, Resource: "*", ...(Condition && { Condition }) });
  // Instance-type allow-lists and remote debugging are enforced by the role policies (per use); the boundary keeps
  // only what must survive an over-broad policy attached later, within IAM's 6144 characters.
  const nvme = nvmeTypes([...new Set([...input.instanceTypes.jobs, ...input.instanceTypes.endpoints])].sort());
  return policy(
    { Sid: "ProjectActions", Effect: "Allow", Action: union(scoped, (g) => g.actions), Resource: projectEnvelope(input) },
    // Resource "*": exactly the actions the role tables mark as unscopable (each with its reason there).
    { Sid: "UnscopableActions", Effect: "Allow", Action: union(unscoped, (g) => g.actions), Resource: "*" },
    deny("NeverInternetNotebooks", ["sagemaker:CreateNotebookInstance"], { StringNotEquals: { "sagemaker:DirectInternetAccess": "Disabled" } }),
    deny("NeverRootNotebooks", ["sagemaker:CreateNotebookInstance"], { StringNotEquals: { "sagemaker:RootAccess": "Disabled" } }),
    deny("NeverEnableRoot", ["sagemaker:UpdateNotebookInstance"], { StringEquals: { "sagemaker:RootAccess": "Enabled" } }),
    deny("NeverOutsideVpc", VPC_PLACED_ACTIONS, { Null: { "sagemaker:VpcSubnets": "true" } }),
    deny("NeverOtherSubnets", VPC_PLACED_ACTIONS, { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSubnets": [...input.subnetIds] } }),
    deny("NeverOtherGroups", VPC_PLACED_ACTIONS, { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSecurityGroupIds": [...input.securityGroupIds] } }),
    // No volume key only where AWS refuses one: the project's allowed instance types with local NVMe storage only.
    deny("NeverUnencrypted", VOLUME_ACTIONS, { Null: { "sagemaker:VolumeKmsKeyArn": "true" },
      ...(nvme.length ? { "ForAnyValue:StringNotLike": { "sagemaker:InstanceTypes": nvme } } : {}) }),
    deny("NeverOutsideTheNetwork", DATA_CHANNEL_ACTIONS, outsideNetwork(input)),
    // Presigned URLs: NeverOutsideTheNetwork keeps them in the VPC; the role policy names the sagemaker.api and notebook endpoints.
    deny("NeverPassElsewhere", ["iam:PassRole"], { StringNotEquals: passedToSageMaker().StringEquals }),
    deny("NeverTamper", NEVER_ACTIONS),
  );
}
