import { passIf, Rule } from "../rule";

/** What CloudWatch.16 and CKV_AWS_338 ask for. */
export const MIN_RETENTION_DAYS = 365;

export const logGroupRetention: Rule = {
  id: "log-group-retention",
  title: `Log groups keep events for at least ${MIN_RETENTION_DAYS} days`,
  ids: ["FSBP CloudWatch.16", "CKV_AWS_338"],
  appliesTo: ["aws_cloudwatch_log_group"],
  check: (r) => {
    const days = Number(r.attrs.retention_in_days ?? 0);
    // 0 (or unset) means "never expire", which keeps events longer than any minimum.
    return passIf(days === 0 || days >= MIN_RETENTION_DAYS, `retention_in_days is ${days}`);
  },
  why: "Investigations often start months after the event; shorter retention deletes the evidence.",
  fix: `Set logs.retentionDays to ${MIN_RETENTION_DAYS} or more; a shorter period needs logs.shortRetentionReason, which becomes a suppression of this rule for that environment.`,
};
