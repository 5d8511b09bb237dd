/**
 * Key policies as data: the account administers the key through IAM, and each AWS service that encrypts with it
 * gets its own statement, narrowed by encryption context or source ARN.
 */
import { accountRoot, ArnScope, Conditions, Statement } from "../../domain/policy/document";

/** What the key administrators may do: everything but using the key (the console's "key administrators" set). */
export const KEY_ADMIN_ACTIONS = [
  // kms:CreateAlias, not kms:Create*: that wildcard includes kms:CreateGrant, which would let an administrator grant
  // themselves (or anyone) use of the key without the kms:GrantIsForAWSResource condition below.
  "kms:CreateAlias", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
  "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
  "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
];

/**
 * What `terraform plan` reads of a key when it refreshes an `aws_kms_key` (hashicorp/aws: DescribeKey, GetKeyPolicy,
 * GetKeyRotationStatus, ListResourceTags): configuration only, no use of the key, no change.
 */
export const KEY_PLAN_READ_ACTIONS = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"];

/** Cryptographic use of a key by an AWS service on the customer's behalf. */
export const KEY_USE_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];

/** A service that may use the key, and the conditions that tie that use to this environment's resources. */
export interface ServiceKeyUse {
  /** Statement id, e.g. "LogsUseForFlowLogs". */
  readonly sid: string;
  /** Service principal, e.g. "logs.eu-west-1.amazonaws.com". */
  readonly service: string;
  /** @default KEY_USE_ACTIONS */
  readonly actions?: readonly string[];
  readonly conditions: Conditions;
}

/** Lets CloudWatch Logs use the key for the named log groups only (encryption context aws:logs:arn). */
export function logsServiceUse(scope: ArnScope, dnsSuffix: string, logGroupArns: readonly string[]): ServiceKeyUse {
  return {
    sid: "CloudWatchLogsUseForOwnLogGroups",
    service: `logs.${scope.region}.${dnsSuffix}`,
    conditions: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroupArns } },
  };
}

/**
 * Use of a key by principals of the account, but only through the named AWS services (`kms:ViaService`): a role
 * can have S3 or SageMaker encrypt and decrypt with the key on its behalf, never call KMS directly with it.
 * Grants (which services such as SageMaker and EBS create to use the key later) only for AWS resources.
 */
export interface PrincipalKeyUse {
  /** Statement id prefix, e.g. "ProjectRoles"; the statements are `<sid>ViaServices` and `<sid>GrantsForAwsResources`. */
  readonly sid: string;
  /**
   * IAM principal ARNs (wildcards allowed, e.g. `arn:aws:iam::111122223333:role/sds-dev-fraud-*`) that may use the
   * key. They are matched with `aws:PrincipalArn` under the account-root principal, so they need not exist when the
   * key is created and the key never depends on the roles (no dependency cycle when roles' policies name the key).
   * @default any principal of the account that its IAM policies allow (the account root delegates to IAM)
   */
  readonly principalArns?: readonly string[];
  /** Services that may use the key for these principals, by endpoint prefix: "s3", "sagemaker", "ec2", "codecommit"... */
  readonly viaServices: readonly string[];
  /** @default KEY_USE_ACTIONS */
  readonly actions?: readonly string[];
}

/** Grant management, for services that create grants on the caller's behalf (SageMaker, EBS). */
export const KEY_GRANT_ACTIONS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

/** The `kms:ViaService` value of a service in a region, e.g. "s3.eu-west-1.amazonaws.com". */
export function viaService(service: string, scope: ArnScope, dnsSuffix = "amazonaws.com"): string {
  return `${service}.${scope.region}.${dnsSuffix}`;
}

export function principalUseStatements(scope: ArnScope, use: PrincipalKeyUse, dnsSuffix = "amazonaws.com"): Statement[] {
  const principals: Conditions = use.principalArns?.length ? { ArnLike: { "aws:PrincipalArn": [...use.principalArns] } } : {};
  const via = { "kms:ViaService": use.viaServices.map((s) => viaService(s, scope, dnsSuffix)), "kms:CallerAccount": scope.accountId };
  const root = { AWS: accountRoot(scope) };
  return [
    { Sid: `${use.sid}ViaServices`, Effect: "Allow", Principal: root, Action: use.actions ?? KEY_USE_ACTIONS, Resource: "*",
      Condition: { StringEquals: via, ...principals } },
    { Sid: `${use.sid}GrantsForAwsResources`, Effect: "Allow", Principal: root, Action: KEY_GRANT_ACTIONS, Resource: "*",
      Condition: { StringEquals: via, Bool: { "kms:GrantIsForAWSResource": true }, ...principals } },
  ];
}

export interface KeyPolicyInput {
  readonly scope: ArnScope;
  /**
   * Principals that administer the key: the deploy principal(s) and the break-glass role(s). Only they (and the
   * account's root user) may change the key policy. @default the account root (delegating to IAM)
   */
  readonly administratorArns?: readonly string[];
  /**
   * Read-only principals that run `terraform plan`: they may read the key's configuration (`KEY_PLAN_READ_ACTIONS`),
   * never use or change it. @default none
   */
  readonly planPrincipalArns?: readonly string[];
  /** Principals of the account that may use the key directly, scoped by their IAM policies. */
  readonly userArns?: readonly string[];
  readonly services?: readonly ServiceKeyUse[];
  /** Statements that fit none of the above (e.g. decryption of CloudTrail log files by account principals). @default none */
  readonly additionalStatements?: readonly Statement[];
  /** Principals that may use the key only through AWS services (see `PrincipalKeyUse`). @default none */
  readonly principalUses?: readonly PrincipalKeyUse[];
  /** DNS suffix of the partition, for `kms:ViaService` values. @default "amazonaws.com" */
  readonly dnsSuffix?: string;
}

export function keyPolicyStatements(input: KeyPolicyInput): Statement[] {
  const root = accountRoot(input.scope);
  const named = input.administratorArns?.length ? [...input.administratorArns] : undefined;
  const statements: Statement[] = [
    // The key policy stays manageable: by the named administrators (deploy and break-glass roles) and the account's
    // root user itself - not by every IAM principal that holds kms:PutKeyPolicy (an over-privileged account
    // administrator could otherwise rewrite the policy and grant themselves the key). With no administrators named,
    // the account root delegates to IAM, as AWS's default key policy does.
    { Sid: "AccountRootManagesKeyPolicy", Effect: "Allow", Principal: { AWS: root }, Action: ["kms:PutKeyPolicy", "kms:GetKeyPolicy", "kms:DescribeKey"], Resource: "*",
      ...(named && { Condition: { ArnLike: { "aws:PrincipalArn": [...named, root] } } }) },
    { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: named ?? [root] }, Action: KEY_ADMIN_ACTIONS, Resource: "*" },
  ];
  if (input.planPrincipalArns?.length) {
    statements.push({ Sid: "KeyReadByPlanPrincipals", Effect: "Allow", Principal: { AWS: [...input.planPrincipalArns] }, Action: KEY_PLAN_READ_ACTIONS, Resource: "*" });
  }
  if (input.userArns?.length) {
    statements.push({ Sid: "KeyUseByAccountPrincipals", Effect: "Allow", Principal: { AWS: [...input.userArns] }, Action: KEY_USE_ACTIONS, Resource: "*" });
  }
  for (const use of input.principalUses ?? []) statements.push(...principalUseStatements(input.scope, use, input.dnsSuffix));
  for (const use of input.services ?? []) {
    statements.push({ Sid: use.sid, Effect: "Allow", Principal: { Service: use.service }, Action: use.actions ?? KEY_USE_ACTIONS, Resource: "*", Condition: use.conditions });
  }
  statements.push(...(input.additionalStatements ?? []));
  return statements;
}
