/**
 * The platform and the project stack applied by real Terraform to moto, in dependency order: the project stack reads
 * the platform's outputs through its terraform_remote_state (pointed at the platform's local state file). Buckets,
 * keys and the CodeCommit repository are checked with the AWS SDK; then a second plan of each stack shows no
 * changes, and both are destroyed in reverse order. The package mirror is on, so the CodeArtifact endpoints and the
 * S3 endpoint's assets-bucket statement are applied; CodeArtifact, CodeCommit and the SageMaker code repository are
 * emulator gaps (harness/emulator-gaps.ts), proven by __tests__/terraform/plan.test.ts and the unit tests instead.
 */
import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from "@aws-sdk/client-kms";
import {
  GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand,
  HeadBucketCommand, ListBucketsCommand, ListObjectVersionsCommand,
} from "@aws-sdk/client-s3";
import { ROLE_NAMES } from "../../modules/identity/project-scope";
import { EmulatorRun } from "../../harness/emulator-run";
import type { StackRun } from "../../harness/workflow";
import { clients } from "../helpers/aws-clients";
import { configWith } from "../helpers/synth";

jest.setTimeout(900_000);

const ACCOUNT = "123456789012";
const bucket = (purpose: string) => `sds-dev-fraud-${purpose}-${ACCOUNT}`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/sds-terraform`;

let run: EmulatorRun;
let aws: ReturnType<typeof clients>;
let stacks: StackRun[] = [];
let platform: Record<string, any>;
let project: Record<string, any>;
let emulatorEnv: Record<string, unknown>;
const logBucketAddress = "aws_s3_bucket.buckets_access-logs_bucket_42645E7C";

beforeAll(async () => {
  emulatorEnv = { packageMirror: { enabled: true } };
  run = await EmulatorRun.start({ label: "emu-storage", config: configWith(emulatorEnv) });
  aws = clients(run.endpoint, "eu-west-1");
  stacks = await run.deployAll();
  expect(stacks.map((s) => s.stack)).toEqual(["dev-platform", "dev-project-fraud"]);
  platform = await stacks[0].tf.outputs();
  project = await stacks[1].tf.outputs();
});

afterAll(async () => {
  await run?.stop();
});

test("only the emulator gaps were left out of the apply", () => {
  const types = (left: string[]) => left.map((a) => a.split(".")[0]);
  expect(types(stacks[0].left)).toEqual(["aws_cloudtrail", "aws_codeartifact_domain", "aws_codeartifact_repository"]);
  expect(types(stacks[1].left)).toEqual(["aws_codecommit_repository", "aws_sagemaker_code_repository", "aws_sagemaker_notebook_instance_lifecycle_configuration"]);
});

test("data and model buckets: SSE-KMS with the project data key and bucket key, versioned, private, ACLs off", async () => {
    for (const name of [project.data_bucket, project.models_bucket]) {
    const enc = await aws.s3.send(new GetBucketEncryptionCommand({ Bucket: name }));
    expect(enc.ServerSideEncryptionConfiguration?.Rules).toEqual([expect.objectContaining({
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: project.data_key_arn },
      BucketKeyEnabled: true,
    })]);
  }
  const logEnc = await aws.s3.send(new GetBucketEncryptionCommand({ Bucket: project.access_logs_bucket }));
  expect(logEnc.ServerSideEncryptionConfiguration?.Rules?.[0].ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: "AES256" });
  for (const name of [project.data_bucket, project.models_bucket, project.access_logs_bucket]) {
    expect((await aws.s3.send(new GetBucketVersioningCommand({ Bucket: name }))).Status).toBe("Enabled");
    expect((await aws.s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true,
    });
    const own = await aws.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: name }));
    expect(own.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: "BucketOwnerEnforced" }]);
  }
  expect([project.data_bucket, project.models_bucket, project.access_logs_bucket]).toEqual([bucket("data"), bucket("models"), bucket("access-logs")]);
});

test("bucket policies: the data bucket admits only the platform's S3 endpoint (read across stacks) and the administrators", async () => {
  const read = async (name: string) => JSON.parse((await aws.s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy ?? "{}");
  const data = await read(bucket("data"));
  expect(data.Statement.map((s: any) => s.Sid)).toEqual([
    "DenyInsecureTransport", "DenyOutdatedTls", "DenyUploadsWithAnotherKmsKey", "DenyKmsUploadsWithoutKeyId", "DenyUploadsWithOtherEncryption",
    "DenyCustomerProvidedKeys", "DenyAccessOutsideVpcEndpoint", "DenyPrincipalsOutsideProject",
  ]);
  // The identity perimeter: the project's roles, the administrators, nobody else of the account.
  expect(data.Statement.find((s: any) => s.Sid === "DenyPrincipalsOutsideProject").Condition.ArnNotLike).toEqual({
    "aws:PrincipalArn": [...ROLE_NAMES.map((r) => `arn:aws:iam::123456789012:role/sagemaker-project/sds-dev-fraud-${r}`), ADMIN] });
  // Model artifacts: only the training role (and the administrators) write them.
  const models = await read(bucket("models"));
  expect(models.Statement.find((s: any) => s.Sid === "DenyWritesExceptWriters").Condition.ArnNotLike).toEqual({
    "aws:PrincipalArn": ["arn:aws:iam::123456789012:role/sagemaker-project/sds-dev-fraud-training", ADMIN] });
  const outside = data.Statement.find((s: any) => s.Sid === "DenyAccessOutsideVpcEndpoint");
  expect(platform.s3_endpoint_id).toMatch(/^vpce-/);
  expect(outside.Condition).toEqual({
    StringNotEquals: { "aws:SourceVpce": platform.s3_endpoint_id },
    ArnNotLike: { "aws:PrincipalArn": [ADMIN] },
  });
  const otherKey = data.Statement.find((s: any) => s.Sid === "DenyUploadsWithAnotherKmsKey");
  expect(otherKey.Condition.StringNotEquals["s3:x-amz-server-side-encryption-aws-kms-key-id"]).toBe(project.data_key_arn);

  const logs = await read(bucket("access-logs"));
  expect(logs.Statement.map((s: any) => s.Sid)).toEqual([
    "S3ServerAccessLogDelivery", "DenyInsecureTransport", "DenyOutdatedTls", "DenyUploadsWithOtherEncryption", "DenyCustomerProvidedKeys",
    "DenyEvidenceTampering", "DenyEvidenceConfigurationChanges",
  ]);
});

test("server access logs of the data and model buckets go to the access-log bucket; lifecycle rules are set", async () => {
  for (const purpose of ["data", "models"]) {
    const logging = await aws.s3.send(new GetBucketLoggingCommand({ Bucket: bucket(purpose) }));
    expect(logging.LoggingEnabled).toMatchObject({ TargetBucket: bucket("access-logs"), TargetPrefix: `${bucket(purpose)}/` });
    const lc = await aws.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket(purpose) }));
    expect(lc.Rules?.[0]).toMatchObject({
      Status: "Enabled", AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, NoncurrentVersionExpiration: { NoncurrentDays: 90 },
    });
  }
  const logLc = await aws.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket("access-logs") }));
  expect(logLc.Rules?.[0]).toMatchObject({ Status: "Enabled", Expiration: { Days: 365 } });
});

test("the project's three keys rotate, carry their aliases, and their policies name the administrator and the services", async () => {
    const aliases = (await aws.kms.send(new ListAliasesCommand({}))).Aliases ?? [];
  for (const [purpose, arn] of [["data", project.data_key_arn], ["volumes", project.volumes_key_arn], ["logs", project.logs_key_arn]]) {
    expect((await aws.kms.send(new GetKeyRotationStatusCommand({ KeyId: arn }))).KeyRotationEnabled).toBe(true);
    expect(aliases.find((a) => a.AliasName === `alias/sds/dev/fraud/${purpose}`)?.TargetKeyId).toBe(arn.split("/").pop());
    const keyPolicy = JSON.parse((await aws.kms.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: "default" }))).Policy ?? "{}");
    const sids = keyPolicy.Statement.map((s: any) => s.Sid);
    expect(keyPolicy.Statement.find((s: any) => s.Sid === "KeyAdministration").Principal.AWS).toEqual([ADMIN]);
    if (purpose === "logs") expect(sids).toContain("CloudWatchLogsUseForOwnLogGroups");
    else expect(sids).toEqual(expect.arrayContaining(["ProjectRolesViaServices", "ProjectRolesGrantsForAwsResources"]));
  }
});

test("the mirror's endpoints are on and the S3 endpoint admits the region's CodeArtifact assets bucket", async () => {
  expect(Object.keys(platform.interface_endpoint_ids)).toEqual(expect.arrayContaining(["codeartifact.api", "codeartifact.repositories", "codecommit", "git-codecommit"]));
  const s3 = await aws.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [platform.s3_endpoint_id] }));
  const statement = JSON.parse(s3.VpcEndpoints?.[0].PolicyDocument ?? "{}").Statement.find((s: any) => s.Sid === "AwsServiceBucketsReadOnly");
  expect(statement.Resource).toEqual(["arn:aws:s3:::assets-438097961670-eu-west-1/*"]);
});

test("a second plan of each stack shows no changes", async () => {
  for (const s of stacks) {
    const plan = await run.plan(s.stack);
    expect({ stack: s.stack, changes: plan.changes, out: plan.changes ? plan.stdout.slice(-3000) : "" }).toEqual({ stack: s.stack, changes: false, out: "" });
  }
});

test("destroy (delete-if-empty) stops at the access-log bucket holding logs; delete-with-data then removes everything", async () => {
  const [platformStack, projectStack] = stacks;
  const logs = await aws.s3.send(new ListObjectVersionsCommand({ Bucket: bucket("access-logs") }));
  expect(logs.Versions?.length).toBeGreaterThan(0);
  const refused = await run.destroy(projectStack.stack).then(() => "destroyed", (e: Error) => e.message);
  expect(refused).toMatch(/BucketNotEmpty/);
  const state = await projectStack.tf.stateList();
  expect(state.filter((a) => a.startsWith("aws_s3_bucket."))).toEqual([logBucketAddress]);
  for (const purpose of ["data", "models"]) await expect(aws.s3.send(new HeadBucketCommand({ Bucket: bucket(purpose) }))).rejects.toThrow();

  // The deliberate way to drop data: switch the environment to delete-with-data, apply that to the bucket, destroy.
  run.reconfigure(configWith({ ...emulatorEnv, dataProtection: { administratorArns: [ADMIN], bucketsOnDestroy: "delete-with-data" } }));
  await projectStack.tf.apply([`-target=${logBucketAddress}`]);
  await run.destroy(projectStack.stack);
  expect(await projectStack.tf.stateList()).toEqual([]);
  // The platform's trail buckets hold access logs too (of Terraform's own calls): the same deliberate drop.
  await platformStack.tf.apply((await platformStack.tf.stateList()).filter((a) => a.startsWith("aws_s3_bucket.")).map((a) => `-target=${a}`));
  await run.destroy(platformStack.stack);
  expect(await platformStack.tf.stateList()).toEqual([]);
  const left = (await aws.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name) ?? [];
  expect(left.filter((n) => n?.startsWith("sds-dev-"))).toEqual([]);
  expect((await aws.kms.send(new DescribeKeyCommand({ KeyId: project.data_key_arn }))).KeyMetadata?.KeyState).toBe("PendingDeletion");
});
