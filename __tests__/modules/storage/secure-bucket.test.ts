/** The SecureBucket contract, read back from the synthesized Terraform JSON. */
import { Testing } from "cdktf";
import { SecureBucket, SecureBucketProps } from "../../../lib/constructs/storage/secure-bucket";
import { AccessLogBucket } from "../../../lib/constructs/storage/access-log-bucket";

const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";

/** Synthesizes an access-log bucket and a data bucket logging into it; returns the resources by type (values only). */
function synth(data: Partial<SecureBucketProps> = {}) {
  const json = JSON.parse(Testing.synthScope((stack) => {
    const logBucket = new AccessLogBucket(stack, "logs", {
      scope, bucketName: "b-logs", sourceBucketNames: ["b-data"], retentionDays: 365, evidence: { breakGlassArns: [], configurationArns: ["arn:aws:iam::123456789012:role/terraform"] },
    });
    new SecureBucket(stack, "data", {
      scope, bucketName: "b-data", encryption: { kmsKeyArn: KEY },
      vpcEndpoint: { endpointId: "vpce-123", exemptPrincipalArns: ["arn:aws:iam::123456789012:role/terraform"] },
      accessLogs: { target: logBucket }, lifecycle: { noncurrentVersionDays: 90 }, ...data,
    });
  }));
  const byType = (type: string) => Object.entries(json.resource[type] ?? {}) as [string, any][];
  const of = (type: string, bucket: "logs" | "data") => byType(type).find(([id]) => id.startsWith(`${bucket}_`))?.[1];
  const policyOf = (bucket: "logs" | "data") => JSON.parse(of("aws_s3_bucket_policy", bucket).policy);
  return { json, byType, of, policyOf };
}

test("each bucket gets versioning, all four public-access blocks, ACLs disabled", () => {
  const { of } = synth();
  for (const b of ["logs", "data"] as const) {
    expect(of("aws_s3_bucket_versioning", b).versioning_configuration).toEqual({ status: "Enabled" });
    expect(of("aws_s3_bucket_public_access_block", b)).toMatchObject({
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    expect(of("aws_s3_bucket_ownership_controls", b).rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  }
});

test("data buckets use SSE-KMS with the given key and the bucket key; the log bucket SSE-S3", () => {
  const { of } = synth();
  expect(of("aws_s3_bucket_server_side_encryption_configuration", "data").rule).toEqual([{
    apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY }, bucket_key_enabled: true,
  }]);
  expect(of("aws_s3_bucket_server_side_encryption_configuration", "logs").rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
});

test("the data bucket policy: TLS only, TLS 1.2+, only its key, no SSE-C, only through the endpoint except the admins", () => {
  const { policyOf } = synth();
  const statements = policyOf("data").Statement;
  expect(statements.map((s: any) => [s.Sid, s.Effect, s.Principal])).toEqual([
    ["DenyInsecureTransport", "Deny", "*"], ["DenyOutdatedTls", "Deny", "*"], ["DenyUploadsWithAnotherKmsKey", "Deny", "*"],
    ["DenyKmsUploadsWithoutKeyId", "Deny", "*"], ["DenyUploadsWithOtherEncryption", "Deny", "*"], ["DenyCustomerProvidedKeys", "Deny", "*"],
    ["DenyAccessOutsideVpcEndpoint", "Deny", "*"],
  ]);
  // aws:kms without a key id would land under the AWS-managed aws/s3 key.
  expect(statements.find((s: any) => s.Sid === "DenyKmsUploadsWithoutKeyId").Condition).toEqual({
    StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" },
    BoolIfExists: { "aws:PrincipalIsAWSService": false } });
  const sid = (id: string) => statements.find((s: any) => s.Sid === id);
  expect(sid("DenyInsecureTransport")).toMatchObject({ Action: "s3:*", Resource: ["arn:aws:s3:::b-data", "arn:aws:s3:::b-data/*"], Condition: { Bool: { "aws:SecureTransport": false } } });
  expect(sid("DenyOutdatedTls").Condition).toEqual({ NumericLessThan: { "s3:TlsVersion": 1.2 } });
  expect(sid("DenyUploadsWithAnotherKmsKey")).toMatchObject({ Action: "s3:PutObject", Resource: "arn:aws:s3:::b-data/*", Condition: {
    StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" } } });
  expect(sid("DenyUploadsWithOtherEncryption").Condition.StringNotEquals).toEqual({ "s3:x-amz-server-side-encryption": "aws:kms" });
  expect(sid("DenyCustomerProvidedKeys").Condition).toEqual({ Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } });
  expect(sid("DenyAccessOutsideVpcEndpoint")).toMatchObject({ Action: "s3:*", Condition: {
    StringNotEquals: { "aws:SourceVpce": "vpce-123" }, ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::123456789012:role/terraform"] } } });
  expect(statements.filter((s: any) => s.Effect === "Allow")).toEqual([]);
});

test("without the endpoint restriction there is no endpoint statement; caller statements come first", () => {
  const { policyOf } = synth();
  const sids = policyOf("logs").Statement.map((s: any) => s.Sid);
  expect(sids).toEqual(["S3ServerAccessLogDelivery", "DenyInsecureTransport", "DenyOutdatedTls", "DenyUploadsWithOtherEncryption", "DenyCustomerProvidedKeys", "DenyEvidenceTampering", "DenyEvidenceConfigurationChanges"]);
  expect(policyOf("logs").Statement.find((s: any) => s.Sid === "DenyUploadsWithOtherEncryption").Condition.StringNotEquals)
    .toEqual({ "s3:x-amz-server-side-encryption": "AES256" });
});

test("an endpoint restriction without administrators denies everyone outside the endpoint", () => {
  const { policyOf } = synth({ vpcEndpoint: { endpointId: "vpce-9", exemptPrincipalArns: [] } });
  expect(policyOf("data").Statement.find((s: any) => s.Sid === "DenyAccessOutsideVpcEndpoint").Condition).toEqual({ StringNotEquals: { "aws:SourceVpce": "vpce-9" } });
});

test("access logs go to the log bucket under the bucket's name, after the log bucket's policy is in force", () => {
  const { byType, of } = synth();
  const logging = byType("aws_s3_bucket_logging");
  expect(logging).toHaveLength(1);
  expect(logging[0][1]).toMatchObject({ target_bucket: expect.stringContaining("aws_s3_bucket.logs_bucket_"), target_prefix: "b-data/" });
  expect(logging[0][1].depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.logs_policy_/)]);
  expect(of("aws_s3_bucket_policy", "data").depends_on).toEqual([expect.stringMatching(/public_access_block/), expect.stringMatching(/ownership_controls/)]);
});

test("lifecycle: multipart uploads aborted after 7 days, noncurrent versions and logs expire as configured", () => {
  const { of } = synth();
  expect(of("aws_s3_bucket_lifecycle_configuration", "data").rule).toEqual([{
    id: "housekeeping", status: "Enabled", filter: [{ prefix: "" }],
    abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }], noncurrent_version_expiration: [{ noncurrent_days: 90 }],
  }]);
  expect(of("aws_s3_bucket_lifecycle_configuration", "logs").rule[0].expiration).toEqual([{ days: 365 }]);
});

test.each([
  ["delete-if-empty", false, undefined],
  ["delete-with-data", true, undefined],
  ["retain", false, { prevent_destroy: true }],
] as const)("onDestroy %s: force_destroy %s, lifecycle %j", (onDestroy, force, lifecycle) => {
  const { of } = synth({ onDestroy });
  expect(of("aws_s3_bucket", "data").force_destroy).toBe(force);
  expect(of("aws_s3_bucket", "data").lifecycle).toEqual(lifecycle);
});
