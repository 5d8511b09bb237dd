/**
 * Key policies as data: the account administers the key through IAM, and each AWS service that encrypts with it
 * gets its own statement, narrowed by encryption context or source ARN.
 */
import { accountRoot, ArnScope, Conditions, Statement } from "../policy/document";

/** What the key administrators may do: everything but using the key (the console's "key administrators" set). */
export const KEY_ADMIN_ACTIONS = [
  "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
  "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
  "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
];

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

export interface KeyPolicyInput {
  readonly scope: ArnScope;
  /** Principals that administer the key. @default the account root (delegating to IAM) */
  readonly administratorArns?: readonly string[];
  /** Principals of the account that may use the key directly, scoped by their IAM policies. */
  readonly userArns?: readonly string[];
  readonly services?: readonly ServiceKeyUse[];
  /** Statements that fit none of the above (e.g. decryption of CloudTrail log files by account principals). @default none */
  readonly additionalStatements?: readonly Statement[];
}

export function keyPolicyStatements(input: KeyPolicyInput): Statement[] {
  const root = accountRoot(input.scope);
  const admins = input.administratorArns?.length ? [...input.administratorArns] : [root];
  const statements: Statement[] = [
    // The account root keeps the right to manage the key policy, so the key can never become unmanageable.
    { Sid: "AccountRootManagesKeyPolicy", Effect: "Allow", Principal: { AWS: root }, Action: ["kms:PutKeyPolicy", "kms:GetKeyPolicy", "kms:DescribeKey"], Resource: "*" },
    { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: admins }, Action: KEY_ADMIN_ACTIONS, Resource: "*" },
  ];
  if (input.userArns?.length) {
    statements.push({ Sid: "KeyUseByAccountPrincipals", Effect: "Allow", Principal: { AWS: [...input.userArns] }, Action: KEY_USE_ACTIONS, Resource: "*" });
  }
  for (const use of input.services ?? []) {
    statements.push({ Sid: use.sid, Effect: "Allow", Principal: { Service: use.service }, Action: use.actions ?? KEY_USE_ACTIONS, Resource: "*", Condition: use.conditions });
  }
  statements.push(...(input.additionalStatements ?? []));
  return statements;
}
