/**
 * The audit layer's resource policies, as synthesized, evaluated by an IAM simulator for the AWS service principals
 * that use them: each `aws:SourceArn` / encryption-context condition has an allowed and a refused case.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { configWith, resources, synthConfig } from "../helpers/synth";

const ACCOUNT = "123456789012";
const TRAIL = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/sds-dev-trail`;
const OTHER_TRAIL = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/someone-elses-trail`;
const BUCKET = `sds-dev-cloudtrail-${ACCOUNT}`;
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:sds-dev-security-alerts`;
const RULE = `arn:aws:events:eu-west-1:${ACCOUNT}:rule/sds-dev-sagemaker-noncompliant-create`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;

const platform = synthConfig(configWith(), "audit-sim").stack("dev-platform");
const find = (type: string, match: (r: Record<string, any>) => boolean, attribute: string) => {
  const found = resources(platform, type).filter(([, r]) => match(r));
  expect(found).toHaveLength(1);
  // Key ARNs are the only references (Terraform fills them in); everything else is computed names, as deployed.
  const text = (found[0][1][attribute] as string).replace(/\$\{aws_kms_key\.[^.}]+\.arn\}/g, KEY);
  expect(text).not.toContain("${");
  return JSON.parse(text);
};
const trailBucketPolicy = find("aws_s3_bucket_policy", (r) => JSON.stringify(r.policy).includes(`arn:aws:s3:::${BUCKET}/AWSLogs`), "policy");
const trailKeyPolicy = find("aws_kms_key", (r) => r.description.includes("CloudTrail log and digest files"), "policy");
const topicPolicy = find("aws_sns_topic_policy", () => true, "policy");
const deliveryTrust = find("aws_iam_role", (r) => r.name === "sds-dev-trail-to-cloudwatch-logs", "assume_role_policy");

async function decide(principal: string, action: string, resource: string, resourcePolicy: unknown, context: Record<string, string>) {
  const response = await runSimulation({
    request: { principal, action, resource: { accountId: ACCOUNT, resource }, contextVariables: { "aws:SecureTransport": "true", ...context } },
    identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: resourcePolicy as any,
  }, {});
  if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
  return response.overallResult;
}

describe("trail bucket policy", () => {
  const put = (sourceArn: string, key = `AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1/2026/11/26/f.json.gz`, extra: Record<string, string> = {}) =>
    decide("cloudtrail.amazonaws.com", "s3:PutObject", `arn:aws:s3:::${BUCKET}/${key}`, trailBucketPolicy, {
      "aws:SourceArn": sourceArn, "s3:x-amz-acl": "bucket-owner-full-control", "s3:TlsVersion": "1.3",
      "s3:x-amz-server-side-encryption": "aws:kms", "aws:PrincipalIsAWSService": "true", ...extra,
    });

  test("CloudTrail writes this trail's log and digest files under AWSLogs/<account>/", async () => {
    expect(await put(TRAIL)).toBe("Allowed");
    expect(await put(TRAIL, `AWSLogs/${ACCOUNT}/CloudTrail-Digest/eu-west-1/2026/11/26/d.json.gz`)).toBe("Allowed");
  });

  test("another trail, another account's prefix, or an upload without bucket-owner-full-control is refused", async () => {
    expect(await put(OTHER_TRAIL)).not.toBe("Allowed");
    expect(await put(TRAIL, "AWSLogs/999999999999/CloudTrail/eu-west-1/f.json.gz")).not.toBe("Allowed");
    expect(await put(TRAIL, undefined, { "s3:x-amz-acl": "private" })).not.toBe("Allowed");
  });

  test("an upload asking for SSE-S3 instead of the trail key is denied", async () => {
    expect(await put(TRAIL, undefined, { "s3:x-amz-server-side-encryption": "AES256" })).toBe("ExplicitlyDenied");
  });

  test("only this trail checks the bucket ACL", async () => {
    const acl = (sourceArn: string) => decide("cloudtrail.amazonaws.com", "s3:GetBucketAcl", `arn:aws:s3:::${BUCKET}`, trailBucketPolicy, { "aws:SourceArn": sourceArn, "s3:TlsVersion": "1.3" });
    expect(await acl(TRAIL)).toBe("Allowed");
    expect(await acl(OTHER_TRAIL)).not.toBe("Allowed");
  });
});

// The simulator (iam-simulate 0.1.173) ignores kms:EncryptionContext:* keys, so the encryption-context conditions
// of the key policies are checked on the synthesized JSON (audit.test.ts); aws:SourceArn is simulated here.
describe("trail key policy", () => {
  const use = (action: string, sourceArn: string) => decide("cloudtrail.amazonaws.com", action, KEY, trailKeyPolicy, { "aws:SourceArn": sourceArn });

  test("CloudTrail describes the key for this trail only", async () => {
    expect(await use("kms:DescribeKey", TRAIL)).toBe("Allowed");
    expect(await use("kms:DescribeKey", OTHER_TRAIL)).not.toBe("Allowed");
  });

  test("another trail cannot make data keys with it", async () => {
    expect(await use("kms:GenerateDataKey", OTHER_TRAIL)).not.toBe("Allowed");
    expect(await use("kms:Decrypt", OTHER_TRAIL)).not.toBe("Allowed");
  });
});

describe("the detective control", () => {
  test("only the rule publishes to the topic, and only over TLS", async () => {
    const publish = (sourceArn: string, tls = "true") =>
      decide("events.amazonaws.com", "sns:Publish", TOPIC, topicPolicy, { "aws:SourceArn": sourceArn, "aws:SecureTransport": tls });
    expect(await publish(RULE)).toBe("Allowed");
    expect(await publish(`arn:aws:events:eu-west-1:${ACCOUNT}:rule/another-rule`)).not.toBe("Allowed");
    expect(await publish(RULE, "false")).toBe("ExplicitlyDenied");
  });

});

test("only this trail of this account assumes the delivery role", async () => {
  const role = `arn:aws:iam::${ACCOUNT}:role/sds-dev-trail-to-cloudwatch-logs`;
  const assume = (sourceArn: string, sourceAccount = ACCOUNT) =>
    decide("cloudtrail.amazonaws.com", "sts:AssumeRole", role, deliveryTrust, { "aws:SourceArn": sourceArn, "aws:SourceAccount": sourceAccount });
  expect(await assume(TRAIL)).toBe("Allowed");
  expect(await assume(OTHER_TRAIL)).not.toBe("Allowed");
  expect(await assume(TRAIL, "999999999999")).not.toBe("Allowed");
});
