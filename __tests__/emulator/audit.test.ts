/**
 * The platform stack's audit resources applied by real Terraform to the moto emulator: the trail's key, buckets,
 * log group and delivery role, SageMaker's log groups, and the detective control (rule, target, encrypted topic,
 * policies, subscriptions). Only the audit resources are targeted (Terraform adds what they depend on, such as
 * the logs key); the trail itself is an emulator gap (tooling/harness/emulator-gaps.ts) proven by validate and plan.
 * Then: SDK checks, a second plan with no changes, destroy (refused while the access-log bucket holds logs, then
 * deliberately with delete-with-data), and checks that nothing is left.
 */
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { GetRoleCommand, GetRolePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, ListAliasesCommand } from "@aws-sdk/client-kms";
import {
  GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketLoggingCommand, GetBucketPolicyCommand,
  GetBucketVersioningCommand, GetPublicAccessBlockCommand, ListBucketsCommand, ListObjectVersionsCommand, S3Client,
} from "@aws-sdk/client-s3";
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { EmulatorRun } from "../../tooling/harness/emulator-run";
import { plan } from "../../app/plan/plan";
import { configWith, resources } from "../helpers/synth";

jest.setTimeout(600_000);

const ACCOUNT = "123456789012";
const TRAIL_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/sds-dev-trail`;
const TRAIL_BUCKET = `sds-dev-cloudtrail-${ACCOUNT}`;
const ACCESS_LOG_BUCKET = `sds-dev-cloudtrail-access-logs-${ACCOUNT}`;
const SAGEMAKER_GROUPS = ["Endpoints", "NotebookInstances", "ProcessingJobs", "TrainingJobs", "TransformJobs"].map((g) => `/aws/sagemaker/${g}`);

let run: EmulatorRun;
/** Only the audit construct's resources and the environment's logs key (Terraform adds what they depend on). */
const AUDIT = { within: ["audit", "logs-key"] };
const PLATFORM = "dev-platform";
let leftOut: string[];
let synthesizedPattern: unknown;
let aws: { logs: CloudWatchLogsClient; events: EventBridgeClient; sns: SNSClient; kms: KMSClient; s3: S3Client; iam: IAMClient };

const keyArnOf = async (alias: string) => {
  const aliases = await aws.kms.send(new ListAliasesCommand({}));
  const keyId = aliases.Aliases?.find((a) => a.AliasName === `alias/${alias}`)?.TargetKeyId;
  expect(keyId).toBeDefined();
  return `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${keyId}`;
};
const statement = (doc: string | undefined, sid: string) => JSON.parse(doc ?? "{}").Statement.find((s: { Sid?: string }) => s.Sid === sid);
const topicArn = `arn:aws:sns:eu-west-1:${ACCOUNT}:sds-dev-security-alerts`;

beforeAll(async () => {
  run = await EmulatorRun.start({ label: "emu-audit", config: configWith() });
  const stack = run.json(PLATFORM);
  synthesizedPattern = JSON.parse(resources(stack, "aws_cloudwatch_event_rule")[0][1].event_pattern);
  const common = { endpoint: run.endpoint, region: "eu-west-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  aws = {
    logs: new CloudWatchLogsClient(common), events: new EventBridgeClient(common), sns: new SNSClient(common),
    kms: new KMSClient(common), s3: new S3Client({ ...common, forcePathStyle: true }), iam: new IAMClient(common),
  };
  leftOut = (await run.deploy(PLATFORM, AUDIT)).left;
});

afterAll(async () => {
  await run?.stop();
});

test("only the trail itself (an emulator gap) is left out of the apply", () => {
  expect(leftOut.filter((a) => a.split(".")[1].startsWith("audit_")).map((a) => a.replace(/_[0-9A-Fa-f]{8}$/, ""))).toEqual(["aws_cloudtrail.audit_trail"]);
});

test("the CIS 4.1-4.15 metric filters are on the trail's log group, and their alarms notify the alert topic", async () => {
  const cis = plan(run.config).environments[0].names.trail!.cisAlarms!;
  const filters = (await aws.logs.send(new DescribeMetricFiltersCommand({ logGroupName: "/sds/dev/cloudtrail" }))).metricFilters ?? [];
  expect(filters.map((f) => [f.filterName, f.filterPattern, f.metricTransformations?.[0].metricNamespace]).sort())
    .toEqual(cis.alarms.map((a) => [a.name, a.control.pattern, cis.namespace]).sort());
  // No CloudWatch (metrics) client is installed: DescribeAlarms through the query API, read from its XML answer.
  const answer = await (await fetch(`${run.endpoint}/`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
      Authorization: "AWS4-HMAC-SHA256 Credential=testing/20260101/eu-west-1/monitoring/aws4_request, SignedHeaders=host, Signature=0",
    },
    body: "Action=DescribeAlarms&Version=2010-08-01",
  })).text();
  const alarms = [...answer.matchAll(/<AlarmName>([^<]+)<\/AlarmName>/g)].map((m) => m[1]).filter((n) => n.startsWith("sds-dev-cis-"));
  expect(alarms.sort()).toEqual(cis.alarms.map((a) => a.name).sort());
  expect(answer.match(new RegExp(`<member>${topicArn}</member>`, "g"))?.length).toBe(cis.alarms.length);
});

test("SageMaker's and the trail's log groups are encrypted with the environment's logs key and keep events 365 days", async () => {
  const logsKey = await keyArnOf("sds/dev/logs");
  const found = [];
  for (const prefix of ["/aws/sagemaker/", "/sds/dev/cloudtrail"]) {
    found.push(...(await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix }))).logGroups ?? []);
  }
  expect(found.map((g) => g.logGroupName).sort()).toEqual([...SAGEMAKER_GROUPS, "/sds/dev/cloudtrail"].sort());
  for (const g of found) {
    expect(g.kmsKeyId).toBe(logsKey);
    expect(g.retentionInDays).toBe(365);
  }
  const policy = (await aws.kms.send(new GetKeyPolicyCommand({ KeyId: logsKey, PolicyName: "default" }))).Policy;
  const admitted = statement(policy, "CloudWatchLogsUseForOwnLogGroups").Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"];
  for (const g of found) expect(admitted).toContain(`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${g.logGroupName}`);
  expect(admitted).toContain(`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/sagemaker/Endpoints/*`);
});

test("the detective control's rule carries the synthesized pattern and targets the alert topic", async () => {
  const rule = await aws.events.send(new DescribeRuleCommand({ Name: "sds-dev-sagemaker-noncompliant-create" }));
  expect(rule.State).toBe("ENABLED");
  expect(JSON.parse(rule.EventPattern ?? "{}")).toEqual(synthesizedPattern);
  const targetsOfRule = await aws.events.send(new ListTargetsByRuleCommand({ Rule: "sds-dev-sagemaker-noncompliant-create" }));
  expect(targetsOfRule.Targets?.map((t) => t.Arn)).toEqual([topicArn]);
});

test("the alert topic is encrypted with its own rotated key, only the rule may publish, and the config's subscription exists", async () => {
  const alertsKey = await keyArnOf("sds/dev/alerts");
  const attributes = (await aws.sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes ?? {};
  expect(attributes.KmsMasterKeyId).toBe(alertsKey);
  const allow = statement(attributes.Policy, "OnlyTheDetectiveControlRulePublishes");
  expect(allow).toMatchObject({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: topicArn });
  expect(allow.Condition.ArnEquals["aws:SourceArn"]).toBe(`arn:aws:events:eu-west-1:${ACCOUNT}:rule/sds-dev-sagemaker-noncompliant-create`);
  // Besides the rule, only the environment's CIS alarms (of this account) may publish.
  expect(JSON.parse(attributes.Policy ?? "{}").Statement.filter((s: { Effect: string }) => s.Effect === "Allow").map((s: { Sid: string }) => s.Sid))
    .toEqual(["OnlyTheDetectiveControlRulePublishes", "TheEnvironmentsAlarmsPublish"]);
  expect(statement(attributes.Policy, "DenyPublishingWithoutTls")).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });

  const keyPolicy = (await aws.kms.send(new GetKeyPolicyCommand({ KeyId: alertsKey, PolicyName: "default" }))).Policy;
  expect(statement(keyPolicy, "EventBridgePublishesToTheAlertTopic")).toMatchObject({
    Principal: { Service: "events.amazonaws.com" },
    Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": topicArn } },
  });
  expect((await aws.kms.send(new GetKeyRotationStatusCommand({ KeyId: alertsKey }))).KeyRotationEnabled).toBe(true);
  const subs = await aws.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  expect(subs.Subscriptions?.map((s) => [s.Protocol, s.Endpoint])).toEqual([["email", "security-alerts@example.com"]]);
});

test("the trail bucket: the trail's key, versioning, public access blocked, access logs, retention, CloudTrail bound by aws:SourceArn", async () => {
  const trailKey = await keyArnOf("sds/dev/cloudtrail");
  const encryption = await aws.s3.send(new GetBucketEncryptionCommand({ Bucket: TRAIL_BUCKET }));
  expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]).toMatchObject({
    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: trailKey }, BucketKeyEnabled: true,
  });
  expect((await aws.s3.send(new GetBucketVersioningCommand({ Bucket: TRAIL_BUCKET }))).Status).toBe("Enabled");
  expect((await aws.s3.send(new GetPublicAccessBlockCommand({ Bucket: TRAIL_BUCKET }))).PublicAccessBlockConfiguration).toEqual({
    BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true,
  });
  const logging = await aws.s3.send(new GetBucketLoggingCommand({ Bucket: TRAIL_BUCKET }));
  expect(logging.LoggingEnabled).toMatchObject({ TargetBucket: ACCESS_LOG_BUCKET, TargetPrefix: `${TRAIL_BUCKET}/` });
  const logPolicy = (await aws.s3.send(new GetBucketPolicyCommand({ Bucket: ACCESS_LOG_BUCKET }))).Policy;
  expect(statement(logPolicy, "S3ServerAccessLogDelivery").Condition.ArnLike["aws:SourceArn"]).toEqual([`arn:aws:s3:::${TRAIL_BUCKET}`]);
  const lifecycle = await aws.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: TRAIL_BUCKET }));
  expect(lifecycle.Rules?.[0].Expiration?.Days).toBe(2557);

  const policy = (await aws.s3.send(new GetBucketPolicyCommand({ Bucket: TRAIL_BUCKET }))).Policy;
  expect(statement(policy, "CloudTrailChecksTheBucketAcl")).toMatchObject({
    Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
  });
  expect(statement(policy, "CloudTrailWritesLogFiles")).toMatchObject({
    Action: "s3:PutObject", Resource: `arn:aws:s3:::${TRAIL_BUCKET}/AWSLogs/${ACCOUNT}/*`,
    Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN, "s3:x-amz-acl": "bucket-owner-full-control" } },
  });
  expect(statement(policy, "DenyInsecureTransport")).toBeDefined();
  expect(statement(policy, "DenyAccessOutsideVpcEndpoint")).toBeUndefined();

  const keyPolicy = (await aws.kms.send(new GetKeyPolicyCommand({ KeyId: trailKey, PolicyName: "default" }))).Policy;
  expect(statement(keyPolicy, "CloudTrailEncryptsThisTrailsFiles").Condition).toEqual({
    StringEquals: { "aws:SourceArn": TRAIL_ARN },
    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/sds-dev-trail` },
  });
  expect((await aws.kms.send(new GetKeyRotationStatusCommand({ KeyId: trailKey }))).KeyRotationEnabled).toBe(true);
});

test("the delivery role can be assumed only by this trail and writes only the trail's log streams", async () => {
  const role = await aws.iam.send(new GetRoleCommand({ RoleName: "sds-dev-trail-to-cloudwatch-logs" }));
  const trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? "{}"));
  expect(trust.Statement[0].Condition.StringEquals).toEqual({ "aws:SourceArn": TRAIL_ARN, "aws:SourceAccount": ACCOUNT });
  const inline = await aws.iam.send(new GetRolePolicyCommand({ RoleName: "sds-dev-trail-to-cloudwatch-logs", PolicyName: "deliver-to-trail-log-group" }));
  const doc = JSON.parse(decodeURIComponent(inline.PolicyDocument ?? "{}"));
  expect(doc.Statement[0].Resource).toBe(`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/sds/dev/cloudtrail:log-stream:${ACCOUNT}_CloudTrail_*`);
});

test("a second plan shows no changes", async () => {
  const plan = await run.plan(PLATFORM, AUDIT);
  expect(plan.stdout).toContain("No changes.");
  expect(plan.changes).toBe(false);
});

test("destroy (delete-if-empty) stops at the access-log bucket holding logs; delete-with-data then leaves no audit resource", async () => {
  // moto, like S3, writes server access logs of the trail bucket (Terraform's own calls included): evidence.
  await aws.s3.send(new GetBucketPolicyCommand({ Bucket: TRAIL_BUCKET }));
  const logs = await aws.s3.send(new ListObjectVersionsCommand({ Bucket: ACCESS_LOG_BUCKET }));
  expect(logs.Versions?.length).toBeGreaterThan(0);
  const tf = run.terraform(PLATFORM);
  const refused = await run.destroy(PLATFORM, AUDIT).then(() => "destroyed", (e: Error) => e.message);
  expect(refused).toMatch(/BucketNotEmpty/);
  const logBucket = (await tf.stateList()).filter((a) => a.startsWith("aws_s3_bucket."));
  expect(logBucket).toEqual([expect.stringMatching(/^aws_s3_bucket\.audit_trail_access-logs_bucket_/)]);

  // The deliberate way to drop the evidence: switch the environment to delete-with-data, apply that, destroy.
  const dataProtection = { ...configWith().environments[0].dataProtection, bucketsOnDestroy: "delete-with-data" };
  run.reconfigure(configWith({ dataProtection }));
  await tf.apply(logBucket.map((a) => `-target=${a}`));
  await run.destroy(PLATFORM, AUDIT);
  expect(await tf.stateList()).toEqual([]);
  const groups = await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/sagemaker/" }));
  expect(groups.logGroups ?? []).toEqual([]);
  const buckets = (await aws.s3.send(new ListBucketsCommand({}))).Buckets ?? [];
  expect(buckets.map((b) => b.Name).filter((n) => n?.startsWith("sds-dev-cloudtrail"))).toEqual([]);
  const topics = (await aws.sns.send(new ListTopicsCommand({}))).Topics ?? [];
  expect(topics.map((t) => t.TopicArn)).not.toContain(topicArn);
});
