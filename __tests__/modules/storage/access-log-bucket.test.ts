/** The one access-log bucket recipe, read back from the synthesized Terraform JSON. */
import { Testing } from "cdktf";
import { AccessLogBucket } from "../../../lib/constructs/storage/access-log-bucket";
import { OnDestroy, SecureBucket } from "../../../lib/constructs/storage/secure-bucket";

const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
const BREAK_GLASS = "arn:aws:iam::123456789012:role/break-glass";
const DEPLOY = "arn:aws:iam::123456789012:role/terraform";

function synth(onDestroy?: OnDestroy) {
  const json = JSON.parse(Testing.synthScope((stack) => {
    const logs = new AccessLogBucket(stack, "access-logs", {
      scope, bucketName: "b-logs", sourceBucketNames: ["b-data", "b-models"], retentionDays: 400,
      evidence: { breakGlassArns: [BREAK_GLASS], configurationArns: [DEPLOY, BREAK_GLASS] }, onDestroy,
    });
    new SecureBucket(stack, "data", {
      scope, bucketName: "b-data", encryption: { s3ManagedBecause: "test" }, vpcEndpoint: "none", accessLogs: { target: logs },
    });
  }));
  const of = (type: string) => Object.entries<any>(json.resource[type] ?? {}).filter(([id]) => id.startsWith("access-logs_")).map(([, r]) => r);
  return { json, of };
}

test("SSE-S3 (the only encryption server access logging delivers into), not logged itself, logs expire", () => {
  const { of, json } = synth();
  expect(of("aws_s3_bucket_server_side_encryption_configuration")[0].rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
  expect(of("aws_s3_bucket_logging")).toEqual([]);
  expect(Object.keys(json.resource.aws_s3_bucket_logging)).toEqual([expect.stringMatching(/^data_access-logs_/)]);
  expect(of("aws_s3_bucket_lifecycle_configuration")[0].rule[0]).toMatchObject({
    expiration: [{ days: 400 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }],
  });
});

test("the logging service may write for the named sources only; only break-glass deletes logs; only deploy and break-glass reconfigure; no VPC restriction", () => {
  const policy = JSON.parse(synth().of("aws_s3_bucket_policy")[0].policy);
  const sid = (id: string) => policy.Statement.find((s: any) => s.Sid === id);
  expect(policy.Statement[0].Sid).toBe("S3ServerAccessLogDelivery");
  expect(sid("S3ServerAccessLogDelivery").Condition.ArnLike["aws:SourceArn"]).toEqual(["arn:aws:s3:::b-data", "arn:aws:s3:::b-models"]);
  expect(sid("DenyEvidenceTampering").Condition.ArnNotLike["aws:PrincipalArn"]).toEqual([BREAK_GLASS]);
  expect(sid("DenyEvidenceConfigurationChanges")).toMatchObject({ Resource: "arn:aws:s3:::b-logs",
    Condition: { ArnNotLike: { "aws:PrincipalArn": [DEPLOY, BREAK_GLASS] } } });
  expect(sid("DenyEvidenceConfigurationChanges").Action).toEqual(expect.arrayContaining(["s3:PutLifecycleConfiguration", "s3:DeleteBucketPolicy", "s3:PutBucketVersioning", "s3:DeleteBucket"]));
  expect(sid("DenyAccessOutsideVpcEndpoint")).toBeUndefined();
});

test("audit evidence nobody may configure is refused (only the account's root user could then delete the policy)", () => {
  expect(() => Testing.synthScope((stack) => new AccessLogBucket(stack, "l", {
    scope, bucketName: "b-logs", sourceBucketNames: ["b-data"], retentionDays: 1, evidence: { breakGlassArns: [], configurationArns: [] },
  }))).toThrow(/b-logs: audit evidence needs at least one principal that may configure the bucket/);
});

test("what destroy does follows onDestroy (default: delete only when empty)", () => {
  expect(synth().of("aws_s3_bucket")[0]).toMatchObject({ force_destroy: false });
  expect(synth("delete-with-data").of("aws_s3_bucket")[0]).toMatchObject({ force_destroy: true });
  expect(synth("retain").of("aws_s3_bucket")[0].lifecycle).toEqual({ prevent_destroy: true });
});
