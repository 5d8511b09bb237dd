/**
 * CIS v3.0 4.1-4.15: each synthesized metric filter pattern against recorded CloudTrail records (the record as the
 * trail writes it to its log group, `__tests__/fixtures/cloudtrail/cis/`), with the CloudWatch filter-pattern matcher
 * of `__tests__/helpers/filter-pattern.ts`. Every record is run through all fifteen filters: it must trip exactly the
 * controls listed for it, so a pattern that matches too much (or too little) fails here. The alarms' wiring (topic,
 * key, names) is checked on the synthesized platform stack.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CIS_MONITORING } from "../../lib/domain/catalogue/cis-monitoring";
import { configWith, resources, synthConfig } from "../helpers/synth";
import { filterMatches, parseFilterPattern } from "../helpers/filter-pattern";

const DIR = join(__dirname, "..", "fixtures", "cloudtrail", "cis");
const records = Object.fromEntries(readdirSync(DIR).filter((f) => f.endsWith(".json")).map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(DIR, f), "utf8"))]));

/** Which controls each recorded event must trip (none: a near miss of some control). */
const EXPECTED: Record<string, string[]> = {
  "run-instances-unauthorized": ["4.1"],
  "get-object-access-denied": ["4.1"],
  "head-bucket-access-denied": [],
  "log-delivery-access-denied": [],
  "console-login-iam-user-no-mfa": ["4.2"],
  "console-login-iam-user-mfa": [],
  "console-login-federated": [],
  "console-login-failed": ["4.6"],
  "root-describe-instances": ["4.3"],
  "root-service-event": [],
  "root-invoked-by-service": [],
  "put-role-policy": ["4.4"],
  "get-role-policy": [],
  "stop-logging": ["4.5"],
  "describe-trails": [],
  "schedule-key-deletion": ["4.7"],
  "disable-key-rotation": [],
  "put-bucket-policy": ["4.8"],
  "put-bucket-policy-access-denied": ["4.1", "4.8"],
  "get-bucket-policy": [],
  "stop-configuration-recorder": ["4.9"],
  "describe-configuration-recorders": [],
  "authorize-security-group-ingress": ["4.10"],
  "describe-security-groups": [],
  "create-network-acl-entry": ["4.11"],
  "describe-network-acls": [],
  "attach-internet-gateway": ["4.12"],
  "create-nat-gateway": [],
  "create-route": ["4.13"],
  "describe-route-tables": [],
  "modify-vpc-attribute": ["4.14"],
  "describe-vpcs": [],
  "attach-policy-organizations": ["4.15"],
  // CIS 4.4 matches CreatePolicy by name alone, so an Organizations policy trips it as well.
  "create-policy-organizations": ["4.4", "4.15"],
  "list-policies-organizations": [],
};

const synth = synthConfig(configWith(), "cis-filters");
const platform = synth.stack("dev-platform");
const controlOf = (f: Record<string, any>): string => /-cis-(\d+\.\d+)-/.exec(f.name ?? f.alarm_name)![1];
const order = (c: string) => Number(c.split(".")[1]);
const byControl = (a: Record<string, any>, b: Record<string, any>) => order(controlOf(a)) - order(controlOf(b));
const filters = resources(platform, "aws_cloudwatch_log_metric_filter").map(([, f]) => f).sort(byControl);

test("the default config has one filter per CIS control, on the trail's log group, each with an alarm to the alert topic", () => {
  expect(filters.map(controlOf)).toEqual(CIS_MONITORING.map((c) => c.control));
  const [[groupId]] = resources(platform, "aws_cloudwatch_log_group").filter(([, g]) => g.name === "/sds/dev/cloudtrail");
  for (const f of filters) {
    expect(f.log_group_name).toBe(`\${aws_cloudwatch_log_group.${groupId}.name}`);
    expect(f.pattern.length).toBeLessThanOrEqual(1024); // PutMetricFilter's limit
  }
  const alarms = resources(platform, "aws_cloudwatch_metric_alarm").map(([, a]) => a).sort(byControl);
  const [[topicId]] = resources(platform, "aws_sns_topic");
  expect(alarms.map((a) => [a.alarm_name, a.metric_name, a.namespace, a.alarm_actions])).toEqual(
    filters.map((f) => [f.name, f.metric_transformation.name, f.metric_transformation.namespace, [`\${aws_sns_topic.${topicId}.arn}`]]));
});

test("the alert topic's policy and key let exactly the CIS alarms publish", () => {
  const [, topicPolicy] = resources(platform, "aws_sns_topic_policy")[0];
  const statement = JSON.parse(topicPolicy.policy).Statement.find((s: any) => s.Sid === "TheEnvironmentsAlarmsPublish");
  expect(statement).toMatchObject({ Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish",
    Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:sds-dev-cis-4.*" }, StringEquals: { "aws:SourceAccount": "123456789012" } } });
  const [, key] = resources(platform, "aws_kms_key").find(([, k]) => k.description.includes("detective control"))!;
  expect(JSON.parse(key.policy).Statement.find((s: any) => s.Sid === "CloudWatchAlarmsPublishToTheAlertTopic")).toMatchObject({
    Principal: { Service: "cloudwatch.amazonaws.com" }, Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": "arn:aws:sns:eu-west-1:123456789012:sds-dev-security-alerts" } } });
  // Without the alarms (audit.cisAlarms: false) neither the topic nor the key admits CloudWatch.
  const off = synthConfig(configWith({ audit: { cisAlarms: false } }), "cis-filters-off").stack("dev-platform");
  expect(resources(off, "aws_cloudwatch_metric_alarm")).toEqual([]);
  expect(JSON.stringify(off)).not.toContain("cloudwatch.amazonaws.com");
});

test("every record is a CloudTrail record with the fields the filters read, and every one has an expectation", () => {
  expect(Object.keys(records).sort()).toEqual(Object.keys(EXPECTED).sort());
  for (const r of Object.values(records)) expect(r).toEqual(expect.objectContaining({ eventVersion: expect.any(String), eventSource: expect.any(String), eventName: expect.any(String), userIdentity: expect.any(Object), sourceIPAddress: expect.any(String), eventType: expect.any(String) }));
});

test.each(Object.keys(EXPECTED))("%s trips exactly its controls", (name) => {
  const tripped = filters.filter((f) => filterMatches(f.pattern, records[name])).map(controlOf);
  expect(tripped).toEqual([...EXPECTED[name]].sort((a, b) => order(a) - order(b)));
});

test("every control is tripped by some record and missed by a near miss of the same service", () => {
  for (const c of CIS_MONITORING) {
    const hits = Object.entries(EXPECTED).filter(([, cs]) => cs.includes(c.control)).map(([n]) => n);
    expect({ control: c.control, hits: hits.length > 0 }).toEqual({ control: c.control, hits: true });
    const source = records[hits[0]].eventSource;
    const misses = Object.entries(EXPECTED).filter(([n, cs]) => !cs.includes(c.control) && records[n].eventSource === source);
    expect({ control: c.control, misses: misses.length > 0 }).toEqual({ control: c.control, misses: true });
  }
});

describe("the filter-pattern matcher", () => {
  const e = { a: "AccessDenied", n: 5, nested: { list: [{ x: "yes" }] }, t: true, z: null };
  test.each([
    ['{ $.a = "AccessDenied*" }', true], ['{ $.a = "*Denied" }', true], ['{ $.a = "Denied*" }', false], ["{ $.a = AccessDenied }", true],
    ['{ $.a != "AccessDenied" }', false], ["{ $.n > 4 && $.n <= 5 }", true], ["{ $.n = 6 || $.n = 5 }", true],
    ['{ $.nested.list[0].x = "yes" }', true], ["{ $.missing NOT EXISTS }", true], ["{ $.a NOT EXISTS }", false],
    ['{ $.missing != "x" }', false], ["{ $.z IS NULL }", true], ["{ $.t IS TRUE }", true],
    // && binds tighter than ||: false || (true && false) is false; (false || true) && false is false; false || true && true is true
    ['{ $.a = "x" || $.n = 5 && $.t IS FALSE }', false], ['{ $.a = "x" || $.n = 5 && $.t IS TRUE }', true], ['{ ($.a = "x" || $.n = 5) && $.t IS FALSE }', false],
  ])("%s → %s", (pattern, expected) => {
    expect(filterMatches(pattern, e)).toBe(expected);
  });
  test("a pattern it cannot read is an error, not a silent miss", () => {
    expect(() => parseFilterPattern("{ $.a = }")).toThrow(/unexpected end|expected/);
    expect(() => parseFilterPattern("{ $.a ~ 1 }")).toThrow(/cannot read|unknown operator/);
    expect(() => parseFilterPattern("{ ($.a = 1 }")).toThrow(/expected \)/);
  });
});
