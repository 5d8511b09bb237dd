/**
 * The organization's guardrails as data: service control policies (what no principal of an environment's account may
 * do), resource control policies (who, from where, may reach the account's resources) and the EC2 declarative policy
 * (VPC Block Public Access). Built from the same tables and condition builders as the project roles
 * (lib/constructs/identity/conditions.ts, boundary.ts), negated where an SCP must deny what a role is only allowed with a
 * condition. Values a policy at the organization level cannot know (subnet, security-group and key ids are made by
 * the platform and project stacks) are required by presence (`Null`); what the plan knows (account ids, key aliases,
 * trail, role and bucket names) is named. docs/organization.md explains each statement.
 */
import { NVME_FAMILIES } from "../../domain/catalogue/instance-types";
import { encryptedAndIsolated, hardenedNotebook } from "../identity/conditions";
import { NEVER_ACTIONS } from "../identity/boundary";
import { ROLE_PATH } from "../identity/project-scope";
import type { Conditions, Statement } from "../../domain/policy/document";

/** What the guardrails of one environment name (from the plan). */
export interface GuardedEnvironment {
  readonly name: string;
  readonly accountId: string;
  /** `<prefix>-<environment>`: trail, platform roles, CIS alarms, boundaries. */
  readonly base: string;
  /** `<prefix>/<environment>`: key aliases and the environment's log groups (`/<prefix>/<environment>/...`). */
  readonly aliasBase: string;
  /** Every project's base `<prefix>-<environment>-<project>`: its buckets are `<project base>-*`. */
  readonly projectBases: readonly string[];
  /** The environment's VPC, when the config names it (organization.environmentVpcIds): the RCPs' network perimeter. */
  readonly vpcId?: string;
}

export interface GuardrailInput {
  readonly partition: string;
  readonly organizationId: string;
  /** Deploy and break-glass principals, by ARN pattern. */
  readonly exemptPrincipalArns: readonly string[];
  /** A principal tag that exempts too. */
  readonly exemptPrincipalTag?: { readonly key: string; readonly value: string };
  readonly environments: readonly GuardedEnvironment[];
}

// ---- what the SageMaker create calls must carry (each list checked against the service authorization reference
// in __tests__/organization/guardrails.test.ts: every action supports the key it is held to) ----

/** Compute placed in a VPC: `sagemaker:VpcSubnets` and `sagemaker:VpcSecurityGroupIds` apply. */
export const SCP_VPC_ACTIONS = [
  "sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob",
  "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateModel", "sagemaker:CreateAutoMLJob", "sagemaker:CreateAutoMLJobV2",
  "sagemaker:CreateDataQualityJobDefinition", "sagemaker:CreateModelQualityJobDefinition",
  "sagemaker:CreateModelBiasJobDefinition", "sagemaker:CreateModelExplainabilityJobDefinition",
];
/** Volumes on instances: `sagemaker:VolumeKmsKeyArn` and `sagemaker:InstanceTypes` apply. */
export const SCP_VOLUME_ACTIONS = [
  "sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob",
  "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateTransformJob", "sagemaker:CreateEndpointConfig",
];
/** Output written to S3: `sagemaker:OutputKmsKeyArn` applies. */
export const SCP_OUTPUT_ACTIONS = [
  "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateHyperParameterTuningJob",
  "sagemaker:CreateTransformJob", "sagemaker:CreateAutoMLJob", "sagemaker:CreateAutoMLJobV2",
];
/** Per key of `encryptedAndIsolated()`: the actions that support it. */
export const SCP_ISOLATION_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  "sagemaker:InterContainerTrafficEncryption": ["sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateHyperParameterTuningJob"],
  "sagemaker:NetworkIsolation": ["sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateModel"],
};

/** Sid-safe form of a condition key: "sagemaker:RootAccess" → "RootAccess". */
const keyName = (key: string) => key.split(":")[1].replace(/[^A-Za-z0-9]/g, "");

/** The exemption of the deploy and break-glass principals, as conditions a Deny statement adds (ANDed: exempt by either). */
export function unlessExempt(input: GuardrailInput, ifExists = false): Conditions {
  const suffix = ifExists ? "IfExists" : "";
  return {
    ...(input.exemptPrincipalArns.length > 0 && { [`ArnNotLike${suffix}`]: { "aws:PrincipalArn": [...input.exemptPrincipalArns] } }),
    ...(input.exemptPrincipalTag && { [`StringNotEquals${suffix}`]: { [`aws:PrincipalTag/${input.exemptPrincipalTag.key}`]: input.exemptPrincipalTag.value } }),
  };
}

const deny = (Sid: string, Action: readonly string[], Resource: string | readonly string[], Condition?: Conditions): Statement =>
  ({ Sid, Effect: "Deny", Action: [...Action], Resource: typeof Resource === "string" ? Resource : [...Resource], ...(Condition && { Condition }) });

/**
 * SageMaker creation calls that would leave the perimeter: no one (exempt or not) may make them. The allow-side
 * conditions of the roles (`hardenedNotebook()`, `encryptedAndIsolated()`) are turned into one Deny per key.
 */
export function sageMakerGuardrails(): Statement[] {
  const nvme = NVME_FAMILIES.map((f) => `ml.${f}.*`);
  const notebook = hardenedNotebook().StringEquals;
  const isolation = encryptedAndIsolated().Bool;
  return [
    deny("SageMakerComputeInAVpc", SCP_VPC_ACTIONS, "*", { Null: { "sagemaker:VpcSubnets": "true" } }),
    deny("SageMakerComputeWithSecurityGroups", SCP_VPC_ACTIONS, "*", { Null: { "sagemaker:VpcSecurityGroupIds": "true" } }),
    // Instance types with local NVMe storage only refuse a volume key (the hardware encrypts it): not denied.
    deny("SageMakerVolumesEncrypted", SCP_VOLUME_ACTIONS, "*", { Null: { "sagemaker:VolumeKmsKeyArn": "true" }, "ForAnyValue:StringNotLike": { "sagemaker:InstanceTypes": nvme } }),
    deny("SageMakerOutputEncrypted", SCP_OUTPUT_ACTIONS, "*", { Null: { "sagemaker:OutputKmsKeyArn": "true" } }),
    ...Object.entries(isolation).map(([key, value]) =>
      deny(`SageMaker${keyName(key)}`, SCP_ISOLATION_ACTIONS[key], "*", { BoolIfExists: { [key]: value === "true" ? "false" : "true" } })),
    ...Object.entries(notebook).map(([key, value]) =>
      deny(`Notebook${keyName(key)}`, ["sagemaker:CreateNotebookInstance"], "*", { StringNotEquals: { [key]: value as string } })),
    deny("StudioDomainsVpcOnly", ["sagemaker:CreateDomain"], "*", { StringNotEquals: { "sagemaker:AppNetworkAccessType": "VpcOnly" } }),
    deny("StudioDomainVolumesEncrypted", ["sagemaker:CreateDomain"], "*", { Null: { "sagemaker:VolumeKmsKeyArn": "true" } }),
  ];
}

/** No path to the internet in the environments' accounts, for anyone; routes only by the exempt principals. */
export function networkGuardrails(input: GuardrailInput): Statement[] {
  return [
    deny("NoInternetOrNatGateways", ["ec2:CreateInternetGateway", "ec2:AttachInternetGateway", "ec2:CreateNatGateway", "ec2:CreateEgressOnlyInternetGateway", "ec2:CreateCarrierGateway"], "*"),
    deny("RoutesOnlyByTheDeployer", ["ec2:CreateRoute", "ec2:ReplaceRoute"], "*", unlessExempt(input)),
  ];
}

/**
 * The product's evidence and controls, changed only by the exempt principals: trails, flow logs, log groups and
 * metric filters, CIS alarms, keys (by their aliases), project roles and their boundaries. `NEVER_ACTIONS` (the
 * boundary's own list) is the core; the organization adds the update paths an account administrator would use.
 */
export function productGuardrails(input: GuardrailInput): Statement[] {
  const p = input.partition;
  const envs = input.environments;
  const never = (prefix: string) => NEVER_ACTIONS.filter((a) => a.startsWith(`${prefix}:`));
  const exempt = unlessExempt(input);
  return [
    deny("ProtectTrails", [...never("cloudtrail"), "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"],
      envs.map((e) => `arn:${p}:cloudtrail:*:${e.accountId}:trail/${e.base}-*`), exempt),
    deny("ProtectFlowLogs", never("ec2"), "*", exempt),
    deny("ProtectLogGroups", [...never("logs"), "logs:DisassociateKmsKey", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:DeleteMetricFilter", "logs:PutMetricFilter"],
      envs.map((e) => `arn:${p}:logs:*:${e.accountId}:log-group:/${e.aliasBase}/*`), exempt),
    deny("ProtectAlarms", ["cloudwatch:DeleteAlarms", "cloudwatch:DisableAlarmActions", "cloudwatch:PutMetricAlarm"],
      envs.map((e) => `arn:${p}:cloudwatch:*:${e.accountId}:alarm:${e.base}-*`), exempt),
    deny("ProtectKeys", [...never("kms"), "kms:DisableKeyRotation", "kms:CreateGrant", "kms:RevokeGrant"], "*",
      { ...exempt, "ForAnyValue:StringLike": { "kms:ResourceAliases": envs.map((e) => `alias/${e.aliasBase}/*`) } }),
    deny("ProtectRolesAndBoundaries", [...never("iam"), "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DeleteRole", "iam:UpdateAssumeRolePolicy"],
      [`arn:${p}:iam::*:role${ROLE_PATH}*`, ...envs.map((e) => `arn:${p}:iam::${e.accountId}:role/${e.base}-*`)], exempt),
    deny("ProtectBoundaryPolicies", ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"],
      envs.map((e) => `arn:${p}:iam::${e.accountId}:policy/*${e.base}-*`), exempt),
  ];
}

/** Every SCP statement, in the order they are packed into policies. */
export function serviceControlStatements(input: GuardrailInput): Statement[] {
  return [...sageMakerGuardrails(), ...networkGuardrails(input), ...productGuardrails(input)];
}

/** Services whose resources an RCP protects here (each on AWS's list of services that support RCPs). */
export const RCP_SERVICES = ["s3", "sts", "kms", "sqs", "secretsmanager", "logs", "ecr"] as const;

/**
 * Resource control policies: the identity perimeter (only the organization's principals, and AWS services acting
 * for it, reach the accounts' resources of RCP_SERVICES) and, for the environments whose VPC the config names, the
 * network perimeter on project data and SageMaker's logs (only from that VPC, by an AWS service on the caller's
 * behalf, or by the exempt principals).
 */
export function resourceControlStatements(input: GuardrailInput): Statement[] {
  const p = input.partition;
  const identity: Statement = {
    Sid: "OnlyTheOrganizationsPrincipals", Effect: "Deny", Principal: "*",
    Action: ["s3:*", "sts:AssumeRole", "kms:*", "sqs:*", "secretsmanager:*", "logs:*", "ecr:*"], Resource: "*",
    Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": input.organizationId }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
  };
  const fenced = input.environments.filter((e) => e.vpcId);
  if (fenced.length === 0) return [identity];
  const network: Statement[] = fenced.map((e) => ({
    Sid: `ProjectDataOnlyFromTheVpc${e.name.replace(/[^A-Za-z0-9]/g, "")}`, Effect: "Deny", Principal: "*",
    Action: ["s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:ListBucket*", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:StartLiveTail", "logs:GetLogRecord"],
    Resource: [
      ...e.projectBases.flatMap((b) => [`arn:${p}:s3:::${b}-*`, `arn:${p}:s3:::${b}-*/*`]),
      `arn:${p}:logs:*:${e.accountId}:log-group:/aws/sagemaker/*`,
    ],
    Condition: {
      StringNotEqualsIfExists: { "aws:SourceVpc": e.vpcId!, ...(input.exemptPrincipalTag && { [`aws:PrincipalTag/${input.exemptPrincipalTag.key}`]: input.exemptPrincipalTag.value }) },
      BoolIfExists: { "aws:PrincipalIsAWSService": "false", "aws:ViaAWSService": "false" },
      ...(input.exemptPrincipalArns.length > 0 && { ArnNotLikeIfExists: { "aws:PrincipalArn": [...input.exemptPrincipalArns] } }),
    },
  }));
  return [identity, ...network];
}

/** The EC2 declarative policy: VPC Block Public Access, bidirectional, no exclusions (AWS Organizations user guide, "Declarative policy syntax"). */
export function vpcBlockPublicAccessPolicy(): Record<string, unknown> {
  return {
    ec2_attributes: {
      vpc_block_public_access: {
        internet_gateway_block: { mode: { "@@assign": "block_bidirectional" }, exclusions_allowed: { "@@assign": "disabled" } },
      },
    },
  };
}
