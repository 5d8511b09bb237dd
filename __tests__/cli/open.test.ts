/**
 * `npm run open`'s errors, each as a data scientist meets it: the real command and the real AWS SDK against a local
 * HTTP server that answers as AWS does in states the emulator cannot produce (a Failed notebook, a refusal by the
 * network fence, a refused AssumeRole), and a closed port for "not on the client network". The happy path runs on
 * moto in __tests__/emulator/data-scientist.test.ts.
 */
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { callerUsername, openCommand, OpenError, openUrl } from "../../app/cli/open";
import { accessFile, accessFilePath } from "../../app/plan/access";
import { plan } from "../../app/plan/plan";
import { configWith, tempDir } from "../helpers/synth";

type Reply = { status: number; body: string; type?: string };
let replies: Record<string, Reply> = {};
let server: Server;
let url: string;
const calls: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const action = (req.headers["x-amz-target"] as string | undefined)?.split(".")[1] ?? /Action=(\w+)/.exec(body)?.[1] ?? "?";
      calls.push(action);
      const r = replies[action] ?? { status: 500, body: "{}" };
      res.writeHead(r.status, { "content-type": r.type ?? "application/x-amz-json-1.1" }).end(r.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const out = tempDir("open");
const e = plan(configWith()).environments[0];
mkdirSync(join(out, "access"), { recursive: true });
writeFileSync(join(out, accessFilePath("dev", "fraud")), JSON.stringify(accessFile(e, e.projects[0])));

const xml = (action: string, inner: string): Reply => ({ status: 200, type: "text/xml",
  body: `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${inner}</${action}Result></${action}Response>` });
const caller = (user: string) => xml("GetCallerIdentity", `<Arn>arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DataScientist_0123456789abcdef/${user}</Arn><UserId>X</UserId><Account>123456789012</Account>`);
const assumed = xml("AssumeRole", "<Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>");
const denied = (message: string, type = "AccessDeniedException"): Reply => ({ status: 400, body: JSON.stringify({ __type: type, message }) });

async function run(argv: string[]): Promise<{ lines: string[]; result?: string; error?: Error }> {
  const lines: string[] = [];
  const env = { AWS_ACCESS_KEY_ID: "AKIAX", AWS_SECRET_ACCESS_KEY: "x", AWS_ENDPOINT_URL: url, AWS_EC2_METADATA_DISABLED: "true" };
  const saved = process.env;
  process.env = { ...saved, ...env };
  try {
    return { lines, result: await openUrl(["--env", "dev", "--project", "fraud", "--out", out, "--poll-seconds", "0", ...argv],
      { progress: (l) => lines.push(l), env: process.env, sleep: async () => undefined, now: Date.now }) };
  } catch (error) {
    return { lines, error: error as Error };
  } finally {
    process.env = saved;
  }
}

beforeEach(() => {
  calls.length = 0;
  replies = { GetCallerIdentity: caller("alice@example.com"), AssumeRole: assumed };
});

test("a stopped notebook is started, followed until InService, and its URL returned", async () => {
  let polls = 0;
  replies.DescribeNotebookInstance = { status: 200, get body() { polls++; return JSON.stringify({ NotebookInstanceStatus: polls === 1 ? "Stopped" : polls === 2 ? "Pending" : "InService" }); } } as Reply;
  replies.StartNotebookInstance = { status: 200, body: "{}" };
  replies.CreatePresignedNotebookInstanceUrl = { status: 200, body: JSON.stringify({ AuthorizedUrl: "https://sds-dev-fraud-alice.notebook.eu-west-1.sagemaker.aws/?authToken=x" }) };
  const r = await run(["--notebook", "alice"]);
  expect(r.result).toBe("https://sds-dev-fraud-alice.notebook.eu-west-1.sagemaker.aws/?authToken=x");
  expect(calls).toEqual(["GetCallerIdentity", "AssumeRole", "DescribeNotebookInstance", "StartNotebookInstance", "DescribeNotebookInstance", "DescribeNotebookInstance",
    "CreatePresignedNotebookInstanceUrl"]);
});

test("not on the client network (endpoint unreachable): says so and how to fix it", async () => {
  const r = await run(["--notebook", "alice", "--endpoint-url", "http://127.0.0.1:1"]);
  expect(r.error).toBeInstanceOf(OpenError);
  expect(r.error!.message).toMatch(/^describe notebook: cannot reach http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)\. You are not on the client network.*#not-on-the-client-network/s);
});

test("not on the client network (refused by the source conditions): the explicit deny is explained", async () => {
  replies.DescribeNotebookInstance = denied("User: arn:aws:sts::123456789012:assumed-role/sds-dev-fraud-data-scientist/alice is not authorized to perform: sagemaker:DescribeNotebookInstance on resource: x with an explicit deny in an identity-based policy");
  const r = await run(["--notebook", "alice"]);
  expect(r.error!.message).toMatch(/^describe notebook: refused outside the network .*api\.sagemaker\.eu-west-1\.amazonaws\.com resolves to a private address.*#not-on-the-client-network/s);
});

test("no tag: AssumeRole refused names the three causes", async () => {
  replies.AssumeRole = { status: 403, type: "text/xml", body: "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: x is not authorized to perform: sts:TagSession</Message></Error></ErrorResponse>" };
  const r = await run(["--notebook", "alice"]);
  expect(r.error!.message).toMatch(/^assume role: arn:aws:iam::123456789012:role\/sagemaker-project\/sds-dev-fraud-data-scientist refused your session .*dataScientistPrincipals.*no `username` tag.*#no-tag/s);
});

test("someone else's notebook: refused before any SageMaker call; an untagged session's implicit deny is explained alike", async () => {
  replies.GetCallerIdentity = caller("bob@example.com");
  const r = await run(["--notebook", "alice"]);
  expect(r.error!.message).toMatch(/belongs to alice@example.com, you are bob@example.com.*#someone-elses-notebook/s);
  expect(calls).toEqual(["GetCallerIdentity"]);
  replies.GetCallerIdentity = caller("alice@example.com");
  replies.DescribeNotebookInstance = { status: 200, body: JSON.stringify({ NotebookInstanceStatus: "InService" }) };
  replies.CreatePresignedNotebookInstanceUrl = denied("User: x is not authorized to perform: sagemaker:CreatePresignedNotebookInstanceUrl on resource: y because no identity-based policy allows the sagemaker:CreatePresignedNotebookInstanceUrl action");
  const untagged = await run(["--notebook", "alice", "--no-assume"]);
  expect(untagged.error!.message).toMatch(/^create presigned notebook URL: not allowed .*not tagged with your `username`.*#someone-elses-notebook/s);
  expect(calls).not.toContain("AssumeRole");
});

test("a Failed notebook: its reason and who fixes it", async () => {
  replies.DescribeNotebookInstance = { status: 200, body: JSON.stringify({ NotebookInstanceStatus: "Failed", FailureReason: "ENI limit reached" }) };
  const r = await run(["--notebook", "alice"]);
  expect(r.error!.message).toMatch(/^sds-dev-fraud-alice failed: ENI limit reached\. Ask your platform team.*#notebook-failed/s);
  expect(calls).not.toContain("StartNotebookInstance");
});

test("Studio: the domain found by name, the URL for the user's own profile", async () => {
  const config = configWith({ projects: [{ name: "fraud", frontEnd: "studio", users: [{ username: "alice" }], identity: { dataScientistPrincipals: [] } }] });
  const p = plan(config).environments[0];
  const file = join(tempDir("open-studio"), "fraud.json");
  writeFileSync(file, JSON.stringify(accessFile(p, p.projects[0])));
  replies.ListDomains = { status: 200, body: JSON.stringify({ Domains: [{ DomainName: "other", DomainId: "d-other" }, { DomainName: "sds-dev-fraud", DomainId: "d-0123456789ab" }] }) };
  replies.CreatePresignedDomainUrl = { status: 200, body: JSON.stringify({ AuthorizedUrl: "https://d-0123456789ab.studio.eu-west-1.sagemaker.aws/auth?token=x" }) };
  replies.GetCallerIdentity = caller("alice");
  const r = await run(["--studio-user", "alice", "--access-file", file]);
  expect(r.result).toBe("https://d-0123456789ab.studio.eu-west-1.sagemaker.aws/auth?token=x");
  expect(calls).toEqual(["GetCallerIdentity", "AssumeRole", "ListDomains", "CreatePresignedDomainUrl"]);
});

test("usage and access-file errors exit non-zero with the fix", async () => {
  const err = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    expect(await openCommand(["--env", "dev", "--project", "fraud"])).toBe(2);
    expect(await openCommand(["--env", "dev", "--project", "fraud", "--notebook", "a", "--studio-user", "b"])).toBe(2);
    expect(await openCommand(["--env", "dev", "--project", "churn", "--notebook", "alice", "--out", out])).toBe(1);
    expect(err.mock.calls.map((c) => String(c[0])).join("")).toMatch(/name exactly one of --notebook and --studio-user[\s\S]*no access file .*dev-churn\.json: run `npm run synth/);
  } finally {
    err.mockRestore();
  }
  expect((await run(["--notebook", "carol"])).error!.message).toMatch(/dev\/fraud has no notebook "carol"; its notebooks: alice/);
});

test("the user name is the session name of an assumed role (Identity Center) or the IAM user's name", () => {
  expect(callerUsername("arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DS_0123/alice@example.com")).toBe("alice@example.com");
  expect(callerUsername("arn:aws:iam::123456789012:user/team/alice")).toBe("alice");
  expect(callerUsername("arn:aws:iam::123456789012:root")).toBeUndefined();
});
