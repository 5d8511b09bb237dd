import { Construct } from "constructs";
import { ArnScope } from "../../domain/policy/document";
import { OnDestroy } from "../storage/secure-bucket";
import { AuditTrail, S3DataEvents } from "./audit-trail";
import { CisAlarmNames, CisAlarms } from "./cis-alarms";
import { AlertSubscriptionProps, DetectiveControl } from "./detective-control";
import { SageMakerLogGroups } from "./sagemaker-log-groups";

/** Names of the environment's audit log groups, derived the same way for the logs key policy and the groups. */
export interface AuditLogGroupNames {
  /** The trail's CloudWatch Logs group, when the environment has its own trail. */
  readonly trail?: string;
  /** SageMaker's groups (and the per-endpoint wildcard), when this environment owns them. */
  readonly sageMaker: readonly string[];
}

/** The environment's own trail: its names, when the environment has one (`audit.trail: account`). */
export interface TrailNames {
  /** The trail: `<base>-trail`. */
  readonly name: string;
  /** Role CloudTrail assumes to deliver to the trail's log group: `<base>-trail-to-cloudwatch-logs`. */
  readonly deliveryRole: string;
  /** Alias of the trail key, without `alias/`: `<prefix>/<environment>/cloudtrail`. */
  readonly keyAlias: string;
  /** `<base>-cloudtrail-<account>`. */
  readonly bucket: string;
  /** Bucket receiving the trail bucket's server access logs: `<base>-cloudtrail-access-logs-<account>`. */
  readonly accessLogBucket: string;
  /** The CIS section 4 metric filters and alarms on the trail's log group, unless `audit.cisAlarms` is false. */
  readonly cisAlarms?: CisAlarmNames;
}

export interface EnvironmentAuditProps {
  readonly scope: ArnScope;
  /** `<prefix>-<environment>`: the label descriptions start with. */
  readonly name: string;
  /** From the plan (`auditLogGroupNames` in app/plan/plan.ts); every name must be admitted by the logs key's policy. */
  readonly logGroups: AuditLogGroupNames;
  /** The detective control's names, from the plan (`EnvironmentPlan.names`). */
  readonly alerts: { readonly topicName: string; readonly ruleName: string; readonly keyAlias: string };
  /** The environment's logs key. */
  readonly logsKmsKeyArn: string;
  /** Retention of every audit log group. */
  readonly retentionDays: number;
  /**
   * The environment's own trail; absent when an organization trail records the account (then no trail, trail key,
   * trail buckets or trail log group are made). @default none
   */
  readonly trail?: {
    /** The trail's names, from the plan (`EnvironmentPlan.names.trail`). */
    readonly names: TrailNames;
    /** Buckets whose object-level reads and writes are recorded (every project's); the trail's own are always left out. @default none */
    readonly dataEvents?: S3DataEvents;
    /** Days the log and digest files are kept in S3. */
    readonly fileRetentionDays: number;
    /** @default "delete-if-empty" */
    readonly onDestroy?: OnDestroy;
    /** S3 Object Lock (GOVERNANCE) retention of the trail's files, in days. @default no Object Lock */
    readonly objectLockRetentionDays?: number;
  };
  /** Administrators of the trail key and the alert topic's key (deploy and break-glass roles). @default the account root */
  readonly keyAdministratorArns?: readonly string[];
  /** Read-only principals of `terraform plan`: they read the keys' configuration. @default none */
  readonly keyPlanPrincipalArns?: readonly string[];
  /**
   * The only principals that may delete or overwrite audit evidence (trail files and access logs): the break-glass
   * role(s). @default none (nobody; the lifecycle rules still expire files)
   */
  readonly evidenceBreakGlassArns?: readonly string[];
  /**
   * The only principals that may change the trail buckets' configuration or delete them: the deploy principals and
   * the break-glass role(s) (the plan's `evidenceAdministrators`). Needed with a trail.
   */
  readonly evidenceConfigurationArns: readonly string[];
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
  /** CIS v3.0 4.1-4.15 filters and alarms on the trail's log group, when the trail's names plan them. */
  readonly cisAlarms?: CisAlarms;

  constructor(scope: Construct, id: string, props: EnvironmentAuditProps) {
    super(scope, id);
    if (props.trail) {
      if (!props.logGroups.trail) throw new Error("EnvironmentAudit: a trail needs logGroups.trail (the plan has none without an account trail)");
      const names = props.trail.names;
      this.trail = new AuditTrail(this, "trail", {
        scope: props.scope,
        trailName: names.name,
        keyAlias: names.keyAlias,
        keyAdministratorArns: props.keyAdministratorArns,
        keyPlanPrincipalArns: props.keyPlanPrincipalArns,
        evidenceBreakGlassArns: props.evidenceBreakGlassArns,
        evidenceConfigurationArns: props.evidenceConfigurationArns,
        bucketName: names.bucket,
        accessLogBucketName: names.accessLogBucket,
        fileRetentionDays: props.trail.fileRetentionDays,
        onDestroy: props.trail.onDestroy,
        objectLockRetentionDays: props.trail.objectLockRetentionDays,
        logGroupName: props.logGroups.trail,
        deliveryRoleName: names.deliveryRole,
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
      topicName: props.alerts.topicName,
      ruleName: props.alerts.ruleName,
      keyAlias: props.alerts.keyAlias,
      keyAdministratorArns: props.keyAdministratorArns,
      keyPlanPrincipalArns: props.keyPlanPrincipalArns,
      subscriptions: props.alertSubscriptions,
      dnsSuffix: props.dnsSuffix,
      alarmNamePattern: this.trail && props.trail?.names.cisAlarms ? cisAlarmPattern(props.trail.names.cisAlarms.alarms.map((a) => a.name)) : undefined,
    });
    const cis = props.trail?.names.cisAlarms;
    if (this.trail && cis) {
      this.cisAlarms = new CisAlarms(this, "cis-alarms", { logGroupName: this.trail.logGroupName, names: cis, topicArn: this.detectiveControl.topicArn });
    }
  }
}

/** The longest common start of the alarm names, with `*`: the topic policy's pattern that admits exactly this family. */
function cisAlarmPattern(names: readonly string[]): string {
  let common = names[0] ?? "";
  for (const n of names) while (!n.startsWith(common)) common = common.slice(0, -1);
  return `${common}*`;
}
