import { Construct } from "constructs";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { CisMonitoringControl } from "../../domain/catalogue/cis-monitoring";

/** CIS v3.0 4.1-4.15: the metric namespace, and per control one name for its filter, metric and alarm. */
export interface CisAlarmNames {
  /** `<prefix>/<environment>/cis`. */
  readonly namespace: string;
  /** `<base>-cis-<control>-<id>`, e.g. `sds-dev-cis-4.1-unauthorized-api-calls`, in catalogue order. */
  readonly alarms: readonly { readonly control: CisMonitoringControl; readonly name: string }[];
}

export interface CisAlarmsProps {
  /** The trail's log group (a reference, so the filters wait for it). */
  readonly logGroupName: string;
  /** The namespace and per-control names, from the plan (`TrailNames.cisAlarms`). */
  readonly names: CisAlarmNames;
  /** The SNS topic the alarms notify (the environment's alert topic). */
  readonly topicArn: string;
}

/**
 * CIS AWS Foundations v3.0 4.1-4.15: for each control a metric filter on the trail's log group (the benchmark's
 * pattern, counting 1 per matching event) and an alarm that goes off on the first match in a 5-minute period and
 * notifies the alert topic. No data is not a breach (treat_missing_data = notBreaching): most periods have no match.
 */
export class CisAlarms extends Construct {
  /** Alarm ARNs by CIS control ("4.1" → ARN). */
  readonly alarmArns: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: CisAlarmsProps) {
    super(scope, id);
    for (const { control, name } of props.names.alarms) {
      const filter = new CloudwatchLogMetricFilter(this, `filter-${control.id}`, {
        name,
        logGroupName: props.logGroupName,
        pattern: control.pattern,
        metricTransformation: { name, namespace: props.names.namespace, value: "1", defaultValue: "0" },
      });
      const alarm = new CloudwatchMetricAlarm(this, `alarm-${control.id}`, {
        alarmName: name,
        alarmDescription: `CIS AWS Foundations v3.0 ${control.control}: ${control.title} (CloudTrail, metric filter ${name})`,
        namespace: props.names.namespace,
        metricName: name,
        statistic: "Sum",
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [props.topicArn],
        dependsOn: [filter],
      });
      this.alarmArns[control.control] = alarm.arn;
    }
  }
}
