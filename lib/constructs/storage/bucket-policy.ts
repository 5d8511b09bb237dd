/**
 * The secure-bucket policy as data: deny statements that hold whatever IAM policies say. Each statement's comment
 * says what it prevents; docs/security.md ("Data protection") repeats it for users.
 */
import { ArnScope, Statement } from "../../domain/policy/document";

/** Restricts a bucket to requests arriving through one S3 VPC endpoint, except for named administrator principals. */
export interface VpcEndpointRestriction {
  /** The environment's S3 gateway endpoint id (`vpce-...`), compared with `aws:SourceVpce`. */
  readonly endpointId: string;
  /**
   * IAM principals (ARNs, wildcards allowed) exempt from the restriction: the administrators and CI/CD roles that
   * run Terraform from outside the VPC. Compared with `aws:PrincipalArn`, so every session of such a role is exempt.
   */
  readonly exemptPrincipalArns: readonly string[];
}

/**
 * SSE-KMS with a customer-managed key (every bucket with data), or SSE-S3 with a recorded reason: S3 server access
 * logging cannot deliver into a bucket whose default encryption is SSE-KMS (S3 user guide, "Enabling server access
 * logging": only SSE-S3 is supported on the destination bucket).
 *
 * With `keyNotPinnedBecause`, the bucket's default key is still the given key and uploads may still ask for no other
 * kind of encryption than SSE-KMS, but the policy does not pin the key an upload names: the state bucket, whose
 * writer (Terraform's S3 backend) names the key by its alias, which the key-id condition does not resolve to the ARN.
 */
export type BucketEncryption =
  | { readonly kmsKeyArn: string; readonly keyNotPinnedBecause?: string }
  | { readonly s3ManagedBecause: string };

/** Whether the policy denies uploads that name another KMS key than the bucket's (or name none with `aws:kms`). */
function keyPinned(encryption: BucketEncryption): encryption is { readonly kmsKeyArn: string } {
  return "kmsKeyArn" in encryption && !encryption.keyNotPinnedBecause;
}

export interface SecureBucketPolicyInput {
  readonly scope: ArnScope;
  readonly bucketName: string;
  /** The bucket's encryption: uploads may name no other. */
  readonly encryption: BucketEncryption;
  /** `"none"` for buckets written by AWS services from outside the VPC (access logs, CloudTrail). */
  readonly vpcEndpoint: VpcEndpointRestriction | "none";
  /**
   * The identity perimeter: only these principals (ARN patterns, compared with `aws:PrincipalArn`) reach the bucket at
   * all, whatever their IAM policies say - the project's roles, the administrators, the break-glass roles. AWS
   * services acting as themselves (log delivery) are not principals of the account and are not affected.
   * @default none (IAM decides, within the other statements)
   */
  readonly principalArns?: readonly string[];
  /**
   * Read-only principals that run `terraform plan` from outside the VPC: let past the endpoint and identity
   * perimeters, and then denied everything but `PLAN_BUCKET_READS` (no object read or write, no change). Only with a
   * VPC-endpoint or principal restriction (without one, IAM decides). @default none
   */
  readonly planPrincipalArns?: readonly string[];
  /** Only these principals (ARN patterns) may write or delete objects (model artifacts: the training role). @default no extra restriction */
  readonly writerArns?: readonly string[];
  /**
   * Audit evidence (trail files, access logs): no principal of the account may delete or overwrite an object, except
   * the break-glass principals, and none may change the bucket's configuration (lifecycle, policy, versioning, Object
   * Lock, logging, encryption, public access block, ownership, replication) or delete the bucket, except the
   * deploy principals (Terraform) and the break-glass principals; AWS services delivering logs are unaffected.
   * @default not evidence
   */
  readonly evidence?: EvidenceProtection;
}

/** Who may still touch audit evidence (compared with `aws:PrincipalArn`; every session of such a role). */
export interface EvidenceProtection {
  /** The only principals that may delete or overwrite evidence objects. */
  readonly breakGlassArns: readonly string[];
  /**
   * The only principals that may change the bucket's configuration or delete it: the deploy principals that run
   * Terraform (apply, re-plan and destroy call these actions) and the break-glass principals. At least one: a bucket
   * nobody may configure could not be destroyed (only the account's root user could delete its policy).
   */
  readonly configurationArns: readonly string[];
}

/** What changes or removes an object (or a version of it). */
export const S3_OBJECT_CHANGE_ACTIONS = ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectRetention", "s3:BypassGovernanceRetention"];

/**
 * What `terraform plan` reads when it refreshes an `aws_s3_bucket` and its configuration resources (hashicorp/aws
 * 5.x: HeadBucket is authorized as s3:ListBucket, so object names are listable; contents are not).
 */
export const PLAN_BUCKET_READS = [
  "s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketCORS", "s3:GetBucketWebsite",
  "s3:GetBucketVersioning", "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment", "s3:GetBucketLogging",
  "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration", "s3:GetEncryptionConfiguration",
  "s3:GetBucketObjectLockConfiguration", "s3:GetBucketTagging", "s3:GetBucketPublicAccessBlock", "s3:GetBucketOwnershipControls",
  "s3:GetBucketNotification",
];

/**
 * What changes a bucket's configuration so that evidence could be lost or go unrecorded: an expiring lifecycle rule,
 * a replaced or deleted policy, suspended versioning, a changed Object Lock default, logging switched off, other
 * encryption, public access, ACLs back on, replication elsewhere, or the bucket deleted. (IAM names each delete of
 * these settings by its put action: DeleteBucketLifecycle is s3:PutLifecycleConfiguration, DeleteBucketEncryption
 * s3:PutEncryptionConfiguration, DeletePublicAccessBlock s3:PutBucketPublicAccessBlock, DeleteBucketOwnershipControls
 * s3:PutBucketOwnershipControls; Service Authorization Reference, Amazon S3.)
 */
export const S3_BUCKET_CONFIGURATION_ACTIONS = [
  "s3:PutLifecycleConfiguration", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketVersioning",
  "s3:PutBucketObjectLockConfiguration", "s3:PutBucketLogging", "s3:DeleteBucket", "s3:PutBucketOwnershipControls",
  "s3:PutEncryptionConfiguration", "s3:PutBucketPublicAccessBlock", "s3:PutBucketAcl", "s3:PutReplicationConfiguration",
];

export function bucketArns(scope: ArnScope, bucketName: string): { bucket: string; objects: string } {
  const bucket = `arn:${scope.partition}:s3:::${bucketName}`;
  return { bucket, objects: `${bucket}/*` };
}

/** The deny statements every product bucket carries, in a fixed order (Sids are the contract tests and docs use). */
export function secureBucketStatements(input: SecureBucketPolicyInput): Statement[] {
  const { bucket, objects } = bucketArns(input.scope, input.bucketName);
  const everything = [bucket, objects];
  const statements: Statement[] = [
    // Plain-HTTP requests could be read or altered on the way (FSBP S3.5, CIS 2.1.1).
    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: everything,
      Condition: { Bool: { "aws:SecureTransport": false } } },
    // TLS 1.0/1.1 have known weaknesses; S3 still accepts them unless the bucket policy refuses.
    { Sid: "DenyOutdatedTls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: everything,
      Condition: { NumericLessThan: { "s3:TlsVersion": 1.2 } } },
    ...(keyPinned(input.encryption) ? [
      // An upload naming another KMS key (e.g. a key of another account, or the AWS-managed aws/s3 key that ignores
      // our key policy) would leave data this project's key policy does not govern. Name the key ARN or no key.
      { Sid: "DenyUploadsWithAnotherKmsKey", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
        Condition: {
          StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": input.encryption.kmsKeyArn },
          Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
        } } satisfies Statement,
    ] : []),
    ...(keyPinned(input.encryption) ? [
      // `x-amz-server-side-encryption: aws:kms` without a key id encrypts with the AWS-managed aws/s3 key, whose
      // policy this project does not control; the statement above only checks a key id that is present. (AWS services
      // delivering into the bucket, such as CloudTrail with the trail's key, are governed by their own statements.)
      { Sid: "DenyKmsUploadsWithoutKeyId", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
        Condition: {
          StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
          Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" },
          BoolIfExists: { "aws:PrincipalIsAWSService": false },
        } } satisfies Statement,
    ] : []),
    // An upload asking for another kind of server-side encryption (SSE-S3 on a KMS bucket, DSSE, or KMS on the SSE-S3
    // log bucket) would bypass the bucket's key. Uploads without the header get the bucket default.
    { Sid: "DenyUploadsWithOtherEncryption", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
      Condition: {
        StringNotEquals: { "s3:x-amz-server-side-encryption": "kmsKeyArn" in input.encryption ? "aws:kms" : "AES256" },
        Null: { "s3:x-amz-server-side-encryption": "false" },
      } },
    // Customer-provided keys (SSE-C) are held by the client: nobody here could read, audit or revoke them.
    { Sid: "DenyCustomerProvidedKeys", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: objects,
      Condition: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } } },
  ];
  const planners = input.planPrincipalArns ?? [];
  const restricted = input.vpcEndpoint !== "none" || !!input.principalArns?.length;
  if (input.vpcEndpoint !== "none") {
    const exempt = [...input.vpcEndpoint.exemptPrincipalArns, ...planners];
    // Stolen credentials used from the internet, or a principal of the account working outside the VPC, cannot
    // read or write the data: only requests through the environment's S3 endpoint (and the administrators that run
    // Terraform) get past this. AWS services acting with their own service principal are not exempt.
    statements.push({ Sid: "DenyAccessOutsideVpcEndpoint", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: everything,
      Condition: {
        StringNotEquals: { "aws:SourceVpce": input.vpcEndpoint.endpointId },
        ...(exempt.length ? { ArnNotLike: { "aws:PrincipalArn": [...exempt] } } : {}),
      } });
  }
  if (input.principalArns?.length) {
    // An account administrator whose IAM policy says s3:* still cannot read or change project data: only the
    // project's own roles and the named administrators and break-glass roles are inside the perimeter.
    statements.push({ Sid: "DenyPrincipalsOutsideProject", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: everything,
      Condition: { ArnNotLike: { "aws:PrincipalArn": [...input.principalArns, ...planners] }, BoolIfExists: { "aws:PrincipalIsAWSService": false } } });
  }
  if (planners.length && restricted) {
    // The plan principals got past the perimeter above for one purpose: `terraform plan` reading the bucket's
    // configuration from a CI runner. Every other action - objects, and any change - stays refused.
    statements.push({ Sid: "DenyPlanPrincipalsBeyondConfigReads", Effect: "Deny", Principal: "*", NotAction: PLAN_BUCKET_READS, Resource: everything,
      Condition: { ArnLike: { "aws:PrincipalArn": [...planners] } } });
  }
  if (input.writerArns?.length) {
    // Separation of duties: what endpoints serve is written by the role whose job that is, not by a notebook.
    statements.push({ Sid: "DenyWritesExceptWriters", Effect: "Deny", Principal: "*", Action: S3_OBJECT_CHANGE_ACTIONS, Resource: objects,
      Condition: { ArnNotLike: { "aws:PrincipalArn": [...input.writerArns] } } });
  }
  if (input.evidence) {
    // Audit evidence outlives whoever would like it gone: only the break-glass role deletes or overwrites it (the
    // lifecycle rules still expire it, and the services still deliver).
    const breakGlass = input.evidence.breakGlassArns;
    statements.push({ Sid: "DenyEvidenceTampering", Effect: "Deny", Principal: "*", Action: S3_OBJECT_CHANGE_ACTIONS, Resource: objects,
      Condition: { ...(breakGlass.length ? { ArnNotLike: { "aws:PrincipalArn": [...breakGlass] } } : {}), BoolIfExists: { "aws:PrincipalIsAWSService": false } } });
    // ...and the bucket stays as configured: an account administrator (AdministratorAccess) cannot expire the logs with
    // a lifecycle rule, replace the policy, suspend versioning or delete the bucket. Only the principals that run
    // Terraform (its apply and destroy make these calls) and break-glass. Whether a deploy principal's call really
    // comes from Terraform cannot be told from the request (Terraform sets no aws:CalledVia): who may assume the deploy
    // role is the control, with an organization policy (docs/threat-model.md).
    const configurers = input.evidence.configurationArns;
    if (configurers.length === 0) throw new Error(`${input.bucketName}: audit evidence needs at least one principal that may configure the bucket (the deploy principal)`);
    statements.push({ Sid: "DenyEvidenceConfigurationChanges", Effect: "Deny", Principal: "*", Action: S3_BUCKET_CONFIGURATION_ACTIONS, Resource: bucket,
      Condition: { ArnNotLike: { "aws:PrincipalArn": [...configurers] }, BoolIfExists: { "aws:PrincipalIsAWSService": false } } });
  }
  return statements;
}

/**
 * Lets S3 server access logging write into a log bucket: the logging service, for the named source buckets of
 * this account only (`aws:SourceArn`, `aws:SourceAccount`), under the given key prefix.
 */
export function accessLogDeliveryStatement(scope: ArnScope, logBucketName: string, sourceBucketNames: readonly string[], prefix = ""): Statement {
  return {
    Sid: "S3ServerAccessLogDelivery",
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${bucketArns(scope, logBucketName).bucket}/${prefix}*`,
    Condition: {
      StringEquals: { "aws:SourceAccount": scope.accountId },
      ArnLike: { "aws:SourceArn": sourceBucketNames.map((b) => bucketArns(scope, b).bucket) },
    },
  };
}
