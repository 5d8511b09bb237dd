/**
 * Every rule of the pack, alphabetical by id. One rule per file in rules/; adding a rule is a file and a line here.
 * The CIS section 4 alarm rules are one family made from the catalogue in one file (rules/cloudtrail-cis-alarms.ts).
 */
import { bucketPolicyIdentityPerimeter } from "./rules/bucket-policy-identity-perimeter";
import { cloudtrailCisAlarms } from "./rules/cloudtrail-cis-alarms";
import { cloudtrailCloudwatchLogs } from "./rules/cloudtrail-cloudwatch-logs";
import { cloudtrailKms } from "./rules/cloudtrail-kms";
import { cloudtrailLogValidation } from "./rules/cloudtrail-log-validation";
import { cloudtrailMultiRegion } from "./rules/cloudtrail-multi-region";
import { cloudtrailS3DataEvents } from "./rules/cloudtrail-s3-data-events";
import { iamNoAdminStatement } from "./rules/iam-no-admin-statement";
import { iamNoKmsDecryptAllKeys } from "./rules/iam-no-kms-decrypt-all-keys";
import { iamNoServiceWildcard } from "./rules/iam-no-service-wildcard";
import { iamResourceWildcardScopable } from "./rules/iam-resource-wildcard-scopable";
import { kmsKeyExplicitPolicy } from "./rules/kms-key-explicit-policy";
import { kmsKeyNoPublicPrincipal } from "./rules/kms-key-no-public-principal";
import { kmsKeyRotation } from "./rules/kms-key-rotation";
import { logGroupKms } from "./rules/log-group-kms";
import { logGroupRetention } from "./rules/log-group-retention";
import { noTrustOfAccountRoot } from "./rules/no-trust-of-account-root";
import { notebookImdsv2 } from "./rules/notebook-imdsv2";
import { notebookInVpc } from "./rules/notebook-in-vpc";
import { notebookKmsCmk } from "./rules/notebook-kms-cmk";
import { notebookNoDirectInternet } from "./rules/notebook-no-direct-internet";
import { notebookNoRootAccess } from "./rules/notebook-no-root-access";
import { notebookPlatformAl2023 } from "./rules/notebook-platform-al2023";
import { s3AccessLogging } from "./rules/s3-access-logging";
import { s3DenyInsecureTransport } from "./rules/s3-deny-insecure-transport";
import { s3KmsCmkEncryption } from "./rules/s3-kms-cmk-encryption";
import { s3Lifecycle } from "./rules/s3-lifecycle";
import { s3OwnershipEnforced } from "./rules/s3-ownership-enforced";
import { s3PublicAccessBlock } from "./rules/s3-public-access-block";
import { s3Versioning } from "./rules/s3-versioning";
import { sagemakerDomainKmsCmk } from "./rules/sagemaker-domain-kms-cmk";
import { sagemakerDomainVpcOnly } from "./rules/sagemaker-domain-vpc-only";
import { sagemakerModelNetworkIsolation } from "./rules/sagemaker-model-network-isolation";
import { securityGroupDescribed } from "./rules/security-group-described";
import { securityGroupNoWorldIngress } from "./rules/security-group-no-world-ingress";
import { snsTopicKms } from "./rules/sns-topic-kms";
import { subnetNoPublicIp } from "./rules/subnet-no-public-ip";
import { vpcDefaultSecurityGroupClosed } from "./rules/vpc-default-security-group-closed";
import { vpcEndpointPolicyPinsResourceAccount } from "./rules/vpc-endpoint-policy-pins-resource-account";
import { vpcFlowLogs } from "./rules/vpc-flow-logs";
import type { Rule } from "./rule";

export const RULES: readonly Rule[] = [
  bucketPolicyIdentityPerimeter,
  ...cloudtrailCisAlarms,
  cloudtrailCloudwatchLogs,
  cloudtrailKms,
  cloudtrailLogValidation,
  cloudtrailMultiRegion,
  cloudtrailS3DataEvents,
  iamNoAdminStatement,
  iamNoKmsDecryptAllKeys,
  iamNoServiceWildcard,
  iamResourceWildcardScopable,
  kmsKeyExplicitPolicy,
  kmsKeyNoPublicPrincipal,
  kmsKeyRotation,
  logGroupKms,
  logGroupRetention,
  noTrustOfAccountRoot,
  notebookImdsv2,
  notebookInVpc,
  notebookKmsCmk,
  notebookNoDirectInternet,
  notebookNoRootAccess,
  notebookPlatformAl2023,
  s3AccessLogging,
  s3DenyInsecureTransport,
  s3KmsCmkEncryption,
  s3Lifecycle,
  s3OwnershipEnforced,
  s3PublicAccessBlock,
  s3Versioning,
  sagemakerDomainKmsCmk,
  sagemakerDomainVpcOnly,
  sagemakerModelNetworkIsolation,
  securityGroupDescribed,
  securityGroupNoWorldIngress,
  snsTopicKms,
  subnetNoPublicIp,
  vpcDefaultSecurityGroupClosed,
  vpcEndpointPolicyPinsResourceAccount,
  vpcFlowLogs,
];

export { RULE_IDS } from "./rule-ids";
