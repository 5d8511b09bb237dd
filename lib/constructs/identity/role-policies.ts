/**
 * The identity policies of the seven project roles, as tables of grants. Each grant is one statement; adding a
 * permission is one line that the existence check and the simulation tests then cover.
 */
import { arn, Conditions, policy, PolicyDocument, Statement } from "../../domain/policy/document";
import {
  allOf, encryptedAndIsolated, grantForAwsResource, hardenedNotebook, inEnvironmentVpc, instanceTypesIn, noFileSystemInputs, noRemoteDebug, projectLifecycleConfigs,
  outsideNetwork, ownNotebook, passedToSageMaker, throughApiEndpoint, viaS3, viaService, withOutputKey, withVolumeKey,
} from "./conditions";
import {
  batchModels, bucketsAndObjects, OWNER_TAG, ProjectScopeInput, transformOutputs, projectLogGroups, projectLogStreams, projectResources, RoleName,
} from "./project-scope";

export interface Grant {
  readonly sid: string;
  readonly actions: readonly string[];
  /** Resource ARNs (patterns), or "*" for actions IAM cannot scope to a resource; then `unscopable` says why. */
  readonly resources: readonly string[] | "*";
  readonly conditions?: Conditions;
  /** Why the actions take `Resource: "*"` (required exactly when resources is "*"). */
  readonly unscopable?: string;
}

const S3_READ = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"];
const S3_WRITE = ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"];
const KMS_DATA = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"];
const ECR_PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"];
const JOB_KINDS = ["training-job", "processing-job", "hyper-parameter-tuning-job", "transform-job"] as const;

/** Reading project data through S3, with the bucket keys used only by S3. */
function bucketAccess(input: ProjectScopeInput, sid: string, buckets: readonly string[], write: boolean): Grant[] {
  return [
    { sid, actions: write ? [...S3_READ, ...S3_WRITE] : S3_READ, resources: bucketsAndObjects(buckets) },
    { sid: `${sid}Keys`, actions: write ? KMS_DATA : ["kms:Decrypt", "kms:DescribeKey"], resources: input.bucketKeyArns, conditions: viaS3(input) },
  ];
}

/** What a SageMaker job or endpoint container needs from the account: logs, metrics, images, ENIs in the VPC. */
function containerRuntime(input: ProjectScopeInput, sid: string, logKinds: readonly string[]): Grant[] {
  const { scope } = input;
  return [
    ...projectLogWrites(input, `${sid}Logs`, logKinds),
    { sid: `${sid}Metrics`, actions: ["cloudwatch:PutMetricData"], resources: "*", unscopable: "PutMetricData has no resource type; narrowed to SageMaker's namespace",
      conditions: { StringLike: { "cloudwatch:namespace": "/aws/sagemaker/*" } } },
    { sid: `${sid}EcrPull`, actions: ECR_PULL, resources: [arn(scope, "ecr", "repository/*")] },
    { sid: `${sid}EcrToken`, actions: ["ecr:GetAuthorizationToken"], resources: "*", unscopable: "ECR authorization tokens are account-wide" },
    { sid: `${sid}VpcDescribe`, actions: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
      resources: "*", unscopable: "EC2 Describe* actions do not support resource-level permissions" },
    { sid: `${sid}VpcInterfaces`, actions: ["ec2:CreateNetworkInterface"], resources: [
      arn(scope, "ec2", "network-interface/*"),
      ...input.subnetIds.map((s) => arn(scope, "ec2", `subnet/${s}`)),
      ...input.securityGroupIds.map((g) => arn(scope, "ec2", `security-group/${g}`)),
    ] },
    // SageMaker lets its own instances attach the interface it created: only that kind of permission (not an Elastic IP
    // association), only for interfaces in the environment's VPC and subnets.
    { sid: `${sid}VpcInterfacePermission`, actions: ["ec2:CreateNetworkInterfacePermission"], resources: [arn(scope, "ec2", "network-interface/*")],
      conditions: { StringEquals: { "ec2:Permission": "INSTANCE-ATTACH" }, ArnEquals: {
        "ec2:Vpc": arn(scope, "ec2", `vpc/${input.vpcId}`), "ec2:Subnet": input.subnetIds.map((s) => arn(scope, "ec2", `subnet/${s}`)) } } },
    { sid: `${sid}VpcInterfaceUse`, actions: ["ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission"],
      resources: [arn(scope, "ec2", "network-interface/*")], conditions: { ArnEquals: { "ec2:Vpc": arn(scope, "ec2", `vpc/${input.vpcId}`) } } },
  ];
}

/**
 * A create action that places volumes, on the listed instance types: a volume key in the request must be the
 * project's. No key at all is refused by the boundary (`NeverUnencrypted`) except on instance types with local NVMe
 * storage only, where AWS refuses a volume key (the hardware encrypts it). Jobs that run in the VPC say so too
 * (`inEnvironmentVpc`: the environment's subnets and the project's own compute group, no other project's).
 */
function onVolumes(sid: string, base: Omit<Grant, "sid" | "conditions">, input: ProjectScopeInput, types: readonly string[], conditions: Conditions[]): Grant[] {
  return [{ ...base, sid, conditions: allOf(...conditions, { StringEqualsIfExists: { "sagemaker:VolumeKmsKeyArn": input.volumeKeyArn } }, instanceTypesIn(types)) }];
}

/**
 * Writing the streams SageMaker names for the project's own notebooks, jobs and endpoints (never another project's:
 * a stream written under another project's name would be a channel into that project's readers).
 */
function projectLogWrites(input: ProjectScopeInput, sid: string, kinds: readonly string[]): Grant[] {
  return [
    { sid, actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: projectLogStreams(input, kinds) },
    { sid: `${sid}Streams`, actions: ["logs:DescribeLogStreams"], resources: projectLogGroups(input, kinds) },
  ];
}

/** Reading the project's own log streams in SageMaker's shared log groups (never another project's). */
function projectLogReads(input: ProjectScopeInput, sid: string, kinds: readonly string[]): Grant[] {
  return [
    { sid, actions: ["logs:GetLogEvents"], resources: projectLogStreams(input, kinds) },
    // Lists stream names (job names) of the group; the SDK finds a job's streams this way. No log content.
    { sid: `${sid}Streams`, actions: ["logs:DescribeLogStreams"], resources: projectLogGroups(input, kinds) },
  ];
}

/** Encrypted volumes: SageMaker creates grants on the volume key for the instances it launches. */
function volumeKeyGrants(input: ProjectScopeInput, sid: string, keyArns: readonly string[] = [input.volumeKeyArn]): Grant[] {
  return [
    { sid, actions: ["kms:CreateGrant"], resources: keyArns, conditions: grantForAwsResource() },
    { sid: `${sid}Describe`, actions: ["kms:DescribeKey"], resources: keyArns },
  ];
}

function packageMirror(input: ProjectScopeInput, sid: string): Grant[] {
  if (!input.packageMirror) return [];
  return [
    { sid: `${sid}Token`, actions: ["codeartifact:GetAuthorizationToken"], resources: [input.packageMirror.domainArn] },
    { sid: `${sid}Read`, actions: ["codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository"], resources: [input.packageMirror.repositoryArn] },
    { sid: `${sid}Bearer`, actions: ["sts:GetServiceBearerToken"], resources: "*", unscopable: "GetServiceBearerToken has no resource type; narrowed to CodeArtifact",
      conditions: { StringEquals: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } } },
  ];
}

/** Pull and push the project's CodeCommit repository, whose key is used through CodeCommit only. */
function codeRepository(input: ProjectScopeInput): Grant[] {
  if (!input.codeRepository) return [];
  return [
    { sid: "ProjectRepository", actions: ["codecommit:GitPull", "codecommit:GitPush"], resources: [input.codeRepository.arn] },
    { sid: "ProjectRepositoryKey", actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], resources: [input.codeRepository.keyArn],
      conditions: viaService(input, "codecommit") },
  ];
}

function passRole(input: ProjectScopeInput, sid: string, role: RoleName): Grant {
  return { sid, actions: ["iam:PassRole"], resources: [input.roleArns[role]], conditions: passedToSageMaker() };
}

const allJobs = (input: ProjectScopeInput) => JOB_KINDS.map((k) => projectResources(input, k));

/** The grants of each role. */
export const ROLE_GRANTS: Readonly<Record<RoleName, (input: ProjectScopeInput) => Grant[]>> = {
  "data-scientist": (input) => [
    { sid: "Discover", actions: [
      "sagemaker:ListNotebookInstances", "sagemaker:ListTrainingJobs", "sagemaker:ListProcessingJobs", "sagemaker:ListTransformJobs",
      "sagemaker:ListHyperParameterTuningJobs", "sagemaker:ListModels", "sagemaker:ListEndpointConfigs", "sagemaker:ListEndpoints",
    ], resources: "*", unscopable: "SageMaker List* actions do not support resource-level permissions" },
    { sid: "DescribeProjectResources", actions: [
      "sagemaker:DescribeNotebookInstance", "sagemaker:DescribeTrainingJob", "sagemaker:DescribeProcessingJob", "sagemaker:DescribeTransformJob",
      "sagemaker:DescribeHyperParameterTuningJob", "sagemaker:DescribeModel", "sagemaker:DescribeEndpointConfig", "sagemaker:DescribeEndpoint",
    ], resources: [
      projectResources(input, "notebook-instance"), ...allJobs(input), projectResources(input, "model"),
      projectResources(input, "endpoint-config"), projectResources(input, "endpoint"),
    ] },
    { sid: "StartStopOwnNotebooks", actions: ["sagemaker:StartNotebookInstance", "sagemaker:StopNotebookInstance"],
      resources: [projectResources(input, "notebook-instance")], conditions: ownNotebook() },
    { sid: "OpenOwnNotebooksThroughEndpoint", actions: ["sagemaker:CreatePresignedNotebookInstanceUrl"],
      resources: [projectResources(input, "notebook-instance")], conditions: allOf(ownNotebook(), throughApiEndpoint(input)) },
    ...projectLogReads(input, "ReadProjectLogs", ["NotebookInstances", "TrainingJobs", "ProcessingJobs", "TransformJobs", "Endpoints"]),
  ],

  "notebook-creation": (input) => [
    { sid: "CreateHardenedNotebooksInVpc", actions: ["sagemaker:CreateNotebookInstance"], resources: [projectResources(input, "notebook-instance")],
      conditions: allOf(inEnvironmentVpc(input), withVolumeKey(input), hardenedNotebook(), instanceTypesIn(input.instanceTypes.notebooks), projectLifecycleConfigs(input)) },
    { sid: "UpdateWithoutRoot", actions: ["sagemaker:UpdateNotebookInstance"], resources: [projectResources(input, "notebook-instance")],
      conditions: allOf({ StringEqualsIfExists: { "sagemaker:RootAccess": "Disabled", "sagemaker:MinimumInstanceMetadataServiceVersion": "2" },
        "ForAllValues:StringLike": { "sagemaker:InstanceTypes": [...input.instanceTypes.notebooks] } }, projectLifecycleConfigs(input)) },
    { sid: "ManageProjectNotebooks", actions: [
      "sagemaker:DescribeNotebookInstance", "sagemaker:StopNotebookInstance", "sagemaker:DeleteNotebookInstance", "sagemaker:AddTags",
    ], resources: [projectResources(input, "notebook-instance")] },
    { sid: "ManageLifecycleConfigs", actions: [
      "sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:DescribeNotebookInstanceLifecycleConfig",
      "sagemaker:UpdateNotebookInstanceLifecycleConfig", "sagemaker:DeleteNotebookInstanceLifecycleConfig",
    ], resources: [projectResources(input, "notebook-instance-lifecycle-config")] },
    ...volumeKeyGrants(input, "VolumeKeyGrants"),
    passRole(input, "PassNotebookExecutionRole", "notebook-execution"),
  ],

  "notebook-execution": (input) => [
    ...bucketAccess(input, "ProjectData", input.dataBucketArns, true),
    // Model artifacts are read, never written, from a notebook: what endpoints serve comes from training jobs only.
    ...bucketAccess(input, "ReadModels", input.modelBucketArns, false),
    ...projectLogWrites(input, "NotebookLogs", ["NotebookInstances"]),
    ...projectLogReads(input, "ReadProjectJobLogs", ["TrainingJobs", "ProcessingJobs", "TransformJobs", "Endpoints"]),
    // The project's endpoints are invoked through the invocation role (which trusts this role unless applications are named).
    { sid: "AssumeInvocationRole", actions: ["sts:AssumeRole"], resources: [input.roleArns["endpoint-invocation"]] },
    // The lifecycle configuration's idle check stops the instance it runs on (the only way a notebook stops itself).
    { sid: "StopIdleNotebooks", actions: ["sagemaker:StopNotebookInstance"], resources: [projectResources(input, "notebook-instance")] },
    ...onVolumes("StartIsolatedTrainingJobsInVpc", { actions: ["sagemaker:CreateTrainingJob"], resources: [projectResources(input, "training-job")] },
      input, input.instanceTypes.jobs, [inEnvironmentVpc(input), withOutputKey(input), encryptedAndIsolated(), noRemoteDebug(), noFileSystemInputs()]),
    ...onVolumes("StartIsolatedJobsInVpc", { actions: ["sagemaker:CreateProcessingJob"], resources: [projectResources(input, "processing-job")] },
      input, input.instanceTypes.jobs, [inEnvironmentVpc(input), withOutputKey(input), encryptedAndIsolated()]),
    ...onVolumes("StartIsolatedTuningJobsInVpc", { actions: ["sagemaker:CreateHyperParameterTuningJob"], resources: [projectResources(input, "hyper-parameter-tuning-job")] },
      input, input.instanceTypes.jobs, [inEnvironmentVpc(input), withOutputKey(input), encryptedAndIsolated(), noFileSystemInputs()]),
    // Batch transform: a transform job runs as its model's execution role, so its model is a batch model created here
    // with the training role (the one role this role may pass), isolated in the VPC; endpoints refuse batch models.
    // (No Describe/DeleteModel here: the Studio boundary of this role is at IAM's 6144 characters; CI cleans them up.)
    { sid: "CreateIsolatedBatchModelsInVpc", actions: ["sagemaker:CreateModel"], resources: [batchModels(input)],
      conditions: allOf(inEnvironmentVpc(input), { Bool: { "sagemaker:NetworkIsolation": "true" } }) },
    ...onVolumes("StartTransformJobsOnBatchModels", { actions: ["sagemaker:CreateTransformJob"], resources: [projectResources(input, "transform-job")] },
      input, input.instanceTypes.jobs, [withOutputKey(input), { ArnLike: { "sagemaker:ModelArn": batchModels(input) } }]),
    { sid: "FollowProjectJobs", actions: [
      "sagemaker:DescribeTrainingJob", "sagemaker:DescribeProcessingJob", "sagemaker:DescribeHyperParameterTuningJob", "sagemaker:DescribeTransformJob",
      "sagemaker:StopTrainingJob", "sagemaker:StopProcessingJob", "sagemaker:StopHyperParameterTuningJob", "sagemaker:StopTransformJob",
      "sagemaker:AddTags",
    ], resources: allJobs(input) },
    { sid: "ListJobs", actions: ["sagemaker:ListTrainingJobs", "sagemaker:ListProcessingJobs", "sagemaker:ListHyperParameterTuningJobs", "sagemaker:ListTransformJobs"],
      resources: "*", unscopable: "SageMaker List* actions do not support resource-level permissions" },
    ...volumeKeyGrants(input, "VolumeKeyGrants"),
    passRole(input, "PassTrainingRole", "training"),
    ...codeRepository(input),
    ...packageMirror(input, "PackageMirror"),
  ],

  training: (input) => [
    ...bucketAccess(input, "ReadData", input.dataBucketArns, false),
    // Transform jobs (batch models run as this role) write their results here; training data stays read-only.
    { sid: "WriteTransformResults", actions: S3_WRITE, resources: transformOutputs(input) },
    ...bucketAccess(input, "WriteModels", input.modelBucketArns, true),
    { sid: "VolumeAndOutputKeys", actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], resources: [input.volumeKeyArn, input.outputKeyArn] },
    ...volumeKeyGrants(input, "VolumeAndOutputKeyGrants", [input.volumeKeyArn, input.outputKeyArn]),
    ...containerRuntime(input, "Jobs", ["TrainingJobs", "ProcessingJobs", "TransformJobs"]),
    ...packageMirror(input, "PackageMirror"),
  ],

  "endpoint-creation": (input) => [
    { sid: "CreateIsolatedModelsInVpc", actions: ["sagemaker:CreateModel"], resources: [projectResources(input, "model")],
      conditions: allOf(inEnvironmentVpc(input), { Bool: { "sagemaker:NetworkIsolation": "true" } }) },
    ...onVolumes("CreateEncryptedEndpointConfigs", { actions: ["sagemaker:CreateEndpointConfig"], resources: [projectResources(input, "endpoint-config")] },
      input, input.instanceTypes.endpoints, [{ ArnLike: { "sagemaker:ModelArn": projectResources(input, "model") } }]),
    { sid: "ManageProjectEndpoints", actions: [
      "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DeleteEndpoint", "sagemaker:DescribeEndpoint",
      "sagemaker:DescribeEndpointConfig", "sagemaker:DeleteEndpointConfig", "sagemaker:DescribeModel", "sagemaker:DeleteModel",
      "sagemaker:AddTags",
    ], resources: [projectResources(input, "endpoint"), projectResources(input, "endpoint-config"), projectResources(input, "model")] },
    ...volumeKeyGrants(input, "VolumeKeyGrants"),
    passRole(input, "PassHostingRole", "endpoint-hosting"),
  ],

  "endpoint-hosting": (input) => [
    ...bucketAccess(input, "ReadModels", input.modelBucketArns, false),
    { sid: "VolumeKey", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [input.volumeKeyArn] },
    ...volumeKeyGrants(input, "VolumeKeyGrants"),
    ...containerRuntime(input, "Hosting", ["Endpoints"]),
  ],

  "endpoint-invocation": (input) => [
    { sid: "InvokeProjectEndpoints", actions: ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointAsync"], resources: [projectResources(input, "endpoint")] },
  ],
};

/**
 * The roles whose credentials are good only inside the environment's network: those that live on SageMaker compute
 * in the VPC (notebook instances, jobs, endpoints), and the data scientists' - who reach the environment over VPN or
 * Direct Connect through its endpoints, so that metadata a notebook controls (job names, hyperparameters, log stream
 * names) cannot be read from a laptop on the internet either.
 */
export const NETWORK_FENCED_ROLES: readonly RoleName[] = ["data-scientist", "notebook-execution", "training", "endpoint-hosting"];

/**
 * What SageMaker's own infrastructure does with a compute role from outside the VPC (network interfaces, grants on
 * the volume key, image pulls, metrics and log delivery): the only actions a fenced role's credentials may be used
 * for outside the environment's network.
 */
export const COMPUTE_INFRASTRUCTURE_ACTIONS = ["ec2:*", "ecr:*", "kms:*", "cloudwatch:PutMetricData", "logs:CreateLogStream", "logs:PutLogEvents"];

/**
 * Credentials taken from a notebook instance, job or endpoint (instance metadata, a container), or a data scientist's
 * session, are worthless outside the environment's network: every other action is refused unless it comes from
 * inside the VPC or from an AWS service on the role's behalf. (KMS: the project keys' policies allow use through
 * S3/SageMaker/EC2 only.)
 */
export function networkFence(input: ProjectScopeInput, exempt: readonly string[] = []): Statement {
  return { Sid: "DenyOutsideTheNetwork", Effect: "Deny", NotAction: [...COMPUTE_INFRASTRUCTURE_ACTIONS, ...exempt], Resource: "*", Condition: outsideNetwork(input) };
}

/**
 * Console mode (`identity.dataScientistConsole`): what the AWS console may do with a data scientist's session from
 * outside the network. Listing (names only; SageMaker List* actions cannot be scoped), and on the caller's own
 * resources - the notebooks, jobs and endpoints whose `username` tag is their own - describe, and start and stop
 * notebooks. Never a presigned URL (Jupyter, Studio), objects, log contents, git or invocations: those stay in
 * `DATA_CHANNEL_ACTIONS`, which the boundary keeps inside the network whatever the role policy says.
 */
export const CONSOLE_LIST_ACTIONS = [
  "sagemaker:ListNotebookInstances", "sagemaker:ListTrainingJobs", "sagemaker:ListProcessingJobs", "sagemaker:ListTransformJobs",
  "sagemaker:ListHyperParameterTuningJobs", "sagemaker:ListEndpoints",
];
export const CONSOLE_OWN_ACTIONS = [
  "sagemaker:DescribeNotebookInstance", "sagemaker:StartNotebookInstance", "sagemaker:StopNotebookInstance",
  "sagemaker:DescribeTrainingJob", "sagemaker:DescribeProcessingJob", "sagemaker:DescribeTransformJob",
  "sagemaker:DescribeHyperParameterTuningJob", "sagemaker:DescribeEndpoint",
];
export const CONSOLE_ACTIONS = [...CONSOLE_LIST_ACTIONS, ...CONSOLE_OWN_ACTIONS];

/**
 * The data scientist's fence: everything outside the network is refused, except in console mode the console actions,
 * which from outside reach only resources carrying the caller's own `username` tag, and only from a session that
 * has one (a session without the tag gets nothing outside the network).
 */
function dataScientistFence(input: ProjectScopeInput): Statement[] {
  if (!input.dataScientistConsole) return [networkFence(input)];
  const own = `$\${aws:PrincipalTag/${OWNER_TAG}}`;
  return [
    networkFence(input, CONSOLE_ACTIONS),
    { Sid: "DenyConsoleOnOthersResources", Effect: "Deny", Action: CONSOLE_OWN_ACTIONS, Resource: "*",
      Condition: allOf(outsideNetwork(input), { StringNotEquals: { [`sagemaker:ResourceTag/${OWNER_TAG}`]: own } }) },
    { Sid: "DenyConsoleWithoutUsername", Effect: "Deny", Action: CONSOLE_ACTIONS, Resource: "*",
      Condition: allOf(outsideNetwork(input), { Null: { [`aws:PrincipalTag/${OWNER_TAG}`]: "true" } }) },
  ];
}

/**
 * Caps the role keeps even if someone attaches a broader policy to it (an explicit Deny in its own policy wins): the
 * project's instance types per use, and no remote debugging of training jobs. (The permissions boundary, at IAM's
 * 6144 characters, keeps the network, VPC and encryption caps; removing this policy also removes every grant.)
 */
export const ROLE_CAPS: Partial<Readonly<Record<RoleName, (input: ProjectScopeInput) => Statement[]>>> = {
  "notebook-creation": (input) => [offList("DenyNotebookTypesOffTheList", ["sagemaker:CreateNotebookInstance", "sagemaker:UpdateNotebookInstance"], input.instanceTypes.notebooks)],
  "notebook-execution": (input) => [
    offList("DenyJobTypesOffTheList", ["sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateTransformJob"], input.instanceTypes.jobs),
    { Sid: "DenyRemoteDebug", Effect: "Deny", Action: ["sagemaker:CreateTrainingJob", "sagemaker:UpdateTrainingJob"], Resource: "*", Condition: { Bool: { "sagemaker:EnableRemoteDebug": "true" } } },
  ],
  "endpoint-creation": (input) => [
    offList("DenyEndpointTypesOffTheList", ["sagemaker:CreateEndpointConfig"], input.instanceTypes.endpoints),
    // Batch models run as the training role (training data read access): never behind an endpoint, and a hosting model
    // never takes their name.
    { Sid: "DenyBatchModelsOnEndpoints", Effect: "Deny", Action: ["sagemaker:CreateEndpointConfig"], Resource: "*",
      Condition: { ArnLike: { "sagemaker:ModelArn": batchModels(input) } } },
    { Sid: "DenyHostingModelsNamedBatch", Effect: "Deny", Action: ["sagemaker:CreateModel"], Resource: [batchModels(input)] },
  ],
};

function offList(Sid: string, actions: string[], types: readonly string[]): Statement {
  return { Sid, Effect: "Deny", Action: actions, Resource: "*", Condition: { "ForAnyValue:StringNotLike": { "sagemaker:InstanceTypes": [...types] } } };
}

export function grantStatement(g: Grant): Statement {
  if ((g.resources === "*") !== (g.unscopable !== undefined)) throw new Error(`grant ${g.sid}: Resource "*" needs a reason, and only "*" may have one`);
  return { Sid: g.sid, Effect: "Allow", Action: [...g.actions], Resource: g.resources === "*" ? "*" : [...g.resources], ...(g.conditions && { Condition: g.conditions }) };
}

/** The identity policy of a role. */
export function rolePolicy(role: RoleName, input: ProjectScopeInput): PolicyDocument {
  const fence = role === "data-scientist" ? dataScientistFence(input) : NETWORK_FENCED_ROLES.includes(role) ? [networkFence(input)] : [];
  return policy(...ROLE_GRANTS[role](input).map(grantStatement), ...(ROLE_CAPS[role]?.(input) ?? []), ...fence);
}
