/**
 * The Terraform workflow end to end on the moto emulator, in the layout a user has (`<root>/cdktf.out/stacks/...`):
 * the state stack bootstrapped on local state and migrated into the bucket it created; every other stack applied
 * in dependency order with its S3 backend (lockfile and DynamoDB table); a second plan of every stack with no
 * changes; concurrent runs on one stack (one holds the lock, the other gets Terraform's lock error, the state stays
 * intact) with each locking option; destroy in reverse order, the state stack last; nothing left.
 * Generic over the stacks `buildApp` produces: stacks other engineers add resources to are covered as they come.
 */
import { ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DescribeTableCommand, DescribeContinuousBackupsCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { DescribeKeyCommand, KMSClient, ListAliasesCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import {
  GetBucketEncryptionCommand, GetBucketVersioningCommand, GetObjectCommand, GetPublicAccessBlockCommand, HeadObjectCommand,
  ListBucketsCommand, ListObjectsV2Command, S3Client,
} from "@aws-sdk/client-s3";
import type { Config } from "../../app/config/schema";
import { EmulatorRun } from "../../tooling/harness/emulator-run";
import { plan } from "../../app/plan/plan";
import { platformStackName, stateStackName } from "../../app/app";
import { configWith } from "../helpers/synth";

jest.setTimeout(900_000);

let flow: EmulatorRun;
let aws: { s3: S3Client; ddb: DynamoDBClient; ec2: EC2Client; kms: KMSClient; iam: IAMClient };
const state = stateStackName("dev");
const platform = platformStackName("dev");
/** The state bucket, lock table and keys of the environment, as the plan names them. */
const names = () => plan(flow.config).environments[0].state;
/** `terraform state list` of every stack once applied, for the "nothing left" check. */
const applied = new Map<string, string[]>();

/**
 * One config, three locking modes (same bucket, key and table): "both" creates the table for the DynamoDB run.
 * Buckets go with their data on destroy (moto writes access-log objects), as in the other emulator suites.
 */
function configFor(locking: "both" | "lockfile" | "dynamodb"): Config {
  return configWith({ backend: { type: "s3", locking } });
}

beforeAll(async () => {
  // The user's layout and backend: the state stack bootstrapped, every other stack on S3 state in moto.
  flow = await EmulatorRun.start({ label: "workflow", config: configFor("both"), state: "bucket", dropDataOnDestroy: true });
  const common = { endpoint: flow.endpoint, region: "eu-west-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  aws = { s3: new S3Client({ ...common, forcePathStyle: true }), ddb: new DynamoDBClient(common), ec2: new EC2Client(common), kms: new KMSClient(common), iam: new IAMClient(common) };
});

afterAll(async () => {
  for (const c of Object.values(aws ?? {})) c.destroy();
  await flow?.stop();
});

async function stateObject(key: string): Promise<{ serial: number; lineage: string; resources: { type: string; name: string }[] }> {
  const o = await aws.s3.send(new GetObjectCommand({ Bucket: names().bucket, Key: key }));
  return JSON.parse(await o.Body!.transformToString());
}

test("the stacks: state first, then platform, then projects, every name starting with the environment", () => {
  const kinds = flow.stacks.map((s) => s.kind);
  expect(kinds[0]).toBe("state");
  expect(kinds[1]).toBe("platform");
  expect(kinds.slice(2).every((k) => k === "project")).toBe(true);
  expect(flow.stacks.length).toBeGreaterThanOrEqual(3);
  for (const s of flow.stacks) expect(s.name.startsWith("dev-")).toBe(true);
});

test("bootstrap: the state stack is applied on local state, then its state moves into the bucket it created", async () => {
  await flow.bootstrapState(state);
  // Bootstrapped on the portable relative path: terraform.<stack>.tfstate beside cdktf.out.
  expect(existsSync(join(flow.root, `terraform.${state}.tfstate`))).toBe(true);
  const migrated = await stateObject(`${state}/terraform.tfstate`);
  expect(migrated.resources.map((r) => r.type)).toEqual(expect.arrayContaining(["aws_s3_bucket", "aws_kms_key", "aws_dynamodb_table"]));
  const head = await aws.s3.send(new HeadObjectCommand({ Bucket: names().bucket, Key: `${state}/terraform.tfstate` }));
  expect(head.ServerSideEncryption).toBe("aws:kms");
  // The working directory now reads its state from S3 (the synthesized backend), not from the local file.
  const listed = await flow.terraform(state).stateList();
  expect([...listed].sort()).toEqual(migrated.resources.map((r: any) => `${r.type}.${r.name}`).sort());
  applied.set(state, listed);
});

test("the state bucket and lock table are hardened", async () => {
  const Bucket = names().bucket;
  expect((await aws.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe("Enabled");
  const sse = (await aws.s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0];
  expect(sse?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe("aws:kms");
  const keyArn = sse?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID;
  const aliases = await aws.kms.send(new ListAliasesCommand({}));
  const alias = aliases.Aliases?.find((a) => a.AliasName === "alias/sds/dev/tfstate");
  expect(keyArn).toContain(alias?.TargetKeyId);
  const block = (await aws.s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration;
  expect(block).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  const table = (await aws.ddb.send(new DescribeTableCommand({ TableName: names().lockTable }))).Table;
  expect(table?.KeySchema).toEqual([{ AttributeName: "LockID", KeyType: "HASH" }]);
  expect(table?.DeletionProtectionEnabled).toBe(true);
  expect(table?.SSEDescription?.Status).toBe("ENABLED");
  expect(table?.SSEDescription?.KMSMasterKeyArn).toBe(keyArn);
  const backups = await aws.ddb.send(new DescribeContinuousBackupsCommand({ TableName: names().lockTable }));
  expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe("ENABLED");
});

test("every other stack applies in dependency order with its S3 backend, lockfile and lock table", async () => {
  for (const s of flow.stacks.filter((x) => x.kind !== "state")) {
    await flow.deploy(s.name);
    const saved = await stateObject(names().key(s.name));
    expect(saved.serial).toBeGreaterThan(0);
    const head = await aws.s3.send(new HeadObjectCommand({ Bucket: names().bucket, Key: names().key(s.name) }));
    expect(head.ServerSideEncryption).toBe("aws:kms");
    applied.set(s.name, await flow.terraform(s.name).stateList());
  }
  expect(applied.get(platform)!.length).toBeGreaterThan(10);
  // Every lock was released: no .tflock object left, and the table holds only state digests (no lock entries).
  const objects = await aws.s3.send(new ListObjectsV2Command({ Bucket: names().bucket }));
  expect((objects.Contents ?? []).map((o) => o.Key).filter((k) => k?.endsWith(".tflock"))).toEqual([]);
  const items = (await aws.ddb.send(new ScanCommand({ TableName: names().lockTable }))).Items ?? [];
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect(item.LockID.S).toMatch(/-md5$/);
  for (const s of flow.stacks) expect(items.map((i) => i.LockID.S)).toContain(`${names().bucket}/${names().key(s.name)}-md5`);
});

test("a second plan of every stack shows no changes", async () => {
  for (const s of flow.stacks) {
    const plan = await flow.plan(s.name);
    if (plan.changes) throw new Error(`${s.name} plans changes on the second run:\n${plan.stdout.slice(-3000)}`);
    expect(plan.stdout).toContain("No changes.");
  }
});

/** Starts terraform in `dir` without waiting; resolves with its exit code and output. */
function start(dir: string, args: string[]): { child: ChildProcess; done: Promise<{ code: number; out: string }> } {
  const child = spawn("terraform", args, { cwd: dir, env: flow.env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const done = new Promise<{ code: number; out: string }>((r) => child.on("close", (code) => r({ code: code ?? -1, out })));
  return { child, done };
}

async function until(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each([
  ["S3 lockfile", "lockfile" as const],
  ["DynamoDB table", "dynamodb" as const],
])("locking with the %s", (_label, locking) => {
  test("two runs at once on one stack: one holds the lock, the other fails with Terraform's lock error; the state stays intact", async () => {
    const variant = flow.alongside(configFor(locking), `workflow-${locking}`);
    const backend = variant.json(platform).terraform.backend.s3;
    expect(Boolean(backend.use_lockfile)).toBe(locking === "lockfile");
    expect(Boolean(backend.dynamodb_table)).toBe(locking === "dynamodb");
    const tf = variant.terraform(platform);
    await tf.init();
    const before = await stateObject(names().key(platform));
    const key = names().key(platform);

    // The holder plans (refresh included), the other tries to apply: a plan writes no state, so the variants' lock
    // modes never leave the table's state digest behind (mixing lockfile-only and table clients would).
    const holder = start(variant.dir(platform), ["plan", "-input=false", "-no-color", ...variant.targets(platform).args]);
    const locked = locking === "lockfile"
      ? async () => (await aws.s3.send(new ListObjectsV2Command({ Bucket: names().bucket, Prefix: `${key}.tflock` }))).KeyCount === 1
      : async () => (await aws.ddb.send(new GetItemCommand({ TableName: names().lockTable, Key: { LockID: { S: `${names().bucket}/${key}` } } }))).Item !== undefined;
    await until(locked, "the first run to take the lock");
    const second = await start(variant.dir(platform), ["apply", "-input=false", "-no-color", "-auto-approve", "-lock-timeout=0s", ...variant.targets(platform).args]).done;
    const first = await holder.done;

    expect(first.code).toBe(0);
    expect(second.code).toBe(1);
    expect(second.out).toContain("Error acquiring the state lock");
    expect(second.out).toMatch(/Lock Info:[\s\S]*ID:[\s\S]*Operation: *OperationTypePlan/);
    // The lock is released and the state is the same, readable document: same lineage, same resources.
    expect(await locked()).toBe(false);
    const after = await stateObject(key);
    expect(after.lineage).toBe(before.lineage);
    expect(after.resources).toEqual(before.resources);
    const pulled = JSON.parse((await tf.run(["state", "pull"])).stdout);
    expect(pulled.lineage).toBe(before.lineage);
    expect((await tf.plan(variant.targets(platform).args)).changes).toBe(false);
  });
});

test("destroy in reverse order, the state stack last: nothing is left", async () => {
  for (const s of [...flow.stacks].reverse()) {
    if (s.kind === "state") await flow.teardownState(s.name);
    else await flow.destroy(s.name);
  }
  // Terraform holds nothing any more, in any stack (the state stack's state is back in its local file).
  for (const s of flow.stacks) {
    expect(applied.get(s.name)?.length).toBeGreaterThan(0);
    expect(await flow.terraform(s.name).stateList()).toEqual([]);
  }
  const local = JSON.parse(readFileSync(join(flow.root, `terraform.${state}.tfstate`), "utf8"));
  expect(local.resources).toEqual([]);
  // And the emulator agrees: no bucket, no lock table, no VPC of ours, no role, every key scheduled for deletion.
  expect((await aws.s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  expect((await aws.ddb.send(new ListTablesCommand({}))).TableNames ?? []).toEqual([]);
  const vpcs = (await aws.ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
  expect(vpcs.filter((v) => !v.IsDefault)).toEqual([]);
  const roles = (await aws.iam.send(new ListRolesCommand({}))).Roles ?? [];
  expect(roles.map((r) => r.RoleName).filter((n) => n?.startsWith("sds-"))).toEqual([]);
  // Keys cannot be deleted at once: ours are scheduled for deletion. (moto creates alias/aws/* keys itself.)
  const awsManaged = new Set(((await aws.kms.send(new ListAliasesCommand({}))).Aliases ?? []).filter((a) => a.AliasName?.startsWith("alias/aws/")).map((a) => a.TargetKeyId));
  const keys = ((await aws.kms.send(new ListKeysCommand({}))).Keys ?? []).filter((k) => !awsManaged.has(k.KeyId));
  expect(keys.length).toBeGreaterThanOrEqual(2);
  const states = await Promise.all(keys.map(async (k) => (await aws.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata));
  expect(states.filter((k) => k?.KeyState !== "PendingDeletion").map((k) => `${k?.KeyId} ${k?.Description}`)).toEqual([]);
});
