/**
 * The platform and the project stack applied by real Terraform to moto, then the identity layer checked with the
 * IAM and SageMaker SDKs: seven roles, each with the boundary and its own managed policy; the policies as IAM stores
 * them (with the real subnet, security group, endpoint and key ids Terraform resolved) simulated again; the notebook
 * instance as SageMaker describes it; the ML workflow as one chain on the deployed resources (training job, batch model,
 * transform job, hosting model, endpoint config, endpoint), each step also simulated against the stored policies with
 * the real ids. A second plan of each stack shows no changes; destroy removes the roles.
 * Emulator gaps (tooling/harness/emulator-gaps.ts): the lifecycle configuration is left out, the notebook is applied without
 * it, and its platform_identifier drift is tolerated.
 */
import {
  GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRolesCommand,
} from "@aws-sdk/client-iam";
import {
  CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, CreateTrainingJobCommand, CreateTransformJobCommand, DescribeEndpointCommand,
  DescribeEndpointConfigCommand, DescribeModelCommand, DescribeNotebookInstanceCommand, DescribeTrainingJobCommand, DescribeTransformJobCommand, ListTagsCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { EXCLUDED_TYPES } from "../../tooling/harness/emulator-gaps";
import { EmulatorRun } from "../../tooling/harness/emulator-run";
import type { StackRun } from "../../tooling/harness/workflow";
import { ROLE_NAMES } from "../../lib/constructs/identity/project-scope";
import type { PolicyDocument } from "../../lib/domain/policy/document";
import { simulate } from "../identity/simulate";
import { configWith } from "../helpers/synth";

jest.setTimeout(900_000);

let run: EmulatorRun;
let iam: IAMClient;
let sagemaker: SageMakerClient;
let stacks: StackRun[] = [];
let platform: Record<string, any>;
let project: Record<string, any>;

beforeAll(async () => {
  // Buckets holding data (access logs) are deleted with the stack here; the storage suite proves the refusal.
  run = await EmulatorRun.start({ label: "emu-identity", config: configWith({
    dataProtection: { administratorArns: ["arn:aws:iam::123456789012:role/sds-terraform"], bucketsOnDestroy: "delete-with-data" } }) });
  const common = { endpoint: run.endpoint, region: "eu-west-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  iam = new IAMClient(common);
  sagemaker = new SageMakerClient(common);
  stacks = await run.deployAll();
  expect(stacks.map((s) => s.stack)).toEqual(["dev-platform", "dev-project-fraud"]);
  platform = await stacks[0].tf.outputs();
  project = await stacks[1].tf.outputs();
});

afterAll(async () => {
  await run?.stop();
});

test("only resources of excluded types were left out; the notebook was applied", () => {
  // Exactly these types were left out, one resource each, and every one of them is an excluded type of the gap list.
  const leftTypes = stacks.map(({ left }) => left.map((address) => address.split(".")[0]));
  expect(leftTypes).toEqual([
    ["aws_cloudtrail"],
    ["aws_codecommit_repository", "aws_sagemaker_code_repository", "aws_sagemaker_notebook_instance_lifecycle_configuration"],
  ]);
  for (const type of leftTypes.flat()) expect(EXCLUDED_TYPES).toContain(type);
  expect(project.roles.notebooks).toEqual(["sds-dev-fraud-alice"]);
});

async function storedPolicy(arn: string): Promise<PolicyDocument> {
  const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
  const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy!.DefaultVersionId }));
  return JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!));
}

test("seven roles, each with its own permissions boundary and exactly its own managed policy, no inline policies", async () => {
  const arns: Record<string, string> = project.roles.role_arns;
  expect(Object.keys(arns).sort()).toEqual([...ROLE_NAMES].sort());
  for (const [short, arn] of Object.entries(arns)) {
    const name = `sds-dev-fraud-${short}`;
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: name }));
    expect(Role).toMatchObject({ Arn: arn, Path: "/sagemaker-project/", MaxSessionDuration: 3600 });
    expect(Role?.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: project.roles.boundary_arns[short] });
    expect(project.roles.boundary_arns[short]).toBe(`arn:aws:iam::123456789012:policy/sagemaker-project/${name}-boundary`);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
    // Its own policy, in parts where IAM's 6144-character limit needs them (`<name>-2`, ...).
    const names = attached.AttachedPolicies!.map((p) => p.PolicyName!).sort();
    expect(names[0]).toBe(name);
    expect(names.slice(1)).toEqual(names.slice(1).map((_, i) => `${name}-${i + 2}`));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames).toEqual([]);
  }
  const trust = JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: "sds-dev-fraud-data-scientist" }))).Role!.AssumeRolePolicyDocument!));
  expect(trust.Statement.find((s: any) => s.Sid === "PeopleThroughTheirRole").Principal.AWS)
    .toContain("arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataScientist_0123456789abcdef");
});

test("the policies IAM stored carry the real ids and keys, and still decide as simulated", async () => {
  const creation = await storedPolicy((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "sds-dev-fraud-notebook-creation" }))).AttachedPolicies![0].PolicyArn!);
  const boundary = await storedPolicy(project.roles.boundary_arns["notebook-creation"]);
  const volumeKey = project.volumes_key_arn;
  const subnet = platform.subnet_ids[0];
  const sg = project.network.compute_security_group_id;
  expect(JSON.stringify(creation)).toContain(volumeKey);
  const request = (context: Record<string, string | string[]>) => simulate({
    principal: "arn:aws:sts::123456789012:assumed-role/sds-dev-fraud-notebook-creation/ci",
    action: "sagemaker:CreateNotebookInstance",
    resource: "arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/sds-dev-fraud-bob",
    context: { "sagemaker:VpcSubnets": [subnet], "sagemaker:VpcSecurityGroupIds": [sg], "sagemaker:VolumeKmsKeyArn": volumeKey,
      "sagemaker:DirectInternetAccess": "Disabled", "sagemaker:RootAccess": "Disabled", "sagemaker:MinimumInstanceMetadataServiceVersion": "2",
      "sagemaker:InstanceTypes": ["ml.t3.medium"], ...context },
  }, { identity: [creation], boundary });
  expect(await request({})).toBe("Allowed");
  expect(await request({ "sagemaker:VpcSubnets": ["subnet-0fffffffffffffff9"] })).toBe("ExplicitlyDenied");
  const scientist = await storedPolicy((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "sds-dev-fraud-data-scientist" }))).AttachedPolicies![0].PolicyArn!);
  const scientistBoundary = await storedPolicy(project.roles.boundary_arns["data-scientist"]);
  const open = (vpce: string) => simulate({
    principal: "arn:aws:sts::123456789012:assumed-role/sds-dev-fraud-data-scientist/alice", action: "sagemaker:CreatePresignedNotebookInstanceUrl",
    resource: "arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/sds-dev-fraud-alice",
    context: { "aws:PrincipalTag/username": "alice@example.com", "sagemaker:ResourceTag/username": "alice@example.com", "aws:SourceVpce": vpce,
      "aws:SourceVpc": platform.vpc_id },
  }, { identity: [scientist], boundary: scientistBoundary });
  expect(await open(platform.interface_endpoint_ids["sagemaker.api"])).toBe("Allowed");
  // Refused by the policy (no Allow) and by the data scientist's own boundary (OnlySourceVpce).
  expect(await open(platform.interface_endpoint_ids["sagemaker.runtime"])).toBe("ExplicitlyDenied");
});

test("the notebook: no internet, no root, the project volume key, an environment subnet, the project's compute group, the execution role, its owner", async () => {
  const nb = await sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: "sds-dev-fraud-alice" }));
  expect(nb).toMatchObject({
    DirectInternetAccess: "Disabled",
    RootAccess: "Disabled",
    KmsKeyId: project.volumes_key_arn,
    SecurityGroups: [project.network.compute_security_group_id],
    RoleArn: project.roles.role_arns["notebook-execution"],
    InstanceType: "ml.t3.medium",
    VolumeSizeInGB: 20,
  });
  expect(platform.subnet_ids).toContain(nb.SubnetId);
  const tags = await sagemaker.send(new ListTagsCommand({ ResourceArn: nb.NotebookInstanceArn }));
  expect(tags.Tags).toEqual(expect.arrayContaining([{ Key: "username", Value: "alice@example.com" }]));
});

/** Every managed policy attached to a project role, as IAM stored it. */
async function rolePolicies(short: string): Promise<PolicyDocument[]> {
  const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: `sds-dev-fraud-${short}` }));
  return Promise.all(attached.AttachedPolicies!.map((p) => storedPolicy(p.PolicyArn!)));
}

test("the ML workflow as one chain on the deployed resources: training job, batch model, transform job, hosting model, endpoint", async () => {
  const roles: Record<string, string> = project.roles.role_arns;
  const vpc = { Subnets: platform.subnet_ids, SecurityGroupIds: [platform.sagemaker_security_group_id] };
  const data = `s3://${project.data_bucket}`, models = `s3://${project.models_bucket}`;
  const image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fraud-xgb:1";
  const boundary = await storedPolicy(project.roles.boundary_arn);
  const decide = async (role: string, action: string, resource: string, context: Record<string, string | string[]>) => simulate({
    principal: `arn:aws:sts::123456789012:assumed-role/sds-dev-fraud-${role}/chain`, action, resource: `arn:aws:sagemaker:eu-west-1:123456789012:${resource}`,
    context: { "aws:SourceVpc": platform.vpc_id, "aws:SourceVpce": platform.interface_endpoint_ids["sagemaker.api"], ...context },
  }, { identity: await rolePolicies(role), boundary });
  const vpcKeys = { "sagemaker:VpcSubnets": platform.subnet_ids.slice(0, 1), "sagemaker:VpcSecurityGroupIds": [platform.sagemaker_security_group_id] };

  // 1. the notebook starts the training job (VPC, keys, isolation) with the training role
  expect(await decide("notebook-execution", "sagemaker:CreateTrainingJob", "training-job/sds-dev-fraud-xgb-1", { ...vpcKeys,
    "sagemaker:VolumeKmsKeyArn": project.volumes_key_arn, "sagemaker:OutputKmsKeyArn": project.data_key_arn, "sagemaker:InterContainerTrafficEncryption": "true",
    "sagemaker:NetworkIsolation": "true", "sagemaker:InstanceTypes": ["ml.m5.xlarge"] })).toBe("Allowed");
  await sagemaker.send(new CreateTrainingJobCommand({ TrainingJobName: "sds-dev-fraud-xgb-1", RoleArn: roles.training,
    AlgorithmSpecification: { TrainingImage: image, TrainingInputMode: "File" },
    InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: `${data}/train/` } } }],
    OutputDataConfig: { S3OutputPath: `${models}/xgb/`, KmsKeyId: project.data_key_arn },
    ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 10, VolumeKmsKeyId: project.volumes_key_arn },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 }, VpcConfig: vpc, EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true }));
  expect(await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: "sds-dev-fraud-xgb-1" }))).toMatchObject({ RoleArn: roles.training, VpcConfig: vpc });

  // 2. the notebook creates the batch model: the training role runs it
  expect(await decide("notebook-execution", "sagemaker:CreateModel", "model/sds-dev-fraud-batch-xgb", { ...vpcKeys, "sagemaker:NetworkIsolation": "true" })).toBe("Allowed");
  const artifact = `${models}/xgb/sds-dev-fraud-xgb-1/output/model.tar.gz`;
  await sagemaker.send(new CreateModelCommand({ ModelName: "sds-dev-fraud-batch-xgb", ExecutionRoleArn: roles.training,
    PrimaryContainer: { Image: image, ModelDataUrl: artifact }, VpcConfig: vpc, EnableNetworkIsolation: true }));
  expect(await sagemaker.send(new DescribeModelCommand({ ModelName: "sds-dev-fraud-batch-xgb" }))).toMatchObject({ ExecutionRoleArn: roles.training });

  // 3. the notebook starts the transform job: input from the data bucket, results under transform-output/
  const batchModelArn = "arn:aws:sagemaker:eu-west-1:123456789012:model/sds-dev-fraud-batch-xgb";
  const transform = { "sagemaker:VolumeKmsKeyArn": project.volumes_key_arn, "sagemaker:OutputKmsKeyArn": project.data_key_arn, "sagemaker:InstanceTypes": ["ml.m5.xlarge"] };
  expect(await decide("notebook-execution", "sagemaker:CreateTransformJob", "transform-job/sds-dev-fraud-batch-1", { ...transform, "sagemaker:ModelArn": batchModelArn })).toBe("Allowed");
  await sagemaker.send(new CreateTransformJobCommand({ TransformJobName: "sds-dev-fraud-batch-1", ModelName: "sds-dev-fraud-batch-xgb",
    TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: `${data}/test/` } }, ContentType: "text/csv" },
    TransformOutput: { S3OutputPath: `${data}/transform-output/batch-1/`, KmsKeyId: project.data_key_arn },
    TransformResources: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeKmsKeyId: project.volumes_key_arn } }));
  expect(await sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: "sds-dev-fraud-batch-1" })))
    .toMatchObject({ ModelName: "sds-dev-fraud-batch-xgb", TransformOutput: { S3OutputPath: `${data}/transform-output/batch-1/` } });

  // 4. CI creates the hosting model (hosting role), the endpoint config and the endpoint; the batch model is refused there
  expect(await decide("endpoint-creation", "sagemaker:CreateModel", "model/sds-dev-fraud-xgb", { ...vpcKeys, "sagemaker:NetworkIsolation": "true" })).toBe("Allowed");
  await sagemaker.send(new CreateModelCommand({ ModelName: "sds-dev-fraud-xgb", ExecutionRoleArn: roles["endpoint-hosting"],
    PrimaryContainer: { Image: image, ModelDataUrl: artifact }, VpcConfig: vpc, EnableNetworkIsolation: true }));
  const config = (model: string) => ({ "sagemaker:ModelArn": `arn:aws:sagemaker:eu-west-1:123456789012:model/${model}`, "sagemaker:VolumeKmsKeyArn": project.volumes_key_arn,
    "sagemaker:InstanceTypes": ["ml.m5.large"] });
  expect(await decide("endpoint-creation", "sagemaker:CreateEndpointConfig", "endpoint-config/sds-dev-fraud-xgb", config("sds-dev-fraud-xgb"))).toBe("Allowed");
  expect(await decide("endpoint-creation", "sagemaker:CreateEndpointConfig", "endpoint-config/sds-dev-fraud-xgb", config("sds-dev-fraud-batch-xgb"))).toBe("ExplicitlyDenied");
  await sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: "sds-dev-fraud-xgb", KmsKeyId: project.volumes_key_arn,
    ProductionVariants: [{ VariantName: "main", ModelName: "sds-dev-fraud-xgb", InstanceType: "ml.m5.large", InitialInstanceCount: 1 }] }));
  expect(await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: "sds-dev-fraud-xgb" }))).toMatchObject({ KmsKeyId: project.volumes_key_arn });
  expect(await decide("endpoint-creation", "sagemaker:CreateEndpoint", "endpoint/sds-dev-fraud-xgb", {})).toBe("Allowed");
  await sagemaker.send(new CreateEndpointCommand({ EndpointName: "sds-dev-fraud-xgb", EndpointConfigName: "sds-dev-fraud-xgb" }));
  expect(await sagemaker.send(new DescribeEndpointCommand({ EndpointName: "sds-dev-fraud-xgb" }))).toMatchObject({ EndpointConfigName: "sds-dev-fraud-xgb" });

  // 5. invocation from inside the network: the invocation role's stored policy (moto cannot serve a model: gap list)
  expect(await decide("endpoint-invocation", "sagemaker:InvokeEndpoint", "endpoint/sds-dev-fraud-xgb", { "aws:SourceVpce": platform.interface_endpoint_ids["sagemaker.runtime"] }))
    .toBe("Allowed");
});

test("a second plan of each stack shows no changes; destroy in reverse order removes the roles and the notebook", async () => {
  for (const { stack: name } of stacks) {
    const plan = await run.plan(name);
    // On failure, show what Terraform wants to change.
    expect([name, plan.changes ? plan.stdout.split("\n").filter((l) => /^\s+[-+~]|#/.test(l)).join("\n") : "no changes"]).toEqual([name, "no changes"]);
  }
  for (const { tf, stack: name } of [...stacks].reverse()) {
    await run.destroy(name);
    expect(await tf.stateList()).toEqual([]);
  }
  const left = await iam.send(new ListRolesCommand({ PathPrefix: "/sagemaker-project/" }));
  expect(left.Roles).toEqual([]);
  await expect(sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: "sds-dev-fraud-alice" }))).rejects.toThrow();
});
