import { all, passIf, Rule } from "../rule";

export const cloudtrailCloudwatchLogs: Rule = {
  id: "cloudtrail-cloudwatch-logs",
  title: "Trails deliver to CloudWatch Logs",
  ids: ["FSBP CloudTrail.5", "CKV2_AWS_10"],
  appliesTo: ["aws_cloudtrail"],
  check: (r) => all(
    passIf(Boolean(r.attrs.cloud_watch_logs_group_arn), "cloud_watch_logs_group_arn is not set"),
    passIf(Boolean(r.attrs.cloud_watch_logs_role_arn), "cloud_watch_logs_role_arn is not set"),
  ),
  why: "Metric filters and alarms on API activity (and the detective EventBridge rules) need the events in CloudWatch Logs.",
  fix: "Set cloud_watch_logs_group_arn (\"<log group ARN>:*\") and cloud_watch_logs_role_arn (a role CloudTrail assumes to write there).",
};
