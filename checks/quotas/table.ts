/**
 * The AWS quotas a synthesized app is counted against before anything is applied (checks/quotas/count.ts counts), in
 * one table: the default value AWS documents, whether it can be raised, where it is documented, and which
 * synthesized resources count against it. Values are AWS's defaults; an account may have been granted more, which
 * is why an adjustable quota only warns. Checked 2026-11 against the pages in `source`.
 */

/** What one unit of a quota is counted over. */
export type QuotaScope =
  /** Per AWS account, all Regions together (IAM and S3 bucket names are global). */
  | "account"
  /** Per AWS account and Region. */
  | "region"
  /** Per CloudTrail trail. */
  | "trail"
  /** Per VPC. */
  | "vpc";

export interface Quota {
  /** Name as the Service Quotas console (or the service's quota page) shows it. */
  readonly name: string;
  /** Service Quotas service code, e.g. "iam". */
  readonly service: string;
  /** Service Quotas quota code, when the quota is listed there. @default none (quote the name) */
  readonly code?: string;
  readonly scope: QuotaScope;
  /** AWS's default value. */
  readonly value: number;
  /** False: a hard limit, which refuses the config; true: a warning, as the account may have been granted more. */
  readonly adjustable: boolean;
  /** What is counted: these Terraform resource types (for "trail" and "vpc" scopes, see checks/quotas/count.ts). */
  readonly counts: readonly string[];
  /** The documentation page the value comes from. */
  readonly source: string;
  /** How to stay under it when it cannot be raised (hard limits only). @default none */
  readonly fix?: string;
}

export const QUOTAS = {
  iamRoles: {
    name: "Roles per account", service: "iam", code: "L-FE177D64", scope: "account", value: 1000, adjustable: true,
    counts: ["aws_iam_role"], source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html",
  },
  iamPolicies: {
    name: "Customer managed policies per account", service: "iam", code: "L-E95E4862", scope: "account", value: 1500, adjustable: true,
    counts: ["aws_iam_policy"], source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html",
  },
  s3Buckets: {
    name: "General purpose buckets", service: "s3", code: "L-DC2B2D3D", scope: "account", value: 10_000, adjustable: true,
    counts: ["aws_s3_bucket"], source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html",
  },
  kmsKeys: {
    name: "Customer Master Keys (CMKs)", service: "kms", code: "L-C2F1777E", scope: "region", value: 100_000, adjustable: true,
    counts: ["aws_kms_key"], source: "https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html",
  },
  logGroups: {
    name: "Log groups", service: "logs", scope: "region", value: 1_000_000, adjustable: true,
    counts: ["aws_cloudwatch_log_group"], source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html",
  },
  vpcs: {
    name: "VPCs per Region", service: "vpc", code: "L-F678F1CE", scope: "region", value: 5, adjustable: true,
    counts: ["aws_vpc"], source: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
  },
  interfaceEndpointsPerVpc: {
    name: "Interface VPC endpoints per VPC", service: "vpc", scope: "vpc", value: 50, adjustable: true,
    counts: ["aws_vpc_endpoint"], source: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html",
  },
  trails: {
    // A multi-region trail is a trail in every Region of its account, so it counts against every Region's five.
    name: "Trails per Region", service: "cloudtrail", scope: "region", value: 5, adjustable: false,
    counts: ["aws_cloudtrail"], source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html",
    fix: "let an AWS Organizations trail record the account (audit.trail: organization, audit.organizationTrailArn) in the environments beyond five, or move them to another account",
  },
  trailSelectorValues: {
    name: "Advanced event selectors (values across all conditions of a trail)", service: "cloudtrail", scope: "trail", value: 500, adjustable: false,
    counts: ["aws_cloudtrail"], source: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html",
    fix: "fewer values in the trail's advanced event selectors (lib/constructs/audit/audit-trail.ts)",
  },
} as const satisfies Record<string, Quota>;

export type QuotaId = keyof typeof QUOTAS;
