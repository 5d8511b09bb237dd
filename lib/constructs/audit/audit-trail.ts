import { Construct } from "constructs";
import { Cloudtrail, CloudtrailAdvancedEventSelector, CloudtrailAdvancedEventSelectorFieldSelector } from "@cdktf/provider-aws/lib/cloudtrail";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { EncryptionKey } from "../encryption/encryption-key";
import { ServiceKeyUse, viaService } from "../encryption/key-policy";
import { accountRoot, arn, ArnScope, logGroupArn, policy, policyJson, Statement } from "../../domain/policy/document";
import { AccessLogBucket } from "../storage/access-log-bucket";
import { bucketArns } from "../storage/bucket-policy";
import { OnDestroy, SecureBucket } from "../storage/secure-bucket";
import { EncryptedLogGroup } from "./encrypted-log-group";

/** The trail's ARN (home region), computed from its name so that policies need no reference to the trail. */
export function trailArn(scope: ArnScope, trailName: string): string {
  return arn(scope, "cloudtrail", `trail/${trailName}`);
}

/**
 * Which S3 objects' data events a trail records: every bucket whose name starts with `bucketNamePrefix`, except the
 * `exceptBuckets` in that namespace.
 */
export interface S3DataEvents {
  /** Start of the recorded buckets' names, e.g. "sds-dev-" (every project bucket is `<prefix>-<env>-<project>-...`). */
  readonly bucketNamePrefix: string;
  /** Buckets whose names start with the prefix but whose object events are not recorded (names, not ARNs). @default none */
  readonly exceptBuckets?: readonly string[];
}

/**
 * The resources.ARN condition of S3 object data events. Why a name prefix and not one value per bucket: CloudTrail
 * allows 500 values across a trail's advanced selectors (checks/quotas/table.ts), and two bucket ARNs per project
 * reached it near 250 projects. resources.ARN of an S3 object event is `arn:<partition>:s3:::<bucket>/<key>`; StartsWith compares
 * characters, so `arn:aws:s3:::sds-dev-` matches the objects of every bucket named `sds-dev-...`, which is every
 * project's buckets (`<prefix>-<env>-<project>-<purpose>-<account>`, data, models and access logs alike). The
 * environment's other buckets in that namespace (the trail's own bucket and its access-log bucket, the state
 * buckets) are excluded with NotStartsWith on `<bucket ARN>/`: the slash makes it the bucket itself and not every
 * bucket whose name begins the same (a project named "cloudtrail" keeps its events). Excluding the trail's own
 * buckets is not optional: recording the writes of its own log files (and their access logs) would feed itself.
 * Both operators sit in one field selector, so CloudTrail applies them together (StartsWith and not NotStartsWith).
 */
export function s3ObjectArnCondition(partition: string, dataEvents: S3DataEvents): CloudtrailAdvancedEventSelectorFieldSelector {
  const excluded = [...new Set(dataEvents.exceptBuckets ?? [])].filter((b) => b.startsWith(dataEvents.bucketNamePrefix));
  return {
    field: "resources.ARN",
    startsWith: [`arn:${partition}:s3:::${dataEvents.bucketNamePrefix}`],
    ...(excluded.length > 0 && { notStartsWith: excluded.map((b) => `arn:${partition}:s3:::${b}/`) }),
  };
}

/**
 * Advanced event selectors: every management event (read and write), and S3 object-level data events (read and
 * write) of the given buckets. Their size does not depend on the number of projects (see s3ObjectArnCondition).
 * An organization trail's administrator can copy these to cover the same ground.
 */
export function trailEventSelectors(partition: string, dataEvents?: S3DataEvents): CloudtrailAdvancedEventSelector[] {
  const selectors: CloudtrailAdvancedEventSelector[] = [{ name: "Management events (read and write)", fieldSelector: [{ field: "eventCategory", equalTo: ["Management"] }] }];
  if (dataEvents) {
    selectors.push({
      name: "S3 data events (read and write) of the project buckets",
      fieldSelector: [
        { field: "eventCategory", equalTo: ["Data"] },
        { field: "resources.type", equalTo: ["AWS::S3::Object"] },
        s3ObjectArnCondition(partition, dataEvents),
      ],
    });
  }
  return selectors;
}

/** The same selectors in the CloudTrail API's form, for an organization trail's administrator (`aws cloudtrail put-event-selectors`). */
export function cloudTrailApiSelectors(selectors: readonly CloudtrailAdvancedEventSelector[]): { Name?: string; FieldSelectors: Record<string, unknown>[] }[] {
  return selectors.map((sel) => ({
    Name: sel.name,
    FieldSelectors: (sel.fieldSelector as CloudtrailAdvancedEventSelectorFieldSelector[]).map((f) => ({
      Field: f.field,
      ...(f.equalTo && { Equals: f.equalTo }), ...(f.notEquals && { NotEquals: f.notEquals }),
      ...(f.startsWith && { StartsWith: f.startsWith }), ...(f.notStartsWith && { NotStartsWith: f.notStartsWith }),
      ...(f.endsWith && { EndsWith: f.endsWith }), ...(f.notEndsWith && { NotEndsWith: f.notEndsWith }),
    })),
  }));
}

/** The statements CloudTrail needs on its bucket, each bound to this trail by `aws:SourceArn`. */
export function cloudTrailBucketStatements(scope: ArnScope, bucketName: string, trailName: string, dnsSuffix = "amazonaws.com"): Statement[] {
  const bucketArn = `arn:${scope.partition}:s3:::${bucketName}`;
  const source = { "aws:SourceArn": trailArn(scope, trailName) };
  return [
    {
      Sid: "CloudTrailChecksTheBucketAcl", Effect: "Allow", Principal: { Service: `cloudtrail.${dnsSuffix}` },
      Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: { StringEquals: source },
    },
    {
      Sid: "CloudTrailWritesLogFiles", Effect: "Allow", Principal: { Service: `cloudtrail.${dnsSuffix}` },
      Action: "s3:PutObject", Resource: `${bucketArn}/AWSLogs/${scope.accountId}/*`,
      Condition: { StringEquals: { ...source, "s3:x-amz-acl": "bucket-owner-full-control" } },
    },
  ];
}

/**
 * Key policy statements for the trail's key, all bound to this trail: CloudTrail encrypts its log and digest files
 * (encryption context `aws:cloudtrail:arn`, and `aws:s3:arn` of the trail bucket, whose S3 bucket key is on) and
 * describes the key; principals of the account whose IAM policies allow it decrypt the files, through S3 or directly.
 */
export function cloudTrailKeyStatements(scope: ArnScope, trailName: string, bucketName: string, dnsSuffix = "amazonaws.com"): { services: ServiceKeyUse[]; additional: Statement[] } {
  const ownTrail = { "aws:SourceArn": trailArn(scope, trailName) };
  // The encryption context names the trail by its home-region ARN; a wildcard region keeps multi-region delivery working.
  const context = `arn:${scope.partition}:cloudtrail:*:${scope.accountId}:trail/${trailName}`;
  const bucket = bucketArns(scope, bucketName).bucket;
  const cloudtrail = `cloudtrail.${dnsSuffix}`;
  return {
    services: [
      { sid: "CloudTrailEncryptsThisTrailsFiles", service: cloudtrail, actions: ["kms:GenerateDataKey*"],
        conditions: { StringEquals: ownTrail, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": context } } },
      // With the bucket key on, S3 derives the object keys from a bucket-level key made under the bucket's context.
      { sid: "CloudTrailUsesTheTrailBucketKey", service: cloudtrail, actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        conditions: { StringEquals: { ...ownTrail, "kms:EncryptionContext:aws:s3:arn": bucket } } },
      { sid: "CloudTrailDescribesTheKey", service: cloudtrail, actions: ["kms:DescribeKey"], conditions: { StringEquals: ownTrail } },
    ],
    additional: [
      { Sid: "AccountPrincipalsDecryptTrailFiles", Effect: "Allow", Principal: { AWS: accountRoot(scope) },
        Action: ["kms:Decrypt", "kms:ReEncryptFrom"], Resource: "*",
        Condition: { StringEquals: { "kms:CallerAccount": scope.accountId }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": context } } },
      { Sid: "AccountPrincipalsReadTrailFilesThroughS3", Effect: "Allow", Principal: { AWS: accountRoot(scope) },
        Action: "kms:Decrypt", Resource: "*",
        Condition: { StringEquals: { "kms:CallerAccount": scope.accountId, "kms:ViaService": viaService("s3", scope, dnsSuffix), "kms:EncryptionContext:aws:s3:arn": bucket } } },
    ],
  };
}

export interface AuditTrailProps {
  readonly scope: ArnScope;
  /** Trail name, e.g. "sds-dev-trail". */
  readonly trailName: string;
  /** Alias of the trail's key, without `alias/`. */
  readonly keyAlias: string;
  /** Administrators of the trail's key. @default the account root (delegating to IAM) */
  readonly keyAdministratorArns?: readonly string[];
  /** Read-only principals of `terraform plan`: they read the key's configuration. @default none */
  readonly keyPlanPrincipalArns?: readonly string[];
  /** The only principals that may delete or overwrite trail files and their access logs. @default none (nobody) */
  readonly evidenceBreakGlassArns?: readonly string[];
  /** The only principals that may change the trail buckets' configuration or delete them (deploy and break-glass principals). */
  readonly evidenceConfigurationArns: readonly string[];
  /** Bucket of the log and digest files (a SecureBucket with the trail's key and CloudTrail's statements). */
  readonly bucketName: string;
  /** Bucket of the trail bucket's server access logs (SSE-S3, as S3 server access logging requires). */
  readonly accessLogBucketName: string;
  /** Days log and digest files (and the access logs) are kept in S3. */
  readonly fileRetentionDays: number;
  /** What `terraform destroy` does with the buckets. @default "delete-if-empty" (a bucket holding logs stops the destroy) */
  readonly onDestroy?: OnDestroy;
  /** S3 Object Lock (GOVERNANCE) on the log and digest files for this many days. @default none */
  readonly objectLockRetentionDays?: number;
  /** CloudWatch Logs group for the trail's events; its ARN must be in the logs key's policy. */
  readonly logGroupName: string;
  /** Role CloudTrail assumes to deliver to the log group, e.g. "sds-dev-trail-to-cloudwatch-logs". */
  readonly deliveryRoleName: string;
  readonly logsKmsKeyArn: string;
  readonly retentionDays: number;
  /**
   * Buckets whose object-level reads and writes the trail records; the trail's own two buckets are always left out.
   * @default none (management events only)
   */
  readonly dataEvents?: S3DataEvents;
  /** Service principal domain of the partition. @default "amazonaws.com" */
  readonly dnsSuffix?: string;
}

/**
 * The account's CloudTrail trail: multi-region, global service events, log file validation, log and digest files
 * encrypted with the trail's own key in a secure bucket (server access logs in a second one), delivery to an
 * encrypted CloudWatch Logs group by a role that can write there only and that only this trail can assume,
 * management events and S3 data events (read and write) of the given buckets.
 */
export class AuditTrail extends Construct {
  readonly trailArn: string;
  readonly keyArn: string;
  readonly bucket: SecureBucket;
  readonly accessLogBucket: AccessLogBucket;
  readonly logGroupArn: string;
  /** The log group's name, as a reference (metric filters on it wait for it). */
  readonly logGroupName: string;
  readonly deliveryRoleArn: string;
  /** The trail's advanced event selectors, as configured. */
  readonly eventSelectors: CloudtrailAdvancedEventSelector[];

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const dnsSuffix = props.dnsSuffix ?? "amazonaws.com";
    const ownTrail = trailArn(props.scope, props.trailName);
    const evidence = { breakGlassArns: props.evidenceBreakGlassArns ?? [], configurationArns: props.evidenceConfigurationArns };
    const keyPolicy = cloudTrailKeyStatements(props.scope, props.trailName, props.bucketName, dnsSuffix);
    const key = new EncryptionKey(this, "key", {
      alias: props.keyAlias,
      description: `${props.trailName}: CloudTrail log and digest files`,
      scope: props.scope,
      administratorArns: props.keyAdministratorArns,
      planPrincipalArns: props.keyPlanPrincipalArns,
      services: keyPolicy.services,
      additionalStatements: keyPolicy.additional,
    });
    this.accessLogBucket = new AccessLogBucket(this, "access-logs", {
      scope: props.scope,
      bucketName: props.accessLogBucketName,
      sourceBucketNames: [props.bucketName],
      retentionDays: props.fileRetentionDays,
      evidence,
      onDestroy: props.onDestroy,
    });
    this.bucket = new SecureBucket(this, "bucket", {
      scope: props.scope,
      bucketName: props.bucketName,
      encryption: { kmsKeyArn: key.keyArn },
      // CloudTrail delivers from outside any VPC.
      vpcEndpoint: "none",
      accessLogs: { target: this.accessLogBucket },
      lifecycle: { expireAfterDays: props.fileRetentionDays, noncurrentVersionDays: 30 },
      extraStatements: cloudTrailBucketStatements(props.scope, props.bucketName, props.trailName, dnsSuffix),
      evidence,
      onDestroy: props.onDestroy,
      objectLock: props.objectLockRetentionDays ? { mode: "GOVERNANCE", retentionDays: props.objectLockRetentionDays } : undefined,
    });
    const group = new EncryptedLogGroup(this, "log-group", {
      name: props.logGroupName,
      kmsKeyArn: props.logsKmsKeyArn,
      retentionDays: props.retentionDays,
    });
    const groupArn = logGroupArn(props.scope, props.logGroupName);
    const role = new IamRole(this, "delivery-role", {
      name: props.deliveryRoleName,
      description: "Delivers the trail's events to its encrypted CloudWatch Logs group",
      assumeRolePolicy: policyJson(policy({
        Effect: "Allow",
        Principal: { Service: `cloudtrail.${dnsSuffix}` },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceArn": ownTrail, "aws:SourceAccount": props.scope.accountId } },
      })),
    });
    const delivery = new IamRolePolicy(this, "delivery", {
      name: "deliver-to-trail-log-group",
      role: role.name,
      policy: policyJson(policy({
        Sid: "WriteTheTrailsStreamsOnly",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        // A multi-region trail writes one stream per region: <account>_CloudTrail_<region>.
        Resource: `${groupArn}:log-stream:${props.scope.accountId}_CloudTrail_*`,
      })),
    });
    this.eventSelectors = trailEventSelectors(props.scope.partition, props.dataEvents && {
      ...props.dataEvents,
      exceptBuckets: [props.bucketName, props.accessLogBucketName, ...(props.dataEvents.exceptBuckets ?? [])],
    });
    const trail = new Cloudtrail(this, "trail", {
      name: props.trailName,
      s3BucketName: this.bucket.bucketName,
      kmsKeyId: key.keyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${group.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      advancedEventSelector: this.eventSelectors,
      // CloudTrail checks the bucket policy when the trail is created or updated; with Object Lock, the first log
      // file is written after the default retention is in force.
      dependsOn: [delivery, this.bucket.policy, ...(this.bucket.objectLock ? [this.bucket.objectLock] : [])],
    });
    this.trailArn = trail.arn;
    this.keyArn = key.keyArn;
    this.logGroupArn = group.arn;
    this.logGroupName = group.name;
    this.deliveryRoleArn = role.arn;
  }
}
