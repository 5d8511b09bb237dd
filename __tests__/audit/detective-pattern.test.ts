/**
 * The detective control's event pattern, as synthesized, against recorded CloudTrail events with EventBridge's
 * matching semantics: moto's EventBridge matcher (exists, anything-but, $or on nested fields), driven through the
 * EventBridge API. moto 5.2.1 does not implement TestEventPattern (it answers 200 with no result), so the test puts
 * the synthesized pattern on a rule whose target is a log group, sends each recorded event with PutEvents, and reads
 * back which events the rule delivered. Fixtures: EventBridge envelopes of CloudTrail records in the shape the AWS
 * docs show (`detail` = the CloudTrail record, request fields in lowerCamelCase under requestParameters).
 */
import { CloudWatchLogsClient, CreateLogGroupCommand, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand, TestEventPatternCommand } from "@aws-sdk/client-eventbridge";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Moto, startMoto } from "../../tooling/harness/moto";
import { configWith, resources, synthConfig } from "../helpers/synth";

jest.setTimeout(120_000);

const FIXTURES = join(__dirname, "..", "fixtures", "cloudtrail");
type Recorded = { file: string; event: Record<string, any> };
const load = (dir: string): Recorded[] => readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith(".json"))
  .map((f) => ({ file: `${dir}/${f}`, event: JSON.parse(readFileSync(join(FIXTURES, dir, f), "utf8")) }));
const noncompliant = load("noncompliant");
const compliant = load("compliant");

const synth = synthConfig(configWith(), "audit-pattern");
const [, rule] = resources(synth.stack("dev-platform"), "aws_cloudwatch_event_rule")[0];
const pattern: string = rule.event_pattern;

let moto: Moto;
let events: EventBridgeClient;
let logs: CloudWatchLogsClient;
const delivered = new Set<string>();

beforeAll(async () => {
  moto = await startMoto();
  const common = { endpoint: moto.endpoint, region: "eu-west-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  events = new EventBridgeClient(common);
  logs = new CloudWatchLogsClient(common);
  await logs.send(new CreateLogGroupCommand({ logGroupName: "/test/matched" }));
  await events.send(new PutRuleCommand({ Name: "synthesized-pattern", EventPattern: pattern }));
  await events.send(new PutTargetsCommand({ Rule: "synthesized-pattern", Targets: [{ Id: "matched", Arn: "arn:aws:logs:eu-west-1:123456789012:log-group:/test/matched" }] }));
  for (const { event } of [...noncompliant, ...compliant]) {
    const put = await events.send(new PutEventsCommand({ Entries: [{
      Source: event.source, DetailType: event["detail-type"], Detail: JSON.stringify(event.detail), Resources: event.resources, Time: new Date(event.time),
    }] }));
    expect(put.FailedEntryCount).toBe(0);
  }
  const out = await logs.send(new FilterLogEventsCommand({ logGroupName: "/test/matched" }));
  for (const e of out.events ?? []) delivered.add(JSON.parse(e.message!).detail.eventID);
});

afterAll(async () => {
  await moto?.stop();
});

test("moto 5.2.1 does not evaluate TestEventPattern (why this suite goes through PutEvents)", async () => {
  const r = await events.send(new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(noncompliant[0].event) }));
  expect(r.Result).toBeUndefined();
});

test("the recorded non-compliant CreateTrainingJob (no vpcConfig) matches; the compliant one (in the VPC) does not", () => {
  const bad = noncompliant.find((r) => r.file.endsWith("create-training-job-without-vpc.json"))!;
  const good = compliant.find((r) => r.file.endsWith("create-training-job-in-vpc.json"))!;
  expect(bad.event.detail.eventName).toBe("CreateTrainingJob");
  expect(bad.event.detail.requestParameters.vpcConfig).toBeUndefined();
  expect(good.event.detail.requestParameters.vpcConfig.subnets.length).toBeGreaterThan(0);
  expect(delivered.has(bad.event.detail.eventID)).toBe(true);
  expect(delivered.has(good.event.detail.eventID)).toBe(false);
});

test.each(noncompliant.map((r) => [r.file, r] as const))("non-compliant %s is delivered to the alert target", (_file, r) => {
  expect(delivered.has(r.event.detail.eventID)).toBe(true);
});

test.each(compliant.map((r) => [r.file, r] as const))("compliant %s is not delivered", (_file, r) => {
  expect(delivered.has(r.event.detail.eventID)).toBe(false);
});
