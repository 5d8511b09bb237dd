/**
 * The audit layer in the synthesized Terraform JSON: the trail and its key, buckets and delivery role, SageMaker's
 * log groups, the detective control, the organization-trail switch, and the config rules that guard them.
 */
import { validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { nonCompliantSageMakerCreatePattern, watchedEventNames } from "../../lib/constructs/audit/sagemaker-create-checks";
import { configWith, resources, synthConfig, trailRecordsObject } from "../helpers/synth";

const ACCOUNT = "123456789012";
const TRAIL_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/sds-dev-trail`;
const one = (stack: Record<string, any>, type: string, match: (r: Record<string, any>) => boolean = () => true) => {
  const found = resources(stack, type).filter(([, r]) => match(r));
  expect(found).toHaveLength(1);
  return found[0];
};
/** The environment's own buckets in its `sds-dev-` namespace, left out of the data events. */
const EXCLUDED = ["cloudtrail", "cloudtrail-access-logs", "tfstate", "tfstate-logs"].map((b) => `arn:aws:s3:::sds-dev-${b}-${ACCOUNT}/`);

const statements = (json: string) => JSON.parse(json).Statement as Record<string, any>[];
const sid = (json: string, id: string): Record<string, any> => statements(json).find((s) => s.Sid === id) as Record<string, any>;

function configError(envChanges: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  try {
    configWith(envChanges, top);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the config was accepted");
}

describe("config rules", () => {
  test.each([
    [{ audit: { trail: "organization" } }, "audit.organizationTrailArn: with trail \"organization\""],
    [{ audit: { trail: "account", organizationTrailArn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/org" } }, "audit.organizationTrailArn: an organization trail ARN is only used with trail \"organization\""],
    [{ audit: { trail: "organization", organizationTrailArn: "org-trail" } }, "audit.organizationTrailArn: must be a trail ARN"],
    [{ audit: { trail: "both" } }, "audit.trail: must be \"account\""],
    [{ audit: { alertSubscriptions: [{ protocol: "http", endpoint: "http://alerts.example.com" }] } }, "audit.alertSubscriptions[0].protocol: must be one of email, email-json, https, sqs, lambda (plain http is refused"],
    [{ audit: { alertSubscriptions: [{ protocol: "email", endpoint: "security-team" }] } }, "audit.alertSubscriptions[0].endpoint: \"security-team\" is not a valid email endpoint"],
    [{ audit: { alertSubscriptions: [{ protocol: "https", endpoint: "http://alerts.example.com/x" }] } }, "audit.alertSubscriptions[0].endpoint: \"http://alerts.example.com/x\" is not a valid https endpoint"],
    [{ audit: { alertSubscriptions: [{ protocol: "sqs", endpoint: "security-alerts" }] } }, "is not a valid sqs endpoint (e.g. arn:aws:sqs:"],
    [{ audit: { alertSubscriptions: [{ protocol: "lambda", endpoint: "arn:aws:lambda:eu-west-1:123456789012:triage" }] } }, "is not a valid lambda endpoint"],
    [{ audit: { alertSubscriptions: [{ protocol: "email", endpoint: "a@example.com" }, { protocol: "email", endpoint: "a@example.com" }] } }, "audit.alertSubscriptions[1]: email a@example.com is subscribed twice"],
    [{ audit: { trailFileRetentionDays: 90 } }, "audit.trailFileRetentionDays: trail files must be kept at least 365 days"],
    [{ audit: { trailObjectLock: { retentionDays: 0 } } }, "audit.trailObjectLock.retentionDays: must be at least 1 day"],
    [{ audit: { trailObjectLock: { retentionDays: 36501 } } }, "audit.trailObjectLock.retentionDays: must be at most 36500 days (100 years, S3's limit)"],
    [{ audit: { trailObjectLock: { retentionDays: 30.5 } } }, "audit.trailObjectLock.retentionDays: expected int, got 30.5"],
    [{ audit: { trailObjectLock: { retentionDays: "365" } } }, "audit.trailObjectLock.retentionDays: expected number, got \"365\""],
    [{ audit: { trailObjectLock: { days: 365 } } }, "audit.trailObjectLock: unknown field \"days\""],
    [{ audit: { trailObjectLock: { retentionDays: 3000 } } }, "audit.trailObjectLock.retentionDays: files would stay locked 3000 days but expire after trailFileRetentionDays (2557); lock them for at most 2557 days, or keep them longer"],
    [{ audit: { trail: "organization", organizationTrailArn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/org", trailObjectLock: { retentionDays: 365 } } },
      "audit.trailObjectLock: Object Lock applies to the environment's own trail bucket, and with trail \"organization\" there is none"],
    [{ audit: { trail: "organization", organizationTrailArn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/org", cisAlarms: true } },
      "audit.cisAlarms: the CIS alarms watch the environment's own trail log group, and with trail \"organization\" there is none in this account"],
    [{ audit: { cisAlarms: "yes" } }, "audit.cisAlarms: expected boolean"],
  ])("rejects %j", (changes, message) => {
    expect(configError(changes)).toContain(message);
  });

  test("two environments in one account and region cannot both own SageMaker's log groups", () => {
    const base = DEFAULT_CONFIG.environments[0];
    const second = { ...base, name: "test", network: { vpcCidr: "10.40.0.0/16" }, projects: [] };
    const message = configError({}, { environments: [base, second] } as any);
    expect(message).toContain("environments[1].audit.sageMakerLogGroups: environments[0] already creates SageMaker's log groups");
    expect(() => validateConfig({ ...DEFAULT_CONFIG, environments: [base, { ...second, audit: { sageMakerLogGroups: false } }] })).not.toThrow();
  });

  test("accepts every protocol with a well-formed endpoint", () => {
    const subs = [
      { protocol: "email", endpoint: "soc@example.com" }, { protocol: "email-json", endpoint: "siem@example.com" },
      { protocol: "https", endpoint: "https://alerts.example.com/sagemaker" },
      { protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-1:123456789012:alerts" },
      { protocol: "lambda", endpoint: "arn:aws:lambda:eu-west-1:123456789012:function:triage" },
    ];
    expect(configWith({ audit: { alertSubscriptions: subs } }).environments[0].audit.alertSubscriptions).toHaveLength(5);
  });
});

describe("the default config (account trail)", () => {
  const config = configWith({ projects: [{ name: "fraud" }, { name: "churn" }] });
  const synth = synthConfig(config, "audit-unit");
  const platform = synth.stack("dev-platform");

  test("one multi-region trail with global events, log file validation, the trail key and CloudWatch Logs delivery", () => {
    const [, trail] = one(platform, "aws_cloudtrail");
    expect(trail).toMatchObject({ name: "sds-dev-trail", is_multi_region_trail: true, include_global_service_events: true, enable_log_file_validation: true, enable_logging: true });
    const [keyId] = one(platform, "aws_kms_alias", (r) => r.name === "alias/sds/dev/cloudtrail");
    expect(trail.kms_key_id).toBe(`\${aws_kms_key.${platform.resource.aws_kms_alias[keyId].target_key_id.match(/aws_kms_key\.([^.]+)\./)[1]}.arn}`);
    const [groupId, group] = one(platform, "aws_cloudwatch_log_group", (r) => r.name === "/sds/dev/cloudtrail");
    expect(trail.cloud_watch_logs_group_arn).toBe(`\${aws_cloudwatch_log_group.${groupId}.arn}:*`);
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.logs-key_/);
    const [bucketId] = one(platform, "aws_s3_bucket", (r) => r.bucket === `sds-dev-cloudtrail-${ACCOUNT}`);
    expect(trail.s3_bucket_name).toBe(`\${aws_s3_bucket.${bucketId}.bucket}`);
    const [policyId] = one(platform, "aws_s3_bucket_policy", (r) => r.bucket === `\${aws_s3_bucket.${bucketId}.id}`);
    expect(trail.depends_on).toContain(`aws_s3_bucket_policy.${policyId}`);
  });

  test("management events and S3 data events (read and write) of every project's buckets, not the trail's or the state's", () => {
    const [, trail] = one(platform, "aws_cloudtrail");
    const [management, data] = trail.advanced_event_selector;
    expect(management.field_selector).toEqual([{ field: "eventCategory", equals: ["Management"] }]);
    expect(data.field_selector).toEqual([
      { field: "eventCategory", equals: ["Data"] },
      { field: "resources.type", equals: ["AWS::S3::Object"] },
      { field: "resources.ARN", starts_with: ["arn:aws:s3:::sds-dev-"], not_starts_with: EXCLUDED },
    ]);
    // What CloudTrail records, evaluated the way it matches: every project bucket's objects, none of the others'.
    const recorded = (bucket: string) => trailRecordsObject(trail, `arn:aws:s3:::${bucket}/some/key`);
    const all = [platform, synth.stack("dev-state"), synth.stack("dev-project-fraud"), synth.stack("dev-project-churn")]
      .flatMap((stack) => resources(stack, "aws_s3_bucket").map(([, r]) => r.bucket as string));
    expect(all.filter(recorded).sort()).toEqual(["fraud", "churn"].flatMap((p) => ["access-logs", "data", "models"].map((k) => `sds-dev-${p}-${k}-${ACCOUNT}`)).sort());
    // A project whose name begins like an excluded bucket keeps its events (the exclusions end with the bucket's "/").
    expect(recorded(`sds-dev-cloudtrail-data-${ACCOUNT}`)).toBe(true);
    // No readOnly selector: reads and writes are both recorded.
    expect(JSON.stringify(trail.advanced_event_selector)).not.toContain("readOnly");
    // The data-event buckets are computed from names: the platform reads nothing from project stacks.
    expect(platform.data?.terraform_remote_state).toBeUndefined();
    // ...and they are the names the project stacks give their buckets.
    for (const p of ["fraud", "churn"]) {
      const names = resources(synth.stack(`dev-project-${p}`), "aws_s3_bucket").map(([, r]) => r.bucket);
      expect(names).toEqual(expect.arrayContaining([`sds-dev-${p}-data-${ACCOUNT}`, `sds-dev-${p}-models-${ACCOUNT}`]));
    }
  });

  test("the trail bucket: the secure bucket with the trail's key, logging to its own access-log bucket, CloudTrail bound to this trail", () => {
    const [bucketId] = one(platform, "aws_s3_bucket", (r) => r.bucket === `sds-dev-cloudtrail-${ACCOUNT}`);
    const ref = `\${aws_s3_bucket.${bucketId}.id}`;
    const [, encryption] = one(platform, "aws_s3_bucket_server_side_encryption_configuration", (r) => r.bucket === ref);
    expect(encryption.rule[0].apply_server_side_encryption_by_default).toMatchObject({ sse_algorithm: "aws:kms", kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.audit_trail_key_/) });
    const [, logging] = one(platform, "aws_s3_bucket_logging", (r) => r.bucket === ref);
    const [logBucketId] = one(platform, "aws_s3_bucket", (r) => r.bucket === `sds-dev-cloudtrail-access-logs-${ACCOUNT}`);
    expect(logging.target_bucket).toBe(`\${aws_s3_bucket.${logBucketId}.bucket}`);
    expect(logging.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.audit_trail_access-logs_policy_/)]);
    const [, lifecycle] = one(platform, "aws_s3_bucket_lifecycle_configuration", (r) => r.bucket === ref);
    expect(lifecycle.rule[0].expiration).toEqual([{ days: 2557 }]);
    const [, policy] = one(platform, "aws_s3_bucket_policy", (r) => r.bucket === ref);
    expect(sid(policy.policy, "CloudTrailChecksTheBucketAcl")).toMatchObject({ Action: "s3:GetBucketAcl", Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } } });
    expect(sid(policy.policy, "CloudTrailWritesLogFiles")).toMatchObject({
      Resource: `arn:aws:s3:::sds-dev-cloudtrail-${ACCOUNT}/AWSLogs/${ACCOUNT}/*`,
      Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN, "s3:x-amz-acl": "bucket-owner-full-control" } },
    });
    expect(sid(policy.policy, "DenyInsecureTransport")).toBeDefined();
    // CloudTrail delivers from outside the VPC: no endpoint restriction on this bucket.
    expect(sid(policy.policy, "DenyAccessOutsideVpcEndpoint")).toBeUndefined();
  });

  test("the trail key: CloudTrail may use it for this trail only; account principals decrypt its files", () => {
    const [, key] = one(platform, "aws_kms_key", (r) => r.description.includes("CloudTrail log and digest files"));
    expect(key.enable_key_rotation).toBe(true);
    const cloudtrail = statements(key.policy).filter((s) => s.Principal?.Service === "cloudtrail.amazonaws.com");
    expect(cloudtrail.map((s) => s.Sid).sort()).toEqual(["CloudTrailDescribesTheKey", "CloudTrailEncryptsThisTrailsFiles", "CloudTrailUsesTheTrailBucketKey"]);
    for (const s of cloudtrail) expect(s.Condition.StringEquals["aws:SourceArn"]).toBe(TRAIL_ARN);
    expect(sid(key.policy, "CloudTrailEncryptsThisTrailsFiles").Condition.StringLike).toEqual({ "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/sds-dev-trail` });
    expect(sid(key.policy, "AccountPrincipalsDecryptTrailFiles")).toMatchObject({ Action: ["kms:Decrypt", "kms:ReEncryptFrom"], Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } });
    // Administered by the configured Terraform role, like every key of the environment's projects.
    expect(sid(key.policy, "KeyAdministration").Principal.AWS).toEqual(["arn:aws:iam::123456789012:role/sds-terraform"]);
  });

  test("the delivery role: only this trail assumes it, and it writes the trail's log streams only", () => {
    const [roleId, role] = one(platform, "aws_iam_role", (r) => r.name === "sds-dev-trail-to-cloudwatch-logs");
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN, "aws:SourceAccount": ACCOUNT } },
    });
    const [, inline] = one(platform, "aws_iam_role_policy", (r) => r.role === `\${aws_iam_role.${roleId}.name}`);
    expect(JSON.parse(inline.policy).Statement).toEqual([{
      Sid: "WriteTheTrailsStreamsOnly", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/sds/dev/cloudtrail:log-stream:${ACCOUNT}_CloudTrail_*`,
    }]);
  });

  test("SageMaker's five log groups with the logs key, whose policy admits them and every per-endpoint group", () => {
    const groups = resources(platform, "aws_cloudwatch_log_group").map(([, r]) => r).filter((r) => r.name.startsWith("/aws/sagemaker/"));
    expect(groups.map((g) => g.name).sort()).toEqual(["Endpoints", "NotebookInstances", "ProcessingJobs", "TrainingJobs", "TransformJobs"].map((g) => `/aws/sagemaker/${g}`));
    const [, logsKey] = one(platform, "aws_kms_key", (r) => r.description.includes("CloudWatch log groups of the environment"));
    const admitted = sid(logsKey.policy, "CloudWatchLogsUseForOwnLogGroups").Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"];
    for (const g of [...groups.map((x) => x.name), "/sds/dev/cloudtrail", "/sds/dev/vpc-flow-logs", "/aws/sagemaker/Endpoints/*"]) {
      expect(admitted).toContain(`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${g}`);
    }
  });

  test("the detective control: the rule's pattern, the topic's own key, a topic policy for that rule only, the config's subscriptions", () => {
    const [ruleId, rule] = one(platform, "aws_cloudwatch_event_rule");
    expect(JSON.parse(rule.event_pattern)).toEqual(nonCompliantSageMakerCreatePattern());
    // EventBridge refuses patterns longer than 2048 characters in some regions' older quotas; stay below.
    expect(rule.event_pattern.length).toBeLessThanOrEqual(2048);
    const [topicId, topic] = one(platform, "aws_sns_topic");
    expect(topic.name).toBe("sds-dev-security-alerts");
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.audit_detective-control_key_/);
    const [, target] = one(platform, "aws_cloudwatch_event_target");
    expect(target).toMatchObject({ rule: `\${aws_cloudwatch_event_rule.${ruleId}.name}`, arn: `\${aws_sns_topic.${topicId}.arn}` });
    const [, topicPolicy] = one(platform, "aws_sns_topic_policy");
    const allows = statements(topicPolicy.policy).filter((s) => s.Effect === "Allow");
    expect(allows).toEqual([expect.objectContaining({
      Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish",
      Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:events:eu-west-1:${ACCOUNT}:rule/${rule.name}` } },
    }), expect.objectContaining({
      // The CIS section 4 alarms (__tests__/audit/cis-filters.test.ts), of this account only.
      Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish",
      Condition: { ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:sds-dev-cis-4.*` }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
    })]);
    const [, key] = one(platform, "aws_kms_key", (r) => r.description.includes("detective control"));
    expect(sid(key.policy, "EventBridgePublishesToTheAlertTopic")).toMatchObject({
      Principal: { Service: "events.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": `arn:aws:sns:eu-west-1:${ACCOUNT}:${topic.name}` } },
    });
    expect(resources(platform, "aws_sns_topic_subscription").map(([, s]) => [s.protocol, s.endpoint])).toEqual([["email", "security-alerts@example.com"]]);
  });

  test("the control watches the SageMaker create calls that take a VPC or network setting", () => {
    expect(watchedEventNames()).toEqual(expect.arrayContaining([
      "CreateNotebookInstance", "CreateTrainingJob", "CreateProcessingJob", "CreateHyperParameterTuningJob", "CreateModel",
      "CreateAutoMLJob", "CreateAutoMLJobV2", "CreateCompilationJob", "CreateDomain",
    ]));
  });

  test("outputs name the trail and give its selectors in the CloudTrail API's form", () => {
    expect(platform.output.trail_event_selectors.value[1].FieldSelectors[2]).toEqual({
      Field: "resources.ARN", StartsWith: ["arn:aws:s3:::sds-dev-"], NotStartsWith: EXCLUDED,
    });
    expect(Object.keys(platform.output.trail.value).sort()).toEqual(["arn", "bucket", "kms_key_arn", "log_group_arn"]);
  });

  test("no Object Lock unless the config asks for it", () => {
    expect(resources(platform, "aws_s3_bucket_object_lock_configuration")).toEqual([]);
    for (const [, bucket] of resources(platform, "aws_s3_bucket")) expect(bucket.object_lock_enabled).toBeUndefined();
  });
});

describe("an account trail with Object Lock (audit.trailObjectLock)", () => {
  const platform = synthConfig(configWith({ audit: { trail: "account", trailObjectLock: { retentionDays: 400 } } }), "audit-lock").stack("dev-platform");
  const trailBucket = `sds-dev-cloudtrail-${ACCOUNT}`;

  test("the trail bucket alone gets GOVERNANCE default retention, enabled after versioning", () => {
    const [[name, lock]] = resources(platform, "aws_s3_bucket_object_lock_configuration");
    const [bucketName] = one(platform, "aws_s3_bucket", (r) => r.bucket === trailBucket);
    const [versioningName] = one(platform, "aws_s3_bucket_versioning", (r) => r.bucket === `\${aws_s3_bucket.${bucketName}.id}`);
    expect(lock).toMatchObject({
      bucket: `\${aws_s3_bucket.${bucketName}.id}`,
      object_lock_enabled: "Enabled",
      rule: { default_retention: { mode: "GOVERNANCE", days: 400 } },
      depends_on: [`aws_s3_bucket_versioning.${versioningName}`],
    });
    expect(lock.rule.default_retention.years).toBeUndefined();
    expect(name).toMatch(/^audit_trail_bucket_object-lock_/);
  });

  test("the bucket itself is unchanged, so switching the lock on does not replace it (object_lock_enabled is ForceNew)", () => {
    const plain = synthConfig(configWith({ audit: { trail: "account" } }), "audit-nolock").stack("dev-platform");
    expect(platform.resource.aws_s3_bucket).toEqual(plain.resource.aws_s3_bucket);
  });

  test("the trail writes its first file only once the retention is in force, and the output says so", () => {
    const [lockName] = resources(platform, "aws_s3_bucket_object_lock_configuration")[0];
    const [, trail] = one(platform, "aws_cloudtrail");
    expect(trail.depends_on).toContain(`aws_s3_bucket_object_lock_configuration.${lockName}`);
    expect(platform.output.trail.value.object_lock).toEqual({ mode: "GOVERNANCE", retention_days: 400 });
  });
});

describe("an environment recorded by an organization trail", () => {
  const orgTrail = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail";
  const platform = synthConfig(configWith({ audit: { trail: "organization", organizationTrailArn: orgTrail } }), "audit-org").stack("dev-platform");

  test("makes no trail, trail key, trail buckets or trail log group, and says which trail it relies on", () => {
    expect(resources(platform, "aws_cloudtrail")).toEqual([]);
    expect(resources(platform, "aws_s3_bucket").map(([, r]) => r.bucket).filter((b: string) => b.includes("cloudtrail"))).toEqual([]);
    expect(resources(platform, "aws_cloudwatch_log_group").map(([, r]) => r.name)).not.toContain("/sds/dev/cloudtrail");
    expect(resources(platform, "aws_kms_alias").map(([, r]) => r.name)).not.toContain("alias/sds/dev/cloudtrail");
    expect(platform.output.trail.value).toEqual({ organization_trail_arn: orgTrail });
    const [, logsKey] = one(platform, "aws_kms_key", (r) => r.description.includes("CloudWatch log groups of the environment"));
    expect(logsKey.policy).not.toContain("/sds/dev/cloudtrail");
  });

  test("keeps the SageMaker log groups and the detective control", () => {
    expect(resources(platform, "aws_cloudwatch_log_group").filter(([, r]) => r.name.startsWith("/aws/sagemaker/"))).toHaveLength(5);
    expect(resources(platform, "aws_cloudwatch_event_rule")).toHaveLength(1);
    expect(resources(platform, "aws_sns_topic")).toHaveLength(1);
  });
});

test("an environment that leaves SageMaker's log groups to another environment creates none", () => {
  const platform = synthConfig(configWith({ audit: { sageMakerLogGroups: false } }), "audit-nolg").stack("dev-platform");
  expect(resources(platform, "aws_cloudwatch_log_group").map(([, r]) => r.name).filter((n: string) => n.startsWith("/aws/sagemaker/"))).toEqual([]);
});
