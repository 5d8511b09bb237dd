/**
 * The rule AWS (or Terraform's backend) applies to each kind of name, as data: length limits and the allowed
 * pattern, with the reference in words. `nameProblem` says what is wrong with a name, or nothing.
 * Sources: the S3 user guide "Bucket naming rules"; IAM API reference (CreateRole, CreatePolicy, Path); KMS
 * CreateAlias; CloudWatch Logs CreateLogGroup; SageMaker CreateNotebookInstance/CreateCodeRepository/
 * CreateNotebookInstanceLifecycleConfig; CodeCommit quotas; DynamoDB, SNS, EventBridge, CloudTrail, EC2 and
 * CodeArtifact naming rules; S3 object keys (1,024 bytes of UTF-8); HCP Terraform workspace names.
 */
import type { NameKind } from "./plan";

export interface NameRule {
  /** What the rule is called in messages: "S3 bucket names". */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Length counted in UTF-8 bytes instead of characters. @default false */
  readonly bytes?: boolean;
  readonly pattern?: RegExp;
  /** The pattern in words. */
  readonly allowed?: string;
  /** Further checks: each returns a problem or undefined. */
  readonly extra?: readonly ((name: string) => string | undefined)[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export const NAME_RULES: Readonly<Record<NameKind, NameRule>> = {
  "s3-bucket": {
    label: "S3 bucket names", min: 3, max: 63,
    pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, allowed: "lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit",
    extra: [
      (n) => (n.includes("..") ? "must not contain two adjacent dots" : undefined),
      (n) => (IPV4.test(n) ? "must not be formatted as an IP address" : undefined),
      (n) => {
        const p = ["xn--", "sthree-", "amzn-s3-demo-"].find((x) => n.startsWith(x));
        return p ? `must not start with "${p}" (reserved by S3)` : undefined;
      },
      (n) => {
        const s = ["-s3alias", "--ol-s3", "--x-s3", "--table-s3", ".mrap"].find((x) => n.endsWith(x));
        return s ? `must not end with "${s}" (reserved by S3)` : undefined;
      },
    ],
  },
  "iam-role": { label: "IAM role names", min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, allowed: "letters, digits and _+=,.@-" },
  "iam-policy": { label: "IAM policy names", min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, allowed: "letters, digits and _+=,.@-" },
  "iam-path": { label: "IAM paths", min: 1, max: 512, pattern: /^\/([\x21-\x7e]+\/)?$/, allowed: "\"/\" or printable ASCII between slashes" },
  "kms-alias": {
    label: "KMS alias names", min: 7, max: 256, pattern: /^alias\/[a-zA-Z0-9/_-]+$/, allowed: "alias/ followed by letters, digits and /_-",
    extra: [(n) => (n.startsWith("alias/aws/") ? "must not start with alias/aws/ (reserved for AWS managed keys)" : undefined)],
  },
  "log-group": { label: "CloudWatch log group names", min: 1, max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, allowed: "letters, digits and ._-/#" },
  "sagemaker": { label: "SageMaker names", min: 1, max: 63, pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/, allowed: "letters, digits and hyphens, starting and ending with a letter or digit" },
  "codecommit": {
    label: "CodeCommit repository names", min: 1, max: 100, pattern: /^[\w.-]+$/, allowed: "letters, digits and ._-",
    extra: [(n) => (n.endsWith(".git") ? "must not end with .git" : undefined)],
  },
  "dynamodb-table": { label: "DynamoDB table names", min: 3, max: 255, pattern: /^[a-zA-Z0-9_.-]+$/, allowed: "letters, digits and _.-" },
  "sns-topic": { label: "SNS topic names", min: 1, max: 256, pattern: /^[a-zA-Z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores" },
  "eventbridge-rule": { label: "EventBridge rule names", min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/, allowed: "letters, digits and ._-" },
  "cloudtrail": { label: "CloudTrail trail names", min: 3, max: 128, pattern: /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, allowed: "letters, digits and ._-, starting and ending with a letter or digit" },
  "security-group": {
    label: "security group names", min: 1, max: 255, pattern: /^[\w .:/()#,@[\]+=&;{}!$*-]+$/, allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
    extra: [(n) => (n.startsWith("sg-") ? "must not start with sg-" : undefined)],
  },
  "codeartifact-domain": { label: "CodeArtifact domain names", min: 2, max: 50, pattern: /^[a-z][a-z0-9-]*[a-z0-9]$/, allowed: "lower-case letters, digits and hyphens, starting with a letter" },
  "codeartifact-repository": { label: "CodeArtifact repository names", min: 2, max: 100, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, allowed: "letters, digits and ._-" },
  "metric-filter": { label: "CloudWatch Logs metric filter names", min: 1, max: 512, pattern: /^[^:*]+$/, allowed: "any characters but : and *" },
  "metric-alarm": { label: "CloudWatch alarm names", min: 1, max: 255, pattern: /^[\x20-\x7e]+$/, allowed: "printable ASCII" },
  "organizations-policy": { label: "AWS Organizations policy names", min: 1, max: 128 },
  "state-key": { label: "S3 object keys (the state key)", min: 1, max: 1024, bytes: true },
  "resolver-endpoint": { label: "Route 53 Resolver endpoint names", min: 1, max: 64, pattern: /^[a-zA-Z0-9 _-]+$/, allowed: "letters, digits, spaces, hyphens and underscores",
    extra: [(n) => (/^[0-9]+$/.test(n) ? "must not be digits only" : undefined)] },
  "tfc-workspace": { label: "HCP Terraform workspace names", min: 1, max: 90, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores" },
};

export function nameLength(rule: NameRule, name: string): number {
  return rule.bytes ? Buffer.byteLength(name, "utf8") : [...name].length;
}

/** What is wrong with `name` under the rule of `kind`, in words; undefined when it is fine. */
export function nameProblem(kind: NameKind, name: string): { problem: string; over?: number } | undefined {
  const rule = NAME_RULES[kind];
  const length = nameLength(rule, name);
  const unit = rule.bytes ? "bytes" : "characters";
  if (length > rule.max) return { problem: `is ${length} ${unit}; ${rule.label} are at most ${rule.max}`, over: length - rule.max };
  if (length < rule.min) return { problem: `is ${length} ${unit}; ${rule.label} are at least ${rule.min}` };
  if (rule.pattern && !rule.pattern.test(name)) return { problem: `does not follow ${rule.label}: ${rule.allowed}` };
  for (const check of rule.extra ?? []) {
    const p = check(name);
    if (p) return { problem: `${p} (${rule.label})` };
  }
  return undefined;
}
