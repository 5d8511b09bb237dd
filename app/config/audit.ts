/**
 * Config of the audit layer and log retention: the trail, SageMaker's log groups, the detective control's alert
 * subscriptions, and how long log groups keep events. `schema.ts` plugs `Logs` and `Audit` into the environment and
 * calls `checkAudit` from its cross-field checks.
 */
import { z } from "zod";

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const Logs = z.strictObject({
  /** Retention of every log group the environment creates (flow logs, SageMaker, trail). */
  retentionDays: z.number().int().refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
    error: `must be one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
  }).default(365),
  /** Required when retentionDays is below 365 (CloudWatch.16 / CKV_AWS_338): why a shorter period is acceptable. */
  shortRetentionReason: z.string().min(10).optional(),
}).default({ retentionDays: 365 });

// --- audit (issue #5): trail, SageMaker log groups, detective-control alerts ---
/** Where the detective control's alerts go. http (plain text) is not accepted: alerts travel over TLS. */
export const ALERT_PROTOCOLS = ["email", "email-json", "https", "sqs", "lambda"] as const;

const AlertSubscription = z.strictObject({
  protocol: z.enum(ALERT_PROTOCOLS, { error: `must be one of ${ALERT_PROTOCOLS.join(", ")} (plain http is refused: alerts must travel over TLS)` }),
  /** An e-mail address (email, email-json), an https:// URL, or the ARN of an SQS queue or Lambda function. */
  endpoint: z.string().min(1),
});

export const Audit = z.strictObject({
  /**
   * "account": the environment creates its own multi-region trail. "organization": the account is already recorded
   * by an AWS Organizations trail (set organizationTrailArn), and no account trail is made.
   */
  trail: z.enum(["account", "organization"], { error: "must be \"account\" (the environment makes its trail) or \"organization\" (an organization trail records the account)" }).default("account"),
  /** With trail = "organization": the organization trail the environment relies on (for the record and the outputs). */
  organizationTrailArn: z.string().regex(/^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9._-]{3,128}$/, { error: "must be a trail ARN such as arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail" }).optional(),
  /** Days the account trail's log and digest files (and their access logs) are kept in S3; at least a year. */
  trailFileRetentionDays: z.number().int().min(365, { error: "trail files must be kept at least 365 days (CIS, and most audit regimes ask for more); e.g. 2557 for seven years" }).max(36500).default(2557),
  /**
   * S3 Object Lock on the account trail's bucket, GOVERNANCE mode: every log and digest file version is kept at least
   * `retentionDays` (1-36500); only a principal allowed s3:BypassGovernanceRetention (the break-glass role) can
   * delete it earlier. Turning it on for an existing environment does NOT replace the trail bucket: the lock is
   * enabled through aws_s3_bucket_object_lock_configuration (S3 allows that on a versioned bucket since 2023-11),
   * not through aws_s3_bucket.object_lock_enabled, which forces a new bucket in hashicorp/aws 5.x. Once on, S3
   * Object Lock cannot be switched off; removing this setting only removes the default retention.
   * Measured and explained in docs/audit-object-lock.md. @default none
   */
  trailObjectLock: z.strictObject({
    retentionDays: z.number().int()
      .min(1, { error: "must be at least 1 day" })
      .max(36500, { error: "must be at most 36500 days (100 years, S3's limit)" }),
  }).optional(),
  /** Whether this environment creates SageMaker's account-wide log groups (/aws/sagemaker/...) in its account and region. */
  sageMakerLogGroups: z.boolean().default(true),
  /** Subscriptions of the detective control's alert topic. */
  alertSubscriptions: z.array(AlertSubscription).default([]),
  /**
   * CIS AWS Foundations v3.0 section 4 (4.1-4.15): a metric filter on the account trail's log group and an alarm to the
   * alert topic for each monitored event (lib/domain/catalogue/cis-monitoring.ts). @default on with an account trail; with an
   * organization trail the log group is in another account, so the alarms belong there
   */
  cisAlarms: z.boolean().optional(),
}).default({ trail: "account", trailFileRetentionDays: 2557, sageMakerLogGroups: true, alertSubscriptions: [] });
// --- end audit ---

const ALERT_ENDPOINTS: Record<(typeof ALERT_PROTOCOLS)[number], { pattern: RegExp; example: string }> = {
  "email": { pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, example: "security-alerts@example.com" },
  "email-json": { pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, example: "security-alerts@example.com" },
  "https": { pattern: /^https:\/\/[^\s/]+\.[^\s]+$/, example: "https://alerts.example.com/sagemaker" },
  "sqs": { pattern: /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/, example: "arn:aws:sqs:eu-west-1:123456789012:security-alerts" },
  "lambda": { pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$/, example: "arn:aws:lambda:eu-west-1:123456789012:function:triage" },
};

/** Cross-field rules; `report(message, ...path)` with a path relative to the environment's `audit`. */
export function checkAudit(env: { readonly audit: z.infer<typeof Audit> }, report: (message: string, ...path: (string | number)[]) => void): void {
  const audit = env.audit;
  if (audit.trail === "organization" && !audit.organizationTrailArn) {
    report("with trail \"organization\" the environment relies on an organization trail; set audit.organizationTrailArn to its ARN (or use trail \"account\")", "organizationTrailArn");
  }
  if (audit.trailObjectLock && audit.trail !== "account") {
    report("Object Lock applies to the environment's own trail bucket, and with trail \"organization\" there is none; remove trailObjectLock (lock the organization trail's bucket where it lives) or use trail \"account\"", "trailObjectLock");
  }
  if (audit.trailObjectLock && audit.trailObjectLock.retentionDays > audit.trailFileRetentionDays) {
    report(`files would stay locked ${audit.trailObjectLock.retentionDays} days but expire after trailFileRetentionDays (${audit.trailFileRetentionDays}); lock them for at most ${audit.trailFileRetentionDays} days, or keep them longer`, "trailObjectLock", "retentionDays");
  }
  if (audit.cisAlarms === true && audit.trail !== "account") {
    report("the CIS alarms watch the environment's own trail log group, and with trail \"organization\" there is none in this account; remove cisAlarms (set the alarms up on the organization trail's log group where it lives) or use trail \"account\"", "cisAlarms");
  }
  if (audit.trail === "account" && audit.organizationTrailArn) {
    report("an organization trail ARN is only used with trail \"organization\"; remove it, or set audit.trail: organization to turn the account trail off", "organizationTrailArn");
  }
  const seen = new Set<string>();
  audit.alertSubscriptions.forEach((s, j) => {
    const rule = ALERT_ENDPOINTS[s.protocol];
    if (!rule.pattern.test(s.endpoint)) {
      report(`"${s.endpoint}" is not a valid ${s.protocol} endpoint (e.g. ${rule.example})`, "alertSubscriptions", j, "endpoint");
    }
    const key = `${s.protocol} ${s.endpoint}`;
    if (seen.has(key)) report(`${key} is subscribed twice; remove one`, "alertSubscriptions", j);
    seen.add(key);
  });
}
