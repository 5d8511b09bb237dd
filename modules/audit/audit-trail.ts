import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { EncryptionKey } from "../encryption/encryption-key";
import { accountRoot, arn, ArnScope, logGroupArn, policy, policyJson, Statement } from "../policy/document";
import { EncryptedLogGroup } from "./encrypted-log-group";

/** The trail's ARN (home region), computed from its name so that policies need no reference to the trail. */
export function trailArn(scope: ArnScope, trailName: string): string {
  return arn(scope, "cloudtrail", `trail/${trailName}`);
}

/** The ARN prefixes CloudTrail matches for S3 object data events of the given buckets (`arn:aws:s3:::<bucket>/`). */
export function s3ObjectArnPrefixes(partition: string, bucketNames: readonly string[]): string[] {
  return bucketNames.map((b) => `arn:${partition}:s3:::${b}/`);
}

/**
 * Advanced event selectors: every management event (read and write), and S3 object-level data events (read and
 * write) of the given buckets. An organization trail's administrator can copy these to cover the same ground.
 */
export function trailEventSelectors(partition: string, dataEventBuckets: readonly string[]) {
  const selectors = [{ name: "Management events (read and write)", fieldSelector: [{ field: "eventCategory", equalTo: ["Management"] }] }];
  if (dataEventBuckets.length > 0) {
    selectors.push({
      name: "S3 data events (read and write) of the project data and model buckets",
      fieldSelector: [
        { field: "eventCategory", equalTo: ["Data"] },
        { field: "resources.type", equalTo: ["AWS::S3::Object"] },
        { field: "resources.ARN", startsWith: s3ObjectArnPrefixes(partition, dataEventBuckets) } as any,
      ],
    });
  }
  return selectors;
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

/** Key policy statements for the trail's key: CloudTrail encrypts for this trail only; account principals (with IAM permission) decrypt its files. */
export function cloudTrailKeyStatements(scope: ArnScope, trailName: string, dnsSuffix = "amazonaws.com"): { services: ConstructorParameters<typeof EncryptionKey>[2]["services"]; additional: Statement[] } {
  const ownTrail = trailArn(scope, trailName);
  // The encryption context names the trail by its home-region ARN; a wildcard region keeps multi-region delivery working.
  const context = `arn:${scope.partition}:cloudtrail:*:${scope.accountId}:trail/${trailName}`;
  return {
    services: [
      {
        sid: "CloudTrailEncryptsThisTrailsLogs",
        service: `cloudtrail.${dnsSuffix}`,
        actions: ["kms:GenerateDataKey*"],
        conditions: { StringEquals: { "aws:SourceArn": ownTrail }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": context } },
      },
      {
        sid: "CloudTrailDescribesTheKey",
        service: `cloudtrail.${dnsSuffix}`,
        actions: ["kms:DescribeKey"],
        conditions: { StringEquals: { "aws:SourceArn": ownTrail } },
      },
    ],
    additional: [{
      Sid: "AccountPrincipalsDecryptTrailFiles",
      Effect: "Allow",
      Principal: { AWS: accountRoot(scope) },
      Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": scope.accountId }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": context } },
    }],
  };
}

export interface AuditTrailProps {
  readonly scope: ArnScope;
  /** Trail name, e.g. "sds-dev-trail". */
  readonly trailName: string;
  /** The trail's key (see `cloudTrailKeyStatements` for the statements its policy needs). */
  readonly kmsKeyArn: string;
  /** Bucket the log files go to; its policy must hold `cloudTrailBucketStatements`. */
  readonly bucketName: string;
  /** What must exist before the trail (the bucket policy: CloudTrail checks it when the trail is created). @default none */
  readonly dependsOn?: ITerraformDependable[];
  /** CloudWatch Logs group for the trail's events; its ARN must be in the logs key's policy. */
  readonly logGroupName: string;
  readonly logsKmsKeyArn: string;
  readonly retentionDays: number;
  /** Buckets whose object-level reads and writes the trail records. @default none */
  readonly dataEventBuckets?: readonly string[];
  /** Service principal domain of the partition. @default "amazonaws.com" */
  readonly dnsSuffix?: string;
}

/**
 * The account's CloudTrail trail: multi-region, global service events, log file validation, KMS-encrypted log files,
 * delivery to an encrypted CloudWatch Logs group by a role that can write there only and that only this trail can
 * assume, management events and S3 data events of the given buckets.
 */
export class AuditTrail extends Construct {
  readonly trailArn: string;
  readonly logGroupArn: string;
  readonly deliveryRoleArn: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const dnsSuffix = props.dnsSuffix ?? "amazonaws.com";
    const ownTrail = trailArn(props.scope, props.trailName);
    const group = new EncryptedLogGroup(this, "log-group", {
      name: props.logGroupName,
      kmsKeyArn: props.logsKmsKeyArn,
      retentionDays: props.retentionDays,
    });
    const groupArn = logGroupArn(props.scope, props.logGroupName);
    const role = new IamRole(this, "delivery-role", {
      name: `${props.trailName}-to-cloudwatch-logs`,
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
    const trail = new Cloudtrail(this, "trail", {
      name: props.trailName,
      s3BucketName: props.bucketName,
      kmsKeyId: props.kmsKeyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${group.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      advancedEventSelector: trailEventSelectors(props.scope.partition, props.dataEventBuckets ?? []),
      dependsOn: [delivery, ...(props.dependsOn ?? [])],
    });
    this.trailArn = trail.arn;
    this.logGroupArn = group.arn;
    this.deliveryRoleArn = role.arn;
  }
}
