import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { ArnScope, policy, PolicyDocument, policyJson, Statement } from "../../domain/policy/document";
import { BucketEncryption, bucketArns, SecureBucketPolicyInput, secureBucketStatements, VpcEndpointRestriction } from "./bucket-policy";

/** What `terraform destroy` does with the bucket (see config `dataProtection.bucketsOnDestroy`). */
export type OnDestroy = "retain" | "delete-if-empty" | "delete-with-data";

export interface BucketLifecycle {
  /** Days after which a noncurrent (overwritten or deleted) object version is removed. @default never */
  readonly noncurrentVersionDays?: number;
  /** Days after which current objects expire (log buckets). @default never */
  readonly expireAfterDays?: number;
  /** Days after which incomplete multipart uploads are aborted (their parts cost money and hold data). @default 7 */
  readonly abortIncompleteUploadsAfterDays?: number;
}

/** Optional policy restrictions (identity perimeter, writers, audit evidence): see `SecureBucketPolicyInput`. */
export interface SecureBucketProps extends Pick<SecureBucketPolicyInput, "principalArns" | "planPrincipalArns" | "writerArns" | "evidence"> {
  readonly scope: ArnScope;
  /** Globally unique bucket name (from the plan, e.g. a project plan's `bucket(purpose)`). */
  readonly bucketName: string;
  /**
   * SSE-KMS with a customer-managed key (pinned by the policy unless `keyNotPinnedBecause`: the state bucket), or
   * SSE-S3 with a reason (only access-log buckets: `AccessLogBucket`).
   */
  readonly encryption: BucketEncryption;
  /**
   * Restrict every request to the environment's S3 endpoint (with the administrators' carve-out), or `"none"` for
   * buckets that AWS services write from outside the VPC (access logs, CloudTrail).
   */
  readonly vpcEndpoint: VpcEndpointRestriction | "none";
  /**
   * Server access logs go to this access-log bucket under `<prefix><bucket name>/` (name this bucket in its
   * `sourceBucketNames`, or the logging service may not write there), or a reason why there are none.
   */
  readonly accessLogs: { readonly target: AccessLogTarget; readonly prefix?: string } | { readonly disabledBecause: string };
  /** Lifecycle rules; an abort of incomplete multipart uploads is always there. @default {} */
  readonly lifecycle?: BucketLifecycle;
  /** Statements added to the secure-bucket ones (placed first), e.g. CloudTrail's or log delivery's Allow. @default none */
  readonly extraStatements?: readonly Statement[];
  /** @default "delete-if-empty" */
  readonly onDestroy?: OnDestroy;
  /**
   * S3 Object Lock with a default retention for every new object version (GOVERNANCE: only a principal allowed
   * `s3:BypassGovernanceRetention` can delete or shorten it early). Enabled through the lock configuration, not the
   * bucket's `object_lock_enabled`, which is ForceNew in hashicorp/aws 5.x: switching the lock on for an existing
   * bucket must not replace it. Object Lock cannot be switched off again once on. @default none
   */
  readonly objectLock?: { readonly mode: "GOVERNANCE"; readonly retentionDays: number };
  /**
   * Resources the bucket must outlive, above all its KMS key: Terraform then destroys the bucket first, so a bucket
   * that refuses deletion (it holds data) keeps its key from being scheduled for deletion. @default none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * THE bucket of the product. Versioned; default encryption with the given key and the bucket key on (fewer KMS
 * calls); all four public-access blocks; ACLs disabled (BucketOwnerEnforced); a bucket policy that denies plain
 * HTTP, TLS < 1.2, uploads with another key or encryption, SSE-C, and (optionally) any access from outside the
 * environment's S3 endpoint; server access logging; lifecycle rules. Nothing here grants access: IAM does.
 */
/** What `accessLogs.target` takes: an `AccessLogBucket` (access-log-bucket.ts), the only class that brands itself so. */
export type AccessLogTarget = SecureBucket & { readonly receivesAccessLogs: true };

export class SecureBucket extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;
  /** The bucket policy as data (for tests, compliance rules and docs). */
  readonly policyDocument: PolicyDocument;
  /** The policy resource: things that need the policy in force (e.g. logging into this bucket) depend on it. */
  readonly policy: S3BucketPolicy;
  /** The Object Lock configuration, when `objectLock` is set: writers whose objects must be locked depend on it. */
  readonly objectLock?: S3BucketObjectLockConfigurationA;
  /** The public access block (a variant that renamed it moves its old address here: `StateBucket`). */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const onDestroy = props.onDestroy ?? "delete-if-empty";
    const bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: onDestroy === "delete-with-data",
      lifecycle: onDestroy === "retain" ? { preventDestroy: true } : undefined,
      dependsOn: props.dependsOn?.length ? [...props.dependsOn] : undefined,
    });
    const ref = { bucket: bucket.id };
    const publicAccess = this.publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access", {
      ...ref, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    const ownership = new S3BucketOwnershipControls(this, "ownership", { ...ref, rule: { objectOwnership: "BucketOwnerEnforced" } });
    const versioning = new S3BucketVersioningA(this, "versioning", { ...ref, versioningConfiguration: { status: "Enabled" } });
    if (props.objectLock) {
      // S3 enables Object Lock on an existing bucket only once versioning is on.
      this.objectLock = new S3BucketObjectLockConfigurationA(this, "object-lock", {
        ...ref,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.retentionDays } },
        dependsOn: [versioning],
      });
    }
    const kms = "kmsKeyArn" in props.encryption ? props.encryption.kmsKeyArn : undefined;
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      ...ref,
      rule: [{
        applyServerSideEncryptionByDefault: kms ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: kms } : { sseAlgorithm: "AES256" },
        bucketKeyEnabled: kms ? true : undefined,
      }],
    });
    // The caller's statements (grants to services) first, then the denies. Order means nothing to IAM, but moto's
    // PutBucketLogging check walks the target's statements and fails (HTTP 500) on a "*" principal before the grant.
    this.policyDocument = policy(
      ...(props.extraStatements ?? []),
      ...secureBucketStatements({
        scope: props.scope, bucketName: props.bucketName, encryption: props.encryption, vpcEndpoint: props.vpcEndpoint,
        principalArns: props.principalArns, planPrincipalArns: props.planPrincipalArns, writerArns: props.writerArns, evidence: props.evidence,
      }),
    );
    // After the public access block, so S3 never sees the policy on a bucket whose block is still being set.
    this.policy = new S3BucketPolicy(this, "policy", { ...ref, policy: policyJson(this.policyDocument), dependsOn: [publicAccess, ownership] });
    if ("target" in props.accessLogs) {
      // S3 checks at PutBucketLogging that the target's policy admits the logging service.
      new S3BucketLoggingA(this, "access-logs", {
        ...ref,
        targetBucket: props.accessLogs.target.bucketName,
        dependsOn: [props.accessLogs.target.policy],
        targetPrefix: `${props.accessLogs.prefix ?? ""}${props.bucketName}/`,
      });
    }
    const lc = props.lifecycle ?? {};
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      ...ref,
      rule: [{
        id: "housekeeping",
        status: "Enabled",
        filter: [{ prefix: "" }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: lc.abortIncompleteUploadsAfterDays ?? 7 }],
        noncurrentVersionExpiration: lc.noncurrentVersionDays ? [{ noncurrentDays: lc.noncurrentVersionDays }] : undefined,
        expiration: lc.expireAfterDays ? [{ days: lc.expireAfterDays }] : undefined,
      }],
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucketArns(props.scope, props.bucketName).bucket;
  }
}
