/**
 * docs/data-scientist.md followed literally on moto, as far as moto goes: the environment with a client network and
 * the DNS resolver applied by real Terraform; `npm run synth` wrote the access file; the data scientist signs in (an
 * Identity Center session, here an assumed role whose session name is the user name), runs `npm run open`, which
 * assumes the data scientist role with the `username` tag, finds the notebook stopped, starts it, waits until
 * InService and asks for the presigned URL - the one call moto does not implement (tooling/harness/emulator-gaps.ts; the IAM
 * decision on it is proven by the attack suite). Someone else's notebook is refused before any SageMaker call.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DescribeNotebookInstanceCommand, SageMakerClient, StopNotebookInstanceCommand } from "@aws-sdk/client-sagemaker";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { EMULATOR_GAPS } from "../../tooling/harness/emulator-gaps";
import { EmulatorRun } from "../../tooling/harness/emulator-run";
import type { StackRun } from "../../tooling/harness/workflow";
import { OpenError, openUrl } from "../../app/cli/open";
import { accessFilePath } from "../../app/plan/access";
import { ssoRole } from "../security/configs";
import { configWith } from "../helpers/synth";

jest.setTimeout(900_000);

const ACCOUNT = "123456789012";
let run: EmulatorRun;
let stacks: StackRun[] = [];
let platform: Record<string, any>;
const saved = { ...process.env };

beforeAll(async () => {
  run = await EmulatorRun.start({ label: "emu-data-scientist", config: configWith({
    network: { vpcCidr: "10.20.0.0/16", clientAccess: { cidrs: ["10.100.0.0/16"], dnsResolver: true } },
    dataProtection: { administratorArns: [`arn:aws:iam::${ACCOUNT}:role/sds-terraform`], bucketsOnDestroy: "delete-with-data" },
  }) });
  stacks = await run.deployAll();
  platform = await stacks[0].tf.outputs();
});

afterAll(async () => {
  process.env = saved;
  // Destroy is proven by the identity suite; this one stops the emulator with everything in it.
  await run?.stop();
});

const common = () => ({ endpoint: run.endpoint, region: "eu-west-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });

/** Step 1 of the runbook: signing in with Identity Center gives a session of the permission-set role named after the user. */
async function signIn(user: string): Promise<void> {
  const { Credentials: c } = await new STSClient(common()).send(new AssumeRoleCommand({ RoleArn: ssoRole(ACCOUNT), RoleSessionName: user }));
  process.env = { ...saved, AWS_ACCESS_KEY_ID: c!.AccessKeyId, AWS_SECRET_ACCESS_KEY: c!.SecretAccessKey, AWS_SESSION_TOKEN: c!.SessionToken,
    AWS_ENDPOINT_URL: run.endpoint, AWS_EC2_METADATA_DISABLED: "true" };
  delete process.env.AWS_PROFILE;
}

async function open(argv: string[]): Promise<{ lines: string[]; url?: string; error?: Error }> {
  const lines: string[] = [];
  const io = { progress: (l: string) => lines.push(l), env: process.env, sleep: async () => undefined, now: Date.now };
  try {
    return { lines, url: await openUrl(argv, io) };
  } catch (error) {
    return { lines, error: error as Error };
  }
}

test("the platform applied the DNS resolver: two inbound addresses in the private subnets, its group open to the client network on 53", () => {
  expect(stacks.map((s) => s.stack)).toEqual(["dev-platform", "dev-project-fraud"]);
  const dns = platform.dns_resolver;
  expect(dns.endpoint_id).toMatch(/^rslvr-in-/);
  expect(dns.ip_addresses).toHaveLength(2);
  for (const ip of dns.ip_addresses) expect(ip).toMatch(/^10\.20\./);
});

test("the runbook: access file, sign-in, npm run open starts the stopped notebook, waits, and asks for the URL", async () => {
  const accessFile = join(run.out, accessFilePath("dev", "fraud"));
  expect(existsSync(accessFile)).toBe(true);
  const access = JSON.parse(readFileSync(accessFile, "utf8"));
  expect(access).toMatchObject({ region: "eu-west-1", dataScientistRoleArn: `arn:aws:iam::${ACCOUNT}:role/sagemaker-project/sds-dev-fraud-data-scientist`,
    notebooks: [{ name: "alice", instanceName: "sds-dev-fraud-alice", owner: "alice@example.com" }] });
  // The pipeline created the notebook InService; the idle check stopped it overnight.
  const sagemaker = new SageMakerClient(common());
  await sagemaker.send(new StopNotebookInstanceCommand({ NotebookInstanceName: "sds-dev-fraud-alice" }));

  await signIn("alice@example.com");
  const { lines, url, error } = await open(["--env", "dev", "--project", "fraud", "--notebook", "alice", "--out", run.out]);
  expect(lines.slice(0, 2)).toEqual([
    `signed in as arn:aws:sts::${ACCOUNT}:assumed-role/${ssoRole(ACCOUNT).split("/").pop()}/alice@example.com (username alice@example.com)`,
    `assumed ${access.dataScientistRoleArn} with username=alice@example.com`,
  ]);
  expect(lines.filter((l) => l.startsWith("sds-dev-fraud-alice"))).toEqual([
    "sds-dev-fraud-alice: Stopped", "sds-dev-fraud-alice: starting (usually 3 to 5 minutes)", expect.stringMatching(/^sds-dev-fraud-alice: InService/),
  ]);
  expect((await sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: "sds-dev-fraud-alice" }))).NotebookInstanceStatus).toBe("InService");
  // The last step is moto's gap: the presigned URL call, and only it, fails.
  expect(url).toBeUndefined();
  expect(error).toBeInstanceOf(OpenError);
  expect(error!.message).toMatch(/^create presigned notebook URL: /);
  expect(EMULATOR_GAPS.some((g) => g.subject.startsWith("sagemaker:CreatePresignedNotebookInstanceUrl"))).toBe(true);
});

test("someone else's notebook is refused with the owner's name, before anything is started", async () => {
  const sagemaker = new SageMakerClient(common());
  await sagemaker.send(new StopNotebookInstanceCommand({ NotebookInstanceName: "sds-dev-fraud-alice" }));
  await signIn("bob@example.com");
  const { url, error } = await open(["--env", "dev", "--project", "fraud", "--notebook", "alice", "--out", run.out]);
  expect(url).toBeUndefined();
  expect(error!.message).toMatch(/notebook sds-dev-fraud-alice belongs to alice@example.com, you are bob@example.com.*someone else's notebook/s);
  expect((await sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: "sds-dev-fraud-alice" }))).NotebookInstanceStatus).toBe("Stopped");
});
