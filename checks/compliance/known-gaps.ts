/**
 * The deliberate, explained gaps of the product: suppressions the default config carries (and a config without a
 * `compliance` section inherits). Each names the rule, the resources (a glob over construct paths or Terraform
 * addresses) and why the control is not met. Adding one needs a reason a security reviewer would accept.
 */
export interface SuppressionSpec {
  /** Rule id from the registry, e.g. "s3-access-logging". */
  readonly rule: string;
  /**
   * Which resources: a glob (`*` = any characters, `/` included) matched against the construct path
   * (`dev-project-fraud/buckets/access-logs/bucket`) and the Terraform address (`dev-project-fraud/aws_s3_bucket.x`).
   */
  readonly resource: string;
  /** Why the control is deliberately not met, in words a reviewer can check. */
  readonly reason: string;
}

export const KNOWN_GAPS: readonly SuppressionSpec[] = [
  {
    rule: "notebook-platform-al2023",
    resource: "*",
    reason: "FSBP SageMaker.8 asks for notebook-al2023-v1, which hashicorp/aws 5.100.0 (the pinned provider) rejects in validation; notebooks use the newest platform it accepts until the provider upgrade.",
  },
  {
    rule: "s3-access-logging",
    resource: "*/access-logs/bucket",
    reason: "This is the access-log bucket: logging it into itself would log its own log deliveries forever; API calls that change it are recorded by the trail's management events, and only the logging service may write to it.",
  },
  {
    rule: "s3-kms-cmk-encryption",
    resource: "*/access-logs/bucket",
    reason: "S3 server access log delivery supports only SSE-S3 (AES256) default encryption on the target bucket, not SSE-KMS; the bucket still denies non-TLS access and blocks public access.",
  },
];
