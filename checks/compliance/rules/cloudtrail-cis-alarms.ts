import { CIS_MONITORING, CisMonitoringControl } from "../../../lib/domain/catalogue/cis-monitoring";
import { block, SynthModel, SynthResource } from "../../synthesized/model";
import { fail, pass, Rule } from "../rule";

/** Filter patterns compared without their spacing (CloudWatch ignores it). */
const normalized = (pattern: unknown): string => String(pattern).replace(/\s+/g, "");

/** The log group a trail delivers to, when it is a resource of the app (an organization trail's is not). */
function trailLogGroup(trail: SynthResource, app: SynthModel): SynthResource | undefined {
  return app.resolve(trail.stack, trail.attrs.cloud_watch_logs_group_arn, "aws_cloudwatch_log_group");
}

/**
 * One rule per CIS v3.0 section 4 control (4.1-4.15), all of the same shape, so they are made here from the catalogue
 * (lib/domain/catalogue/cis-monitoring.ts) rather than written out fifteen times: a trail that delivers to a log group of the
 * app has a metric filter on that group with the control's pattern, and an alarm on the filter's metric that notifies
 * someone (alarm_actions).
 */
function cisAlarmRule(c: CisMonitoringControl): Rule {
  return {
    id: `cloudtrail-alarm-${c.id}`,
    title: `The trail's log group has a metric filter and an alarm for: ${c.title}`,
    ids: [`CIS ${c.control}`],
    appliesTo: ["aws_cloudtrail"],
    when: (r, app) => trailLogGroup(r, app) !== undefined,
    check: (r, app) => {
      const group = trailLogGroup(r, app)!;
      const filters = app.attachedTo(group, "aws_cloudwatch_log_metric_filter", "log_group_name", "name")
        .filter((f) => normalized(f.attrs.pattern) === normalized(c.pattern));
      if (filters.length === 0) return fail(`no metric filter on ${group.address} has the CIS ${c.control} pattern`);
      const metrics = filters.map((f) => block(f.attrs.metric_transformation)).filter((m) => m !== undefined);
      const alarmed = app.ofType("aws_cloudwatch_metric_alarm").some((a) =>
        metrics.some((m) => a.attrs.metric_name === m.name && a.attrs.namespace === m.namespace)
        && Array.isArray(a.attrs.alarm_actions) && a.attrs.alarm_actions.length > 0);
      return alarmed ? pass : fail(`no aws_cloudwatch_metric_alarm with alarm_actions watches the metric of the CIS ${c.control} filter (${metrics.map((m) => `${m.namespace}/${m.name}`).join(", ")})`);
    },
    why: `CIS ${c.control}: without an alarm, ${c.title.toLowerCase()} is recorded but nobody is told, and the window to react closes unseen.`,
    fix: "Keep audit.cisAlarms on (the default with an account trail): lib/constructs/audit/cis-alarms.ts creates the filter (pattern from lib/domain/catalogue/cis-monitoring.ts) and an alarm to the alert topic.",
  };
}

export const cloudtrailCisAlarms: readonly Rule[] = CIS_MONITORING.map(cisAlarmRule).sort((a, b) => a.id.localeCompare(b.id));
