import { Construct } from "constructs";
import { ArnScope } from "../../domain/policy/document";
import { accessLogDeliveryStatement, EvidenceProtection } from "./bucket-policy";
import { OnDestroy, SecureBucket } from "./secure-bucket";

export interface AccessLogBucketProps {
  readonly scope: ArnScope;
  /** Globally unique bucket name (from the plan). */
  readonly bucketName: string;
  /** The buckets whose server access logs it receives: the logging service may write here for these only. */
  readonly sourceBucketNames: readonly string[];
  /** Days access logs are kept (current objects expire after them). */
  readonly retentionDays: number;
  /**
   * Access logs are audit evidence: only the break-glass principals delete or overwrite them, and only the deploy and
   * break-glass principals (`configurationArns`) change the bucket's configuration or delete it.
   */
  readonly evidence: EvidenceProtection;
  /** @default "delete-if-empty" */
  readonly onDestroy?: OnDestroy;
}

/**
 * THE access-log bucket recipe: a SecureBucket that S3 server access logging delivers into. SSE-S3 (the logging
 * service delivers only to SSE-S3 buckets), not bound to the VPC endpoint (the service writes from outside), not
 * logged itself, logs expire after `retentionDays` (overwritten or deleted versions after 30 days), the logging
 * service's Allow for the named source buckets of the account, and the evidence protection: only the break-glass
 * principals delete or overwrite logs, only the deploy and break-glass principals reconfigure or delete the bucket.
 * Point a SecureBucket's `accessLogs.target` at it.
 */
export class AccessLogBucket extends SecureBucket {
  /** Brands it as a SecureBucket's `accessLogs.target` (the one type that may be one). */
  readonly receivesAccessLogs = true as const;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id, {
      scope: props.scope,
      bucketName: props.bucketName,
      encryption: { s3ManagedBecause: "S3 server access logging delivers only to buckets whose default encryption is SSE-S3" },
      vpcEndpoint: "none",
      accessLogs: { disabledBecause: "it is the access-log bucket; logging it into itself would log its own deliveries forever" },
      lifecycle: { expireAfterDays: props.retentionDays, noncurrentVersionDays: 30 },
      extraStatements: [accessLogDeliveryStatement(props.scope, props.bucketName, props.sourceBucketNames)],
      evidence: props.evidence,
      onDestroy: props.onDestroy,
    });
  }
}
