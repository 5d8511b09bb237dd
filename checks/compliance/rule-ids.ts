/**
 * The ids of the compliance rules, as data: what the config schema checks a suppression against, without loading
 * the rules. A test holds the registry's rules (registry.ts) and this list equal: a new rule adds its id here.
 * The CIS section 4 alarm rules (rules/cloudtrail-cis-alarms.ts) are one per control of the catalogue.
 */
import { CIS_MONITORING } from "../../lib/domain/catalogue/cis-monitoring";

export const RULE_IDS: readonly string[] = [
  "bucket-policy-identity-perimeter",
  ...CIS_MONITORING.map((c) => `cloudtrail-alarm-${c.id}`),
  "cloudtrail-cloudwatch-logs",
  "cloudtrail-kms",
  "cloudtrail-log-validation",
  "cloudtrail-multi-region",
  "cloudtrail-s3-data-events",
  "iam-no-admin-statement",
  "iam-no-kms-decrypt-all-keys",
  "iam-no-service-wildcard",
  "iam-resource-wildcard-scopable",
  "kms-key-explicit-policy",
  "kms-key-no-public-principal",
  "kms-key-rotation",
  "log-group-kms",
  "log-group-retention",
  "no-trust-of-account-root",
  "notebook-imdsv2",
  "notebook-in-vpc",
  "notebook-kms-cmk",
  "notebook-no-direct-internet",
  "notebook-no-root-access",
  "notebook-platform-al2023",
  "s3-access-logging",
  "s3-deny-insecure-transport",
  "s3-kms-cmk-encryption",
  "s3-lifecycle",
  "s3-ownership-enforced",
  "s3-public-access-block",
  "s3-versioning",
  "sagemaker-domain-kms-cmk",
  "sagemaker-domain-vpc-only",
  "sagemaker-model-network-isolation",
  "security-group-described",
  "security-group-no-world-ingress",
  "sns-topic-kms",
  "subnet-no-public-ip",
  "vpc-default-security-group-closed",
  "vpc-endpoint-policy-pins-resource-account",
  "vpc-flow-logs",
];
