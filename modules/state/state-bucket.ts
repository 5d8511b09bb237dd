import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { ArnScope, policy, policyJson, Statement } from "../policy/document";

/**
 * The state bucket's policy: denies only, IAM grants. Uploads may not ask for another kind of encryption than
 * SSE-KMS; no key ARN is pinned because the S3 backend names the key by its alias (its ARN is not known when the
 * backend configuration is written), and requests without an encryption header get the bucket's default key.
 */
export function stateBucketStatements(bucketArn: string): Statement[] {
  const everything = [bucketArn, `${bucketArn}/*`];
  return [
    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: everything, Condition: { Bool: { "aws:SecureTransport": "false" } } },
    { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: everything, Condition: { NumericLessThan: { "s3:TlsVersion": 1.2 } } },
    { Sid: "DenyUploadsWithOtherEncryption", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${bucketArn}/*`,
      Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption": "false" } } },
    { Sid: "DenyCustomerProvidedKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${bucketArn}/*`,
      Condition: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } } },
  ];
}

export interface StateBucketProps {
  readonly bucketName: string;
  readonly scope: ArnScope;
  /** ARN of the KMS key every object is encrypted with by default (bucket key on). */
  readonly kmsKeyArn: string;
  /** Days a noncurrent (replaced) state version is kept. @default 90 */
  readonly noncurrentVersionDays?: number;
  /** Bucket that receives the server access logs (under `<bucket name>/`). */
  readonly accessLogBucket: string;
  /**
   * What must exist before logging is switched on: the log bucket's policy that lets the logging service write
   * (S3 checks it in PutBucketLogging). @default none
   */
  readonly accessLogDependsOn?: ITerraformDependable[];
}

/**
 * The bucket that holds Terraform state: versioned (every state write can be rolled back), SSE-KMS with the
 * state key, all public access blocked, object ownership enforced (no ACLs), TLS-only, old versions expired,
 * server access logs delivered to the given log bucket.
 * No VPC-endpoint restriction: Terraform runs outside the environment's VPC.
 */
export class StateBucket extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName });
    const on = { bucket: bucket.id };
    new S3BucketVersioningA(this, "versioning", { ...on, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      ...on,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "public-access-block", {
      ...on, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    const ownership = new S3BucketOwnershipControls(this, "ownership", { ...on, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      ...on,
      rule: [{
        id: "expire-old-state-versions",
        status: "Enabled",
        filter: [{ prefix: "" }],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 90 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }],
    });
    new S3BucketLoggingA(this, "access-logs", {
      ...on, targetBucket: props.accessLogBucket, targetPrefix: `${props.bucketName}/`, dependsOn: props.accessLogDependsOn,
    });
    new S3BucketPolicy(this, "policy", {
      ...on,
      policy: policyJson(policy(...stateBucketStatements(bucket.arn))),
      dependsOn: [publicAccess, ownership],
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
  }
}
