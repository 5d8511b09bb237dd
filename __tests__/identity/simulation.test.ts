/**
 * IAM simulation of the seven roles: each role's identity policy together with the permissions boundary (and the
 * trust policies for who may assume a role). Every role has allowed and denied cases, and every condition key the
 * policies use has a case that changes only that key and flips the compliant request from allowed to denied.
 */
import { boundaryPolicy } from "../../lib/constructs/identity/boundary";
import { keyPolicyStatements } from "../../lib/constructs/encryption/key-policy";
import { KEY_SERVICES } from "../../lib/constructs/encryption/project-keys";
import { OWNER_TAG, ROLE_NAMES, RoleName } from "../../lib/constructs/identity/project-scope";
import { rolePolicy } from "../../lib/constructs/identity/role-policies";
import { automationTrust, dataScientistTrust, sagemakerTrust } from "../../lib/constructs/identity/trust-policies";
import { policy, PolicyDocument } from "../../lib/domain/policy/document";
import { ACCOUNT, API_ENDPOINT, DATA_BUCKET, DATA_KEY, INPUT, MODEL_BUCKET, NOTEBOOK_ENDPOINT, OTHER_KEY, REGION, SG, sm, SUBNETS, VOLUME_KEY, VPC } from "./fixture";
import { Decision, simulate } from "./simulate";
import { policyConditionKeys } from "./policy-walk";

type Expect = Decision | "Denied";

interface Scenario {
  readonly title: string;
  readonly role: RoleName;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** Trust scenarios: the caller, evaluated against the role's trust policy. */
  readonly caller?: string;
  /** The resource's own policy, where the service requires one (KMS key policies). */
  readonly resourcePolicy?: PolicyDocument;
  readonly expect: Expect;
  /** The condition key this scenario changes, relative to `base` (which must be allowed). */
  readonly flips?: string;
  readonly base?: Scenario;
}

const session = (role: RoleName, name = "alice") => `arn:aws:sts::${ACCOUNT}:assumed-role/${INPUT.roleArns[role].split("/").pop()}/${name}`;
const allow = (s: Omit<Scenario, "expect">): Scenario => ({ ...s, expect: "Allowed" });
/** The same request with one condition key changed (or removed, with value undefined): denied. */
function flip(base: Scenario, key: string, value: string | string[] | undefined, expect: Expect = "Denied", title?: string): Scenario {
  const context = { ...base.context };
  // An absent key stays in the scenario as `undefined`, so `run` does not put a default back.
  (context as Record<string, unknown>)[key] = value;
  return { ...base, title: title ?? `${base.title}, but ${key} ${value === undefined ? "absent" : `= ${JSON.stringify(value)}`}`, context, expect, flips: key, base };
}

/** KMS decides on the key policy too: the project keys' real policies (the data-protection layer's), as the stack builds them. */
const keyPolicy = (services: readonly string[]) => policy(...keyPolicyStatements({ scope: INPUT.scope,
  principalUses: [{ sid: "ProjectRoles", principalArns: ROLE_NAMES.map((r) => INPUT.roleArns[r]), viaServices: services }] }));
const DATA_KEY_POLICY = keyPolicy(KEY_SERVICES.data);
const VOLUME_KEY_POLICY = keyPolicy(KEY_SERVICES.volumes);
/** What KMS knows about a caller that is a project role (with its IAM path). */
const kmsCaller = (role: RoleName) => ({ "aws:PrincipalArn": INPUT.roleArns[role], "kms:CallerAccount": ACCOUNT });
const OWNER = `aws:PrincipalTag/${OWNER_TAG}`;
const RESOURCE_OWNER = `sagemaker:ResourceTag/${OWNER_TAG}`;
const NOTEBOOK = sm("notebook-instance", "sds-dev-fraud-alice");
const vpc = { "sagemaker:VpcSubnets": [SUBNETS[0]], "sagemaker:VpcSecurityGroupIds": [SG] };

// --- data scientist -------------------------------------------------------------------------------------------
const startOwn = allow({ title: "data scientist starts their own notebook", role: "data-scientist", action: "sagemaker:StartNotebookInstance",
  resource: NOTEBOOK, context: { [OWNER]: "alice", [RESOURCE_OWNER]: "alice" } });
const openOwn = allow({ title: "data scientist opens their own notebook through the VPC endpoint", role: "data-scientist",
  action: "sagemaker:CreatePresignedNotebookInstanceUrl", resource: NOTEBOOK, context: { [OWNER]: "alice", [RESOURCE_OWNER]: "alice", "aws:SourceVpce": API_ENDPOINT } });
const dataScientist: Scenario[] = [
  allow({ title: "data scientist lists notebooks", role: "data-scientist", action: "sagemaker:ListNotebookInstances", resource: "*" }),
  allow({ title: "data scientist describes a project training job", role: "data-scientist", action: "sagemaker:DescribeTrainingJob", resource: sm("training-job", "sds-dev-fraud-xgb-1") }),
  { title: "data scientist cannot describe another project's notebook", role: "data-scientist", action: "sagemaker:DescribeNotebookInstance",
    resource: sm("notebook-instance", "sds-dev-other-bob"), expect: "ImplicitlyDenied" },
  startOwn,
  flip(startOwn, RESOURCE_OWNER, "bob", "Denied", "data scientist cannot start a colleague's notebook"),
  flip(startOwn, OWNER, undefined, "ImplicitlyDenied", "a session without the username tag cannot start any notebook"),
  allow({ ...startOwn, title: "data scientist stops their own notebook", action: "sagemaker:StopNotebookInstance" }),
  openOwn,
  flip(openOwn, "aws:SourceVpce", "vpce-0ddddddddddddddd9", "Denied", "a presigned URL through another VPC endpoint is denied"),
  allow({ ...openOwn, title: "the opened notebook's requests through the notebook endpoint pass the same policy",
    context: { ...openOwn.context, "aws:SourceVpce": NOTEBOOK_ENDPOINT } }),
  flip(openOwn, "aws:SourceVpce", undefined, "Denied", "a presigned URL from the internet (no VPC endpoint) is denied"),
  flip(openOwn, RESOURCE_OWNER, "bob", "Denied", "data scientist cannot open a colleague's notebook"),
  { title: "data scientist cannot create a notebook, even a compliant one", role: "data-scientist", action: "sagemaker:CreateNotebookInstance",
    resource: NOTEBOOK, context: { ...vpc, "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:DirectInternetAccess": "Disabled", "sagemaker:RootAccess": "Disabled" }, expect: "ImplicitlyDenied" },
  { title: "data scientist cannot read project data directly", role: "data-scientist", action: "s3:GetObject", resource: `${DATA_BUCKET}/x.csv`, expect: "ImplicitlyDenied" },
];

// --- notebook creation ----------------------------------------------------------------------------------------
const createNotebook = allow({ title: "CI creates a hardened notebook in the environment's VPC", role: "notebook-creation", action: "sagemaker:CreateNotebookInstance",
  resource: NOTEBOOK, context: { ...vpc, "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:DirectInternetAccess": "Disabled", "sagemaker:RootAccess": "Disabled",
    "sagemaker:MinimumInstanceMetadataServiceVersion": "2", "sagemaker:InstanceTypes": ["ml.t3.medium"] } });
const passExecution = allow({ title: "CI passes the notebook execution role to SageMaker", role: "notebook-creation", action: "iam:PassRole",
  resource: INPUT.roleArns["notebook-execution"], context: { "iam:PassedToService": "sagemaker.amazonaws.com" } });
const notebookCreation: Scenario[] = [
  createNotebook,
  flip(createNotebook, "sagemaker:VpcSubnets", undefined, "ExplicitlyDenied", "a notebook without subnets (outside the VPC) is denied"),
  flip(createNotebook, "sagemaker:VpcSubnets", ["subnet-0fffffffffffffff9"], "ExplicitlyDenied", "a notebook in another subnet is denied"),
  flip(createNotebook, "sagemaker:VpcSecurityGroupIds", ["sg-0fffffffffffffff9"], "ExplicitlyDenied", "a notebook with another security group is denied"),
  flip(createNotebook, "sagemaker:DirectInternetAccess", "Enabled", "ExplicitlyDenied"),
  flip(createNotebook, "sagemaker:RootAccess", "Enabled", "ExplicitlyDenied"),
  flip(createNotebook, "sagemaker:VolumeKmsKeyArn", OTHER_KEY, "Denied", "a notebook with another KMS key is denied"),
  flip(createNotebook, "sagemaker:VolumeKmsKeyArn", undefined, "ExplicitlyDenied", "a notebook without a KMS key is denied"),
  flip(createNotebook, "sagemaker:MinimumInstanceMetadataServiceVersion", "1", "Denied", "a notebook allowing IMDSv1 is denied"),
  flip(createNotebook, "sagemaker:InstanceTypes", ["ml.p4d.24xlarge"], "ExplicitlyDenied", "a notebook on an instance type off the project's list is denied"),
  { ...createNotebook, title: "a notebook named outside the project is denied", resource: sm("notebook-instance", "sds-dev-other-alice"), expect: "ImplicitlyDenied" },
  flip(createNotebook, "sagemaker:NotebookInstanceLifecycleConfigArns", [sm("notebook-instance-lifecycle-config", "sds-dev-fraud-other")], "Denied",
    "a notebook running another lifecycle configuration is denied"),
  allow({ ...createNotebook, title: "CI creates a notebook running the project's lifecycle configuration",
    context: { ...createNotebook.context, "sagemaker:NotebookInstanceLifecycleConfigArns": [...INPUT.notebookLifecycleConfigArns] } }),
  { title: "CI cannot switch root access on", role: "notebook-creation", action: "sagemaker:UpdateNotebookInstance", resource: NOTEBOOK,
    context: { "sagemaker:RootAccess": "Enabled" }, expect: "ExplicitlyDenied" },
  passExecution,
  flip(passExecution, "iam:PassedToService", "ec2.amazonaws.com", "ExplicitlyDenied", "the execution role cannot be passed to EC2"),
  { ...passExecution, title: "CI cannot pass the training role", resource: INPUT.roleArns["training"], expect: "ImplicitlyDenied" },
];

// --- notebook execution ---------------------------------------------------------------------------------------
const trainingJob = allow({ title: "a notebook starts a compliant training job", role: "notebook-execution", action: "sagemaker:CreateTrainingJob",
  resource: sm("training-job", "sds-dev-fraud-xgb-1"), context: { ...vpc, "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:OutputKmsKeyArn": DATA_KEY,
    "sagemaker:InterContainerTrafficEncryption": "true", "sagemaker:NetworkIsolation": "true", "sagemaker:InstanceTypes": ["ml.m5.xlarge"] } });
const transformJob = allow({ title: "a notebook starts a transform job on a project batch model", role: "notebook-execution", action: "sagemaker:CreateTransformJob",
  resource: sm("transform-job", "sds-dev-fraud-batch-1"), context: { "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:OutputKmsKeyArn": DATA_KEY,
    "sagemaker:ModelArn": sm("model", "sds-dev-fraud-batch-xgb"), "sagemaker:InstanceTypes": ["ml.m5.xlarge"] } });
const batchModel = allow({ title: "a notebook creates an isolated batch model in the VPC", role: "notebook-execution", action: "sagemaker:CreateModel",
  resource: sm("model", "sds-dev-fraud-batch-xgb"), context: { ...vpc, "sagemaker:NetworkIsolation": "true" } });
const onNvme = allow({ ...trainingJob, title: "a notebook starts a training job on an NVMe instance type without a volume key",
  context: { ...trainingJob.context, "sagemaker:VolumeKmsKeyArn": undefined as unknown as string, "sagemaker:InstanceTypes": ["ml.g5.xlarge"] } });
const readFromVpc = allow({ title: "a notebook reads project data from inside the VPC", role: "notebook-execution", action: "s3:GetObject", resource: `${DATA_BUCKET}/train.csv` });
const readViaService = allow({ ...readFromVpc, title: "an AWS service reads project data on a notebook's behalf (forward access session)",
  context: { "aws:SourceVpc": undefined as unknown as string, "aws:ViaAWSService": "true" } });
const bucketKey = allow({ title: "a notebook decrypts project data through S3", role: "notebook-execution", action: "kms:Decrypt", resource: DATA_KEY,
  context: { "kms:ViaService": `s3.${REGION}.amazonaws.com`, ...kmsCaller("notebook-execution") }, resourcePolicy: DATA_KEY_POLICY });
const bearer = allow({ title: "a notebook gets a CodeArtifact bearer token for pip", role: "notebook-execution", action: "sts:GetServiceBearerToken", resource: "*",
  context: { "sts:AWSServiceName": "codeartifact.amazonaws.com" } });
const notebookExecution: Scenario[] = [
  trainingJob,
  flip(trainingJob, "sagemaker:InterContainerTrafficEncryption", "false", "Denied", "a training job without inter-container encryption is denied"),
  flip(trainingJob, "sagemaker:NetworkIsolation", "false", "Denied", "a training job without network isolation is denied"),
  flip(trainingJob, "sagemaker:OutputKmsKeyArn", OTHER_KEY, "Denied", "a training job writing output with another key is denied"),
  flip(trainingJob, "sagemaker:VpcSubnets", undefined, "ExplicitlyDenied", "a training job outside the VPC is denied"),
  flip(trainingJob, "sagemaker:InstanceTypes", ["ml.p4d.24xlarge"], "ExplicitlyDenied", "a training job on an instance type off the project's list is denied"),
  flip(trainingJob, "sagemaker:EnableRemoteDebug", "true", "ExplicitlyDenied", "a training job with remote debugging is denied"),
  flip(trainingJob, "sagemaker:FileSystemId", "fs-0123456789abcdef0", "Denied", "a training job reading an EFS or FSx file system is denied"),
  flip(trainingJob, "aws:SourceVpc", undefined, "ExplicitlyDenied", "stolen notebook credentials cannot start a job from the internet"),
  onNvme,
  flip(onNvme, "sagemaker:InstanceTypes", ["ml.m5.xlarge"], "ExplicitlyDenied", "a training job without a volume key on a type with EBS storage is denied"),
  readFromVpc,
  flip(readFromVpc, "aws:SourceVpc", "vpc-0eeeeeeeeeeeeeee9", "ExplicitlyDenied", "stolen notebook credentials cannot read data from another VPC"),
  readViaService,
  flip(readViaService, "aws:ViaAWSService", "false", "ExplicitlyDenied", "stolen notebook credentials cannot read data from the internet"),
  { title: "a notebook cannot overwrite model artifacts", role: "notebook-execution", action: "s3:PutObject", resource: `${MODEL_BUCKET}/xgb/model.tar.gz`, expect: "ImplicitlyDenied" },
  allow({ title: "a notebook reads its project's training job logs", role: "notebook-execution", action: "logs:GetLogEvents",
    resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/TrainingJobs:log-stream:sds-dev-fraud-xgb-1/algo-1-1700000000` }),
  { title: "a notebook cannot read another project's training job logs", role: "notebook-execution", action: "logs:GetLogEvents",
    resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/TrainingJobs:log-stream:sds-dev-other-xgb-1/algo-1-1700000000`, expect: "ImplicitlyDenied" },
  allow({ ...trainingJob, title: "a notebook starts a compliant processing job", action: "sagemaker:CreateProcessingJob", resource: sm("processing-job", "sds-dev-fraud-prep-1") }),
  transformJob,
  flip(transformJob, "sagemaker:ModelArn", sm("model", "sds-dev-other-batch-xgb"), "Denied", "a transform job on another project's model is denied"),
  flip(transformJob, "sagemaker:ModelArn", sm("model", "sds-dev-fraud-xgb"), "Denied", "a transform job on a hosting model (which runs as the hosting role) is denied"),
  flip(transformJob, "sagemaker:OutputKmsKeyArn", OTHER_KEY, "Denied", "a transform job writing results with another key is denied"),
  batchModel,
  flip(batchModel, "sagemaker:NetworkIsolation", "false", "Denied", "a batch model without network isolation is denied"),
  flip(batchModel, "sagemaker:VpcSubnets", undefined, "ExplicitlyDenied", "a batch model outside the VPC is denied"),
  { ...batchModel, title: "a notebook cannot create a model under a hosting name", resource: sm("model", "sds-dev-fraud-xgb"), expect: "ImplicitlyDenied" },
  allow({ title: "a notebook reads project data", role: "notebook-execution", action: "s3:GetObject", resource: `${DATA_BUCKET}/train.csv` }),
  { title: "a notebook cannot read another bucket", role: "notebook-execution", action: "s3:GetObject", resource: "arn:aws:s3:::someone-elses-bucket/x", expect: "ImplicitlyDenied" },
  bucketKey,
  flip(bucketKey, "kms:ViaService", undefined, "ImplicitlyDenied", "a notebook cannot use the bucket key directly"),
  flip(bucketKey, "kms:CallerAccount", "999999999999", "ImplicitlyDenied", "the key policy admits callers of the own account only"),
  flip(bucketKey, "aws:PrincipalArn", `arn:aws:iam::${ACCOUNT}:role/sds-dev-other-notebook-execution`, "ImplicitlyDenied", "the key policy admits the project's roles only"),
  allow({ title: "a notebook passes the training role to SageMaker", role: "notebook-execution", action: "iam:PassRole", resource: INPUT.roleArns["training"],
    context: { "iam:PassedToService": "sagemaker.amazonaws.com" } }),
  { title: "a notebook cannot pass the hosting role", role: "notebook-execution", action: "iam:PassRole", resource: INPUT.roleArns["endpoint-hosting"],
    context: { "iam:PassedToService": "sagemaker.amazonaws.com" }, expect: "ImplicitlyDenied" },
  bearer,
  flip(bearer, "sts:AWSServiceName", "other.amazonaws.com", "Denied", "a bearer token for another service is denied"),
  { title: "a notebook cannot stop the trail", role: "notebook-execution", action: "cloudtrail:StopLogging", resource: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/sds-dev`, expect: "Denied" },
];

// --- training / transform job execution -----------------------------------------------------------------------
const grant = allow({ title: "a job's instance gets a grant on the volume key for its EBS volume", role: "training", action: "kms:CreateGrant", resource: VOLUME_KEY,
  context: { "kms:GrantIsForAWSResource": "true", "kms:ViaService": `ec2.${REGION}.amazonaws.com`, ...kmsCaller("training") }, resourcePolicy: VOLUME_KEY_POLICY });
const metrics = allow({ title: "a job publishes metrics to SageMaker's namespace", role: "training", action: "cloudwatch:PutMetricData", resource: "*",
  context: { "cloudwatch:namespace": "/aws/sagemaker/TrainingJobs" } });
const eni = allow({ title: "a job deletes its network interface in the environment's region", role: "training", action: "ec2:DeleteNetworkInterface",
  resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/eni-0123456789abcdef0`, context: { "ec2:Vpc": `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${VPC}` } });
const eniAttach = allow({ title: "SageMaker lets its instance attach the job's network interface (INSTANCE-ATTACH, environment subnet)", role: "training",
  action: "ec2:CreateNetworkInterfacePermission", resource: eni.resource, context: { "ec2:Vpc": `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${VPC}`,
    "ec2:Subnet": `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/${SUBNETS[0]}`, "ec2:Permission": "INSTANCE-ATTACH" } });
const training: Scenario[] = [
  allow({ title: "a job reads project data", role: "training", action: "s3:GetObject", resource: `${DATA_BUCKET}/train.csv` }),
  { title: "a job cannot overwrite project data", role: "training", action: "s3:PutObject", resource: `${DATA_BUCKET}/train.csv`, expect: "ImplicitlyDenied" },
  allow({ title: "a transform job writes its results under transform-output/", role: "training", action: "s3:PutObject", resource: `${DATA_BUCKET}/transform-output/batch-1/train.csv.out` }),
  { title: "a transform job cannot write results next to the training data", role: "training", action: "s3:PutObject", resource: `${DATA_BUCKET}/results/train.csv.out`, expect: "ImplicitlyDenied" },
  allow({ title: "a job writes model artifacts", role: "training", action: "s3:PutObject", resource: `${MODEL_BUCKET}/xgb/model.tar.gz` }),
  allow({ title: "a job pulls its image from the account's ECR", role: "training", action: "ecr:BatchGetImage", resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/fraud-xgb` }),
  grant,
  flip(grant, "kms:GrantIsForAWSResource", "false", "ImplicitlyDenied", "a grant not for an AWS resource is denied"),
  flip(grant, "kms:ViaService", `lambda.${REGION}.amazonaws.com`, "ImplicitlyDenied", "a grant requested through another service is denied by the key policy"),
  metrics,
  flip(metrics, "cloudwatch:namespace", "Custom/Exfil", "Denied", "metrics outside SageMaker's namespace are denied"),
  eni,
  flip(eni, "ec2:Vpc", `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-0eeeeeeeeeeeeeee9`, "Denied", "network interfaces of another VPC are out of reach"),
  eniAttach,
  flip(eniAttach, "ec2:Permission", "EIP-ASSOCIATE", "Denied", "a job cannot grant an Elastic IP association on its network interface"),
  flip(eniAttach, "ec2:Subnet", `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-0fffffffffffffff9`, "Denied", "a job cannot grant attachment of an interface in another subnet"),
  flip(eniAttach, "ec2:Vpc", `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-0eeeeeeeeeeeeeee9`, "Denied", "a job cannot grant attachment of an interface in another VPC"),
  { title: "a job cannot start other jobs", role: "training", action: "sagemaker:CreateTrainingJob", resource: trainingJob.resource, context: trainingJob.context, expect: "ImplicitlyDenied" },
];

// --- endpoint creation ----------------------------------------------------------------------------------------
const createModel = allow({ title: "CI creates an isolated model in the VPC", role: "endpoint-creation", action: "sagemaker:CreateModel",
  resource: sm("model", "sds-dev-fraud-xgb"), context: { ...vpc, "sagemaker:NetworkIsolation": "true" } });
const createConfig = allow({ title: "CI creates an encrypted endpoint config for a project model", role: "endpoint-creation", action: "sagemaker:CreateEndpointConfig",
  resource: sm("endpoint-config", "sds-dev-fraud-xgb"), context: { "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:ModelArn": sm("model", "sds-dev-fraud-xgb"),
    "sagemaker:InstanceTypes": ["ml.m5.xlarge"] } });
const endpointCreation: Scenario[] = [
  createModel,
  flip(createModel, "sagemaker:NetworkIsolation", "false", "Denied", "a model without network isolation is denied"),
  flip(createModel, "sagemaker:VpcSubnets", undefined, "ExplicitlyDenied", "a model outside the VPC is denied"),
  { ...createModel, title: "CI cannot create a model under a batch name (transform jobs would run it)", resource: sm("model", "sds-dev-fraud-batch-xgb"), expect: "ExplicitlyDenied" },
  createConfig,
  flip(createConfig, "sagemaker:VolumeKmsKeyArn", OTHER_KEY, "Denied", "an endpoint config with another key is denied"),
  flip(createConfig, "sagemaker:ModelArn", sm("model", "sds-dev-fraud-batch-xgb"), "ExplicitlyDenied", "an endpoint config for a batch model (training role) is denied"),
  allow({ title: "CI creates a project endpoint", role: "endpoint-creation", action: "sagemaker:CreateEndpoint", resource: sm("endpoint", "sds-dev-fraud-xgb") }),
  allow({ title: "CI passes the hosting role", role: "endpoint-creation", action: "iam:PassRole", resource: INPUT.roleArns["endpoint-hosting"],
    context: { "iam:PassedToService": "sagemaker.amazonaws.com" } }),
  { title: "CI cannot pass the training role for hosting", role: "endpoint-creation", action: "iam:PassRole", resource: INPUT.roleArns["training"],
    context: { "iam:PassedToService": "sagemaker.amazonaws.com" }, expect: "ImplicitlyDenied" },
];

// --- endpoint hosting, invocation -----------------------------------------------------------------------------
const hostingAndInvocation: Scenario[] = [
  allow({ title: "a hosted model reads its artifacts", role: "endpoint-hosting", action: "s3:GetObject", resource: `${MODEL_BUCKET}/xgb/model.tar.gz` }),
  { title: "a hosted model cannot read training data", role: "endpoint-hosting", action: "s3:GetObject", resource: `${DATA_BUCKET}/train.csv`, expect: "ImplicitlyDenied" },
  { title: "a hosted model cannot write artifacts", role: "endpoint-hosting", action: "s3:PutObject", resource: `${MODEL_BUCKET}/xgb/model.tar.gz`, expect: "ImplicitlyDenied" },
  allow({ title: "an application invokes a project endpoint", role: "endpoint-invocation", action: "sagemaker:InvokeEndpoint", resource: sm("endpoint", "sds-dev-fraud-xgb") }),
  { title: "an application cannot invoke another project's endpoint", role: "endpoint-invocation", action: "sagemaker:InvokeEndpoint",
    resource: sm("endpoint", "sds-dev-other-xgb"), expect: "ImplicitlyDenied" },
  { title: "an application cannot change the endpoint", role: "endpoint-invocation", action: "sagemaker:UpdateEndpoint", resource: sm("endpoint", "sds-dev-fraud-xgb"), expect: "ImplicitlyDenied" },
];

// --- trust: who may assume which role -------------------------------------------------------------------------
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const SSO_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataScience_0123456789abcdef`;
const CICD = `arn:aws:iam::${ACCOUNT}:role/ci-deployer`;
const SAML = `arn:aws:iam::${ACCOUNT}:saml-provider/corp-idp`;
const userAssumes = allow({ title: "an IAM user with MFA assumes the data scientist role", role: "data-scientist", action: "sts:AssumeRole",
  resource: INPUT.roleArns["data-scientist"], caller: USER, context: { "aws:MultiFactorAuthPresent": "true", "aws:username": "alice" } });
const userTags = allow({ ...userAssumes, title: "an IAM user tags the session with their own name", action: "sts:TagSession",
  context: { ...userAssumes.context, [`aws:RequestTag/${OWNER_TAG}`]: "alice", "aws:TagKeys": [OWNER_TAG] } });
const roleTags = allow({ title: "an SSO session tags the data scientist session with its own username", role: "data-scientist", action: "sts:TagSession",
  resource: INPUT.roleArns["data-scientist"], caller: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_DataScience_0123456789abcdef/alice`,
  context: { [`aws:RequestTag/${OWNER_TAG}`]: "alice", [OWNER]: "alice", "aws:TagKeys": [OWNER_TAG] } });
const samlAssumes = allow({ title: "a federated person assumes the data scientist role through SAML", role: "data-scientist", action: "sts:AssumeRoleWithSAML",
  resource: INPUT.roleArns["data-scientist"], caller: SAML, context: { "saml:aud": "https://signin.aws.amazon.com/saml" } });
const sagemakerAssumes = allow({ title: "SageMaker assumes the training role for a job of this account", role: "training", action: "sts:AssumeRole",
  resource: INPUT.roleArns["training"], caller: "sagemaker.amazonaws.com",
  context: { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/sds-dev-fraud-xgb-1` } });
// With `requireSourceIdentity`: the source identity (what CloudTrail names the person by) must be the person's own username.
const WITH_SOURCE = dataScientistTrust(INPUT.scope, [USER, SSO_ROLE, SAML], { requireSourceIdentity: true });
const userNamesSelf = allow({ ...userAssumes, title: "an IAM user assumes the data scientist role with their own name as source identity", resourcePolicy: WITH_SOURCE,
  context: { ...userAssumes.context, "sts:SourceIdentity": "alice" } });
const ssoNamesSelf = allow({ title: "an SSO session assumes the data scientist role with its own username as source identity", role: "data-scientist", action: "sts:AssumeRole",
  resource: INPUT.roleArns["data-scientist"], caller: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_DataScience_0123456789abcdef/alice`, resourcePolicy: WITH_SOURCE,
  context: { [OWNER]: "alice", "sts:SourceIdentity": "alice" } });
const samlNamesSelf = allow({ ...samlAssumes, title: "a federated person assumes the data scientist role with the asserted username as source identity", resourcePolicy: WITH_SOURCE,
  context: { ...samlAssumes.context, [`aws:RequestTag/${OWNER_TAG}`]: "alice", "sts:SourceIdentity": "alice" } });
const trust: Scenario[] = [
  userNamesSelf,
  flip(userNamesSelf, "sts:SourceIdentity", "bob", "Denied", "an IAM user cannot appear in CloudTrail as a colleague (source identity bob)"),
  flip(userNamesSelf, "sts:SourceIdentity", undefined, "Denied", "an IAM user cannot assume without a source identity when one is required"),
  ssoNamesSelf,
  flip(ssoNamesSelf, "sts:SourceIdentity", "bob", "Denied", "an SSO session cannot appear in CloudTrail as a colleague (source identity bob)"),
  flip(ssoNamesSelf, "sts:SourceIdentity", undefined, "Denied", "an SSO session cannot assume without a source identity when one is required"),
  samlNamesSelf,
  flip(samlNamesSelf, "sts:SourceIdentity", "bob", "Denied", "a SAML assertion cannot name a source identity other than its username tag"),
  userAssumes,
  flip(userAssumes, "aws:MultiFactorAuthPresent", "false", "Denied", "an IAM user without MFA cannot assume the data scientist role"),
  userTags,
  flip(userTags, `aws:RequestTag/${OWNER_TAG}`, "bob", "Denied", "an IAM user cannot claim a colleague's name"),
  flip(userTags, "aws:TagKeys", [OWNER_TAG, "project"], "Denied", "an IAM user cannot set other session tags"),
  roleTags,
  flip(roleTags, `aws:RequestTag/${OWNER_TAG}`, "bob", "Denied", "an SSO session cannot claim a colleague's name"),
  samlAssumes,
  flip(samlAssumes, "saml:aud", "https://evil.example.com/saml", "Denied", "a SAML assertion for another audience is refused"),
  allow({ title: "the CI/CD principal assumes the notebook creation role", role: "notebook-creation", action: "sts:AssumeRole", resource: INPUT.roleArns["notebook-creation"], caller: CICD }),
  { title: "another role of the account cannot assume the notebook creation role", role: "notebook-creation", action: "sts:AssumeRole",
    resource: INPUT.roleArns["notebook-creation"], caller: `arn:aws:iam::${ACCOUNT}:role/someone`, expect: "Denied" },
  allow({ title: "Service Catalog assumes the notebook creation role as a launch role", role: "notebook-creation", action: "sts:AssumeRole",
    resource: INPUT.roleArns["notebook-creation"], caller: "servicecatalog.amazonaws.com" }),
  sagemakerAssumes,
  flip(sagemakerAssumes, "aws:SourceAccount", "999999999999", "Denied", "SageMaker acting for another account cannot assume the training role"),
  flip(sagemakerAssumes, "aws:SourceArn", "arn:aws:sagemaker:eu-west-1:999999999999:training-job/x", "Denied", "SageMaker acting for another account's job cannot assume the training role"),
  { title: "EC2 cannot assume the training role", role: "training", action: "sts:AssumeRole", resource: INPUT.roleArns["training"], caller: "ec2.amazonaws.com", expect: "Denied" },
];

const TRUST: Partial<Record<RoleName, PolicyDocument>> = {
  "data-scientist": dataScientistTrust(INPUT.scope, [USER, SSO_ROLE, SAML]),
  "notebook-creation": automationTrust([CICD], { serviceCatalog: true }),
  training: sagemakerTrust(INPUT.scope),
};

/** Each role's own permissions boundary. */
const boundary = (role: RoleName) => boundaryPolicy(role, INPUT);
const IDENTITY_SCENARIOS = [...dataScientist, ...notebookCreation, ...notebookExecution, ...training, ...endpointCreation, ...hostingAndInvocation];
const ALL = [...IDENTITY_SCENARIOS, ...trust];

function run(s: Scenario): Promise<Decision> {
  if (s.caller) {
    // Same-account callers named in the trust policy need no identity policy of their own; the account root needs one.
    return simulate({ principal: s.caller, action: s.action, resource: s.resource, context: present(s.context ?? {}) }, { resource: s.resourcePolicy ?? TRUST[s.role] });
  }
  // Role sessions call from inside the environment's VPC unless the scenario says otherwise.
  const context = present({ "aws:SourceVpc": VPC, ...s.context });
  return simulate({ principal: session(s.role), action: s.action, resource: s.resource, context }, { identity: [rolePolicy(s.role, INPUT)], boundary: boundary(s.role), resource: s.resourcePolicy });
}

/** The context without the keys a scenario marks absent (`undefined`). */
function present(context: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>;
}

function matches(actual: Decision, expected: Expect): boolean {
  return expected === "Denied" ? actual !== "Allowed" : actual === expected;
}

test.each(ALL.map((s) => [s.title, s] as const))("%s", async (_title, s) => {
  const decision = await run(s);
  expect({ decision, ok: matches(decision, s.expect) }).toEqual({ decision, ok: true });
  if (s.base) expect(await run(s.base)).toBe("Allowed");
});

test("every role has allowed and denied cases, 30 scenarios at least", () => {
  expect(ALL.length).toBeGreaterThanOrEqual(30);
  for (const role of ROLE_NAMES) {
    const own = IDENTITY_SCENARIOS.filter((s) => s.role === role);
    expect([role, own.some((s) => s.expect === "Allowed"), own.some((s) => s.expect !== "Allowed")]).toEqual([role, true, true]);
  }
});

test("every condition key of every generated policy has a scenario that flips the decision", () => {
  const used = new Set<string>();
  for (const doc of [...ROLE_NAMES.map(boundary), DATA_KEY_POLICY, VOLUME_KEY_POLICY, ...Object.values(TRUST), ...ROLE_NAMES.map((r) => rolePolicy(r, INPUT))]) {
    for (const key of policyConditionKeys(doc as PolicyDocument)) used.add(key);
  }
  const flipped = new Set(ALL.flatMap((s) => (s.flips ? [s.flips] : [])));
  expect([...used].filter((k) => !flipped.has(k)).sort()).toEqual([]);
});

test("the boundary caps a role even if someone attaches an administrator policy to it", async () => {
  const admin: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
  const asAdmin = (action: string, resource: string, context: Record<string, string | string[]> = {}) =>
    simulate({ principal: session("training"), action, resource, context: { "aws:SourceVpc": VPC, ...context } }, { identity: [rolePolicy("training", INPUT), admin], boundary: boundary("training") });
  expect(await asAdmin("s3:GetObject", `${DATA_BUCKET}/train.csv`)).toBe("Allowed");
  expect(await asAdmin("s3:GetObject", "arn:aws:s3:::someone-elses-bucket/x")).toBe("ImplicitlyDenied");
  expect(await asAdmin("iam:CreateUser", `arn:aws:iam::${ACCOUNT}:user/backdoor`)).toBe("ImplicitlyDenied");
  expect(await asAdmin("iam:DeleteRolePermissionsBoundary", INPUT.roleArns["training"])).toBe("ExplicitlyDenied");
  expect(await asAdmin("kms:ScheduleKeyDeletion", VOLUME_KEY)).toBe("ExplicitlyDenied");
  expect(await asAdmin("ec2:DeleteFlowLogs", `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc-flow-log/fl-0123456789abcdef0`)).toBe("ExplicitlyDenied");
  expect(await asAdmin("sagemaker:CreateNotebookInstance", NOTEBOOK, { ...vpc, "sagemaker:VolumeKmsKeyArn": VOLUME_KEY,
    "sagemaker:DirectInternetAccess": "Enabled", "sagemaker:RootAccess": "Disabled" })).not.toBe("Allowed");
  // Each role's own boundary: the training role starts no job at all, whatever is attached.
  const job = { ...vpc, "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:OutputKmsKeyArn": DATA_KEY, "sagemaker:InterContainerTrafficEncryption": "true",
    "sagemaker:NetworkIsolation": "true", "sagemaker:InstanceTypes": ["ml.m5.xlarge"] };
  expect(await asAdmin("sagemaker:CreateTrainingJob", sm("training-job", "sds-dev-fraud-xgb"), job)).toBe("ImplicitlyDenied");
});

test("with an administrator policy attached, the notebook role still starts jobs only isolated, encrypted, with the project's keys", async () => {
  const admin: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
  const job = { ...vpc, "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:OutputKmsKeyArn": DATA_KEY, "sagemaker:InterContainerTrafficEncryption": "true",
    "sagemaker:NetworkIsolation": "true", "sagemaker:InstanceTypes": ["ml.m5.xlarge"] };
  const start = (context: Record<string, string | string[]>) => simulate({ principal: session("notebook-execution"), action: "sagemaker:CreateTrainingJob",
    resource: sm("training-job", "sds-dev-fraud-xgb"), context: { "aws:SourceVpc": VPC, ...context } }, { identity: [admin], boundary: boundary("notebook-execution") });
  expect(await start(job)).toBe("Allowed");
  expect(await start({ ...job, "sagemaker:NetworkIsolation": "false" })).toBe("ExplicitlyDenied");
  expect(await start({ ...job, "sagemaker:InterContainerTrafficEncryption": "false" })).toBe("ExplicitlyDenied");
  const { ["sagemaker:NetworkIsolation"]: _n, ...noIsolation } = job;
  expect(await start(noIsolation)).toBe("ExplicitlyDenied");
  expect(await start({ ...job, "sagemaker:VolumeKmsKeyArn": "arn:aws:kms:eu-west-1:999988887777:key/99999999-9999-9999-9999-999999999999" })).toBe("ExplicitlyDenied");
  expect(await start({ ...job, "sagemaker:OutputKmsKeyArn": OTHER_KEY })).toBe("ExplicitlyDenied");
});
