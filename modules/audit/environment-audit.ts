import { Construct } from "constructs";
import { ArnScope } from "../policy/document";
import { OnDestroy } from "../storage/secure-bucket";
import { AuditTrail, S3DataEvents } from "./audit-trail";
import { AlertSubscriptionProps, DetectiveControl } from "./detective-control";
import { SageMakerLogGroups, SAGEMAKER_LOG_GROUPS, sageMakerLogGroupName, endpointLogGroupName } from "./sagemaker-log-groups";

/** Names of the environment's audit log groups, derived the same way for the logs key policy and the groups. */
export interface AuditLogGroupNames {
  /** The trail's CloudWatch Logs group, when the environment has its own trail. */
  readonly trail?: string;
  /** SageMaker's groups (and the per-endpoint wildcard), when this environment owns them. */
  readonly sageMaker: readonly string[];
}

export function auditLogGroupNames(opts: { prefix: string; environment: string; accountTrail: boolean; sageMakerLogGroups: boolean }): AuditLogGroupNames {
  return {
    trail: opts.accountTrail ? `/${opts.prefix}/${opts.environment}/cloudtrail` : undefined,
    sageMaker: opts.sageMakerLogGroups ? [...SAGEMAKER_LOG_GROUPS.map(sageMakerLogGroupName), endpointLogGroupName("*")] : [],
  };
}

export interface EnvironmentAuditProps {
  readonly scope: ArnScope;
  /** `<prefix>-<environment>`, the start of resource names. */
  readonly name: string;
  /** `<prefix>/<environment>`, the start of key aliases. */
  readonly aliasBase: string;
  /** From `auditLogGroupNames`; every name must be admitted by the logs key's policy. */
  readonly logGroups: AuditLogGroupNames;
  /** The environment's logs key. */
  readonly logsKmsKeyArn: string;
  /** Retention of every audit log group. */
  readonly retentionDays: number;
  /**
   * The environment's own trail; absent when an organization trail records the account (then no trail, trail key,
   * trail buckets or trail log group are made). @default none
   */
  readonly trail?: {
    /** Buckets whose object-level reads and writes are recorded (every project's); the trail's own are always left out. @default none */
    readonly dataEvents?: S3DataEvents;
    /** Days the log and digest files are kept in S3. */
    readonly fileRetentionDays: number;
    /** Administrators of the trail key. @default the account root */
    readonly keyAdministratorArns?: readonly string[];
    /** @default "delete-if-empty" */
    readonly onDestroy?: OnDestroy;
  };
  /** Who gets the detective control's alerts. @default none */
  readonly alertSubscriptions?: readonly AlertSubscriptionProps[];
  /** Service principal domain of the partition. @default "amazonaws.com" */
  readonly dnsSuffix?: string;
}

/**
 * Everything an auditor asks of an environment: the account trail (unless an organization trail records the
 * account), SageMaker's log groups encrypted before SageMaker creates them unencrypted, and the detective control
 * on non-compliant SageMaker create calls.
 */
export class EnvironmentAudit extends Construct {
  readonly detectiveControl: DetectiveControl;
  readonly sageMakerLogGroups?: SageMakerLogGroups;
  readonly trail?: AuditTrail;

  constructor(scope: Construct, id: string, props: EnvironmentAuditProps) {
    super(scope, id);
    if (props.trail) {
      if (!props.logGroups.trail) throw new Error("EnvironmentAudit: a trail needs logGroups.trail (auditLogGroupNames with accountTrail: true)");
      this.trail = new AuditTrail(this, "trail", {
        scope: props.scope,
        trailName: `${props.name}-trail`,
        keyAlias: `${props.aliasBase}/cloudtrail`,
        keyAdministratorArns: props.trail.keyAdministratorArns,
        bucketName: `${props.name}-cloudtrail-${props.scope.accountId}`,
        accessLogBucketName: `${props.name}-cloudtrail-access-logs-${props.scope.accountId}`,
        fileRetentionDays: props.trail.fileRetentionDays,
        onDestroy: props.trail.onDestroy,
        logGroupName: props.logGroups.trail,
        logsKmsKeyArn: props.logsKmsKeyArn,
        retentionDays: props.retentionDays,
        dataEvents: props.trail.dataEvents,
        dnsSuffix: props.dnsSuffix,
      });
    }
    if (props.logGroups.sageMaker.length > 0) {
      this.sageMakerLogGroups = new SageMakerLogGroups(this, "sagemaker-log-groups", {
        kmsKeyArn: props.logsKmsKeyArn,
        retentionDays: props.retentionDays,
      });
    }
    this.detectiveControl = new DetectiveControl(this, "detective-control", {
      scope: props.scope,
      name: props.name,
      keyAlias: `${props.aliasBase}/alerts`,
      subscriptions: props.alertSubscriptions,
      dnsSuffix: props.dnsSuffix,
    });
  }
}
