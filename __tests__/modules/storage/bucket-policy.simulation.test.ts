/**
 * The secure-bucket policy evaluated by an IAM simulator: a project role whose identity policy allows everything on
 * the bucket is still refused what the bucket policy denies. Each condition has an allowed and a denied case.
 */
import { runSimulation, Simulation } from "@cloud-copilot/iam-simulate";
import { policy } from "../../../lib/domain/policy/document";
import { accessLogDeliveryStatement, secureBucketStatements } from "../../../lib/constructs/storage/bucket-policy";

const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
const BUCKET = "sds-dev-fraud-data-123456789012";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const VPCE = "vpce-0a1b2c3d4e5f60718";
const ROLE = "arn:aws:iam::123456789012:role/sds-dev-fraud-notebook";
const ADMIN = "arn:aws:iam::123456789012:role/sds-terraform";

const bucketPolicy = policy(...secureBucketStatements({
  scope, bucketName: BUCKET, encryption: { kmsKeyArn: KEY }, vpcEndpoint: { endpointId: VPCE, exemptPrincipalArns: [ADMIN] },
}));

/** Context of a compliant request from a notebook in the VPC. */
const inVpc = { "aws:SecureTransport": "true", "s3:TlsVersion": "1.3", "aws:SourceVpce": VPCE };

async function decide(action: string, context: Record<string, string>, principal = ROLE, resourcePolicy = bucketPolicy, resource = `arn:aws:s3:::${BUCKET}/train/a.csv`) {
  const simulation: Simulation = {
    request: { principal, action, resource: { accountId: scope.accountId, resource }, contextVariables: { "aws:PrincipalArn": principal, ...context } },
    identityPolicies: [{ name: "everything-on-the-bucket", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] }] } }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: resourcePolicy as any,
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
  return response.overallResult;
}

test("a notebook role in the VPC reads and writes over TLS 1.2+ through the endpoint", async () => {
  expect(await decide("s3:GetObject", inVpc)).toBe("Allowed");
  expect(await decide("s3:PutObject", inVpc)).toBe("Allowed");
  expect(await decide("s3:PutObject", { ...inVpc, "s3:TlsVersion": "1.2" })).toBe("Allowed");
});

test("plain HTTP and TLS below 1.2 are refused", async () => {
  expect(await decide("s3:GetObject", { ...inVpc, "aws:SecureTransport": "false" })).toBe("ExplicitlyDenied");
  expect(await decide("s3:GetObject", { ...inVpc, "s3:TlsVersion": "1.1" })).toBe("ExplicitlyDenied");
});

test("requests not through the environment's S3 endpoint are refused, except for the administrators", async () => {
  const { "aws:SourceVpce": _, ...fromInternet } = inVpc;
  expect(await decide("s3:GetObject", fromInternet)).toBe("ExplicitlyDenied");
  expect(await decide("s3:GetObject", { ...inVpc, "aws:SourceVpce": "vpce-0ffffffffffffffff" })).toBe("ExplicitlyDenied");
  expect(await decide("s3:GetObject", fromInternet, ADMIN)).toBe("Allowed");
  expect(await decide("s3:GetBucketPolicy", fromInternet, ADMIN, bucketPolicy, `arn:aws:s3:::${BUCKET}`)).toBe("Allowed");
});

test("uploads naming another KMS key or another encryption are refused; naming the project key is fine", async () => {
  const header = "s3:x-amz-server-side-encryption";
  expect(await decide("s3:PutObject", { ...inVpc, [header]: "aws:kms", [`${header}-aws-kms-key-id`]: KEY })).toBe("Allowed");
  expect(await decide("s3:PutObject", { ...inVpc, [header]: "aws:kms", [`${header}-aws-kms-key-id`]: KEY.replace("1111", "9999") })).toBe("ExplicitlyDenied");
  expect(await decide("s3:PutObject", { ...inVpc, [header]: "AES256" })).toBe("ExplicitlyDenied");
  expect(await decide("s3:PutObject", { ...inVpc, [header]: "aws:kms:dsse" })).toBe("ExplicitlyDenied");
  expect(await decide("s3:PutObject", { ...inVpc, [`${header}-customer-algorithm`]: "AES256" })).toBe("ExplicitlyDenied");
});

test("the access-log bucket lets the logging service write for the project's buckets only, and refuses KMS uploads", async () => {
  const logBucket = "sds-dev-fraud-access-logs-123456789012";
  const logPolicy = policy(
    accessLogDeliveryStatement(scope, logBucket, [BUCKET]),
    ...secureBucketStatements({ scope, bucketName: logBucket, encryption: { s3ManagedBecause: "logging" }, vpcEndpoint: "none" }),
  );
  const service = async (sourceArn: string, sourceAccount = scope.accountId) => {
    const response = await runSimulation({
      request: { principal: "logging.s3.amazonaws.com", action: "s3:PutObject", resource: { accountId: scope.accountId, resource: `arn:aws:s3:::${logBucket}/${BUCKET}/2026-11-26` },
        contextVariables: { "aws:SecureTransport": "true", "s3:TlsVersion": "1.2", "aws:SourceArn": sourceArn, "aws:SourceAccount": sourceAccount } },
      identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: logPolicy as any,
    }, {});
    if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
    return response.overallResult;
  };
  expect(await service(`arn:aws:s3:::${BUCKET}`)).toBe("Allowed");
  expect(await service("arn:aws:s3:::someone-elses-bucket")).not.toBe("Allowed");
  expect(await service(`arn:aws:s3:::${BUCKET}`, "210987654321")).not.toBe("Allowed");
  expect(await decide("s3:PutObject", { ...inVpc, "s3:x-amz-server-side-encryption": "aws:kms" }, ROLE, logPolicy, `arn:aws:s3:::${logBucket}/x`)).toBe("ExplicitlyDenied");
});

test("a key that is not pinned (the state bucket): the S3 backend's uploads naming the key by alias pass, other encryption does not", async () => {
  const STATE = BUCKET; // the identity policy of `decide` allows everything on this bucket
  const statePolicy = policy(...secureBucketStatements({
    scope, bucketName: STATE, encryption: { kmsKeyArn: KEY, keyNotPinnedBecause: "the S3 backend names the key by alias" }, vpcEndpoint: "none",
  }));
  const pinned = policy(...secureBucketStatements({ scope, bucketName: STATE, encryption: { kmsKeyArn: KEY }, vpcEndpoint: "none" }));
  const header = "s3:x-amz-server-side-encryption";
  const tls = { "aws:SecureTransport": "true", "s3:TlsVersion": "1.3" };
  const put = (context: Record<string, string>, p = statePolicy) => decide("s3:PutObject", { ...tls, ...context }, ADMIN, p, `arn:aws:s3:::${STATE}/dev-platform/terraform.tfstate`);
  // What Terraform's S3 backend sends with `kms_key_id = "alias/sds/dev/tfstate"`: the alias, not the key's ARN.
  const backendUpload = { [header]: "aws:kms", [`${header}-aws-kms-key-id`]: "alias/sds/dev/tfstate" };
  expect(await put(backendUpload)).toBe("Allowed");
  expect(await put(backendUpload, pinned)).toBe("ExplicitlyDenied");
  expect(await put({})).toBe("Allowed");
  expect(await put({ [header]: "AES256" })).toBe("ExplicitlyDenied");
  expect(await put({ [`${header}-customer-algorithm`]: "AES256" })).toBe("ExplicitlyDenied");
  expect(await put({ ...backendUpload, "aws:SecureTransport": "false" })).toBe("ExplicitlyDenied");
  expect(await put({ ...backendUpload, "s3:TlsVersion": "1.1" })).toBe("ExplicitlyDenied");
});
