/**
 * CIS AWS Foundations Benchmark v3.0.0, section 4 (Monitoring), controls 4.1-4.15: a CloudWatch Logs metric filter
 * on the trail's log group and an alarm on its metric for each. The patterns are the benchmark's audit patterns
 * (CIS v3.0.0 section 4, the "Remediation" step of each control); where CIS relies on `&&` binding tighter than
 * `||` (4.1), the grouping is written out. 4.16 (Security Hub enabled) is an account setting, not a filter.
 * `__tests__/audit/cis-filters.test.ts` runs each pattern against recorded CloudTrail events (match and non-match).
 */

export interface CisMonitoringControl {
  /** The CIS v3.0 control number, e.g. "4.1". */
  readonly control: string;
  /** Kebab-case id, the end of the filter, metric and alarm names: "unauthorized-api-calls". */
  readonly id: string;
  /** What the alarm tells, for its description. */
  readonly title: string;
  /** The CloudWatch Logs JSON filter pattern. */
  readonly pattern: string;
}

const anyEvent = (names: readonly string[]): string => names.map((n) => `($.eventName = ${n})`).join(" || ");

export const CIS_MONITORING: readonly CisMonitoringControl[] = [
  {
    control: "4.1", id: "unauthorized-api-calls", title: "Unauthorized API calls",
    pattern: '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    control: "4.2", id: "console-signin-without-mfa", title: "Management console sign-in without MFA",
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    control: "4.3", id: "root-account-usage", title: "Usage of the root account",
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    control: "4.4", id: "iam-policy-changes", title: "IAM policy changes",
    pattern: `{ ${anyEvent(["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"])} }`,
  },
  {
    control: "4.5", id: "cloudtrail-changes", title: "CloudTrail configuration changes",
    pattern: `{ ${anyEvent(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"])} }`,
  },
  {
    control: "4.6", id: "console-authentication-failures", title: "Management console authentication failures",
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  {
    control: "4.7", id: "cmk-disable-or-deletion", title: "Disabling or scheduled deletion of customer-managed keys",
    pattern: `{ ($.eventSource = kms.amazonaws.com) && (${anyEvent(["DisableKey", "ScheduleKeyDeletion"])}) }`,
  },
  {
    control: "4.8", id: "s3-bucket-policy-changes", title: "S3 bucket policy changes",
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent(["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"])}) }`,
  },
  {
    control: "4.9", id: "config-changes", title: "AWS Config configuration changes",
    pattern: `{ ($.eventSource = config.amazonaws.com) && (${anyEvent(["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"])}) }`,
  },
  {
    control: "4.10", id: "security-group-changes", title: "Security group changes",
    pattern: `{ ${anyEvent(["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"])} }`,
  },
  {
    control: "4.11", id: "nacl-changes", title: "Network ACL changes",
    pattern: `{ ${anyEvent(["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"])} }`,
  },
  {
    control: "4.12", id: "network-gateway-changes", title: "Network gateway changes",
    pattern: `{ ${anyEvent(["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"])} }`,
  },
  {
    control: "4.13", id: "route-table-changes", title: "Route table changes",
    pattern: `{ ($.eventSource = ec2.amazonaws.com) && (${anyEvent(["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"])}) }`,
  },
  {
    control: "4.14", id: "vpc-changes", title: "VPC changes",
    pattern: `{ ${anyEvent(["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink"])} }`,
  },
  {
    control: "4.15", id: "organizations-changes", title: "AWS Organizations changes",
    pattern: `{ ($.eventSource = organizations.amazonaws.com) && (${anyEvent(["AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"])}) }`,
  },
];
