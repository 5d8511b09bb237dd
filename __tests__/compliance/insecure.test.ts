/**
 * The pack as a whole on a deliberately insecure app (two stacks, written as cdktf synthesizes them): exactly the
 * expected failures, suppressions shown with their reasons, warn mode turning failures into warnings.
 */
import { evaluate, failures } from "../../checks/compliance/engine";
import { CIS_MONITORING } from "../../lib/domain/catalogue/cis-monitoring";
import { RULES } from "../../checks/compliance/registry";
import { formatFailures } from "../../checks/compliance/report";
import { app, policyOf, ref, stack } from "./fixtures";

const PLATFORM = "dev-platform";
const PROJECT = "dev-project-fraud";

function insecureApp() {
  const platform = stack(PLATFORM, {
    aws_vpc: { vpc: { cidr_block: "10.0.0.0/16" } },
    aws_subnet: { public: { vpc_id: ref("aws_vpc", "vpc", "id"), cidr_block: "10.0.0.0/24", map_public_ip_on_launch: true } },
    aws_security_group: { open: { vpc_id: ref("aws_vpc", "vpc", "id"), ingress: [{ from_port: 22, to_port: 22, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] }] } },
    aws_kms_key: {
      weak: { description: "no rotation, default policy" },
      public: { enable_key_rotation: true, policy: policyOf({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }) },
    },
    aws_cloudwatch_log_group: { logs: { name: "/x", retention_in_days: 30 } },
    // No endpoint policy: the default one allows everything, in every account.
    aws_vpc_endpoint: { s3: { vpc_id: ref("aws_vpc", "vpc", "id"), service_name: "com.amazonaws.eu-west-1.s3" } },
  }, { output: { "cross-stack-output-aws_kms_keyweakarn": { value: ref("aws_kms_key", "weak", "arn") }, "cross-stack-output-aws_cloudwatch_log_grouplogsarn": { value: ref("aws_cloudwatch_log_group", "logs", "arn") } } });
  const project = stack(PROJECT, {
    aws_s3_bucket: { data: { bucket: "sds-dev-fraud-data-123456789012" } },
    // Settings written with the literal bucket name instead of a reference: still linked to the bucket.
    aws_s3_bucket_versioning: { v: { bucket: "sds-dev-fraud-data-123456789012", versioning_configuration: { status: "Enabled" } } },
    aws_sagemaker_notebook_instance: { nb: { name: "nb", instance_type: "ml.t3.medium", role_arn: "r", kms_key_id: "${data.terraform_remote_state.cross-stack-reference-input-dev-platform.outputs.cross-stack-output-aws_kms_keyweakarn}" } },
    aws_sagemaker_model: { m: { execution_role_arn: "r" } },
    aws_sagemaker_domain: { studio: { domain_name: "studio", auth_mode: "IAM", vpc_id: "v", subnet_ids: ["s"], default_user_settings: { execution_role: "r" } } },
    // Delivers to a log group (without a delivery role), and no metric filter watches it.
    aws_cloudtrail: { t: { name: "t", s3_bucket_name: "b", cloud_watch_logs_group_arn: "${data.terraform_remote_state.cross-stack-reference-input-dev-platform.outputs.cross-stack-output-aws_cloudwatch_log_grouplogsarn}:*" } },
    aws_iam_policy: { admin: { policy: policyOf({ Effect: "Allow", Action: "*", Resource: "*" }) } },
    aws_sns_topic: { alerts: { name: "alerts" } },
    // Fenced to the VPC endpoint, but any principal of the account reaches it from there.
    aws_s3_bucket_policy: { data: { bucket: "sds-dev-fraud-data-123456789012", policy: policyOf({ Effect: "Deny", Principal: "*", Action: "s3:*",
      Resource: ["arn:aws:s3:::sds-dev-fraud-data-123456789012", "arn:aws:s3:::sds-dev-fraud-data-123456789012/*"], Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } }) } },
    aws_iam_role: { anyone: { assume_role_policy: policyOf({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }) } },
  });
  return app(platform, project);
}

const P = (type: string, name: string) => `${PLATFORM}/${type}.${name}`;
const J = (type: string, name: string) => `${PROJECT}/${type}.${name}`;

const EXPECTED = [
  ["vpc-flow-logs", P("aws_vpc", "vpc")],
  ["vpc-default-security-group-closed", P("aws_vpc", "vpc")],
  ["subnet-no-public-ip", P("aws_subnet", "public")],
  ["security-group-no-world-ingress", P("aws_security_group", "open")],
  ["security-group-described", P("aws_security_group", "open")],
  ["kms-key-rotation", P("aws_kms_key", "weak")],
  ["kms-key-explicit-policy", P("aws_kms_key", "weak")],
  ["kms-key-no-public-principal", P("aws_kms_key", "public")],
  ["log-group-kms", P("aws_cloudwatch_log_group", "logs")],
  ["log-group-retention", P("aws_cloudwatch_log_group", "logs")],
  ...["s3-public-access-block", "s3-deny-insecure-transport", "s3-kms-cmk-encryption", "s3-access-logging", "s3-ownership-enforced", "s3-lifecycle"].map((r) => [r, J("aws_s3_bucket", "data")]),
  ...["notebook-no-direct-internet", "notebook-in-vpc", "notebook-no-root-access", "notebook-platform-al2023", "notebook-kms-cmk", "notebook-imdsv2"].map((r) => [r, J("aws_sagemaker_notebook_instance", "nb")]),
  ["sagemaker-model-network-isolation", J("aws_sagemaker_model", "m")],
  ...["sagemaker-domain-vpc-only", "sagemaker-domain-kms-cmk"].map((r) => [r, J("aws_sagemaker_domain", "studio")]),
  ...["cloudtrail-multi-region", "cloudtrail-kms", "cloudtrail-log-validation", "cloudtrail-cloudwatch-logs", "cloudtrail-s3-data-events"].map((r) => [r, J("aws_cloudtrail", "t")]),
  ...CIS_MONITORING.map((c) => [`cloudtrail-alarm-${c.id}`, J("aws_cloudtrail", "t")]),
  ...["iam-no-admin-statement", "iam-no-service-wildcard", "iam-no-kms-decrypt-all-keys", "iam-resource-wildcard-scopable"].map((r) => [r, J("aws_iam_policy", "admin")]),
  ["sns-topic-kms", J("aws_sns_topic", "alerts")],
  ["vpc-endpoint-policy-pins-resource-account", P("aws_vpc_endpoint", "s3")],
  ["no-trust-of-account-root", J("aws_iam_role", "anyone")],
  ["bucket-policy-identity-perimeter", J("aws_s3_bucket", "data")],
].map(([rule, address]) => `${rule} ${address}`).sort();

describe("the pack on an insecure app", () => {
  test("produces exactly the expected failures: every rule of the pack but s3-versioning", () => {
    const report = evaluate(insecureApp(), RULES);
    expect(failures(report).map((f) => `${f.rule.id} ${f.resource.address}`).sort()).toEqual(EXPECTED);
    expect([...new Set(failures(report).map((f) => f.rule.id))].sort()).toEqual(RULES.map((r) => r.id).filter((id) => id !== "s3-versioning").sort());
    // The one thing done right: versioning, linked by the literal bucket name.
    expect(report.findings.find((f) => f.rule.id === "s3-versioning")?.status).toBe("pass");
  });

  test("the failure message names the rule, its standard ids, the resource and the fix", () => {
    const message = formatFailures(evaluate(insecureApp(), RULES));
    expect(message).toContain(`FAIL notebook-no-direct-internet [FSBP SageMaker.1, CKV_AWS_122] ${PROJECT}/aws_sagemaker_notebook_instance.nb`);
    expect(message).toContain("fix: Set direct_internet_access = \"Disabled\"");
    expect(message).toContain(`kms_key_id refers to ${P("aws_kms_key", "weak")}, which does not rotate`);
  });

  test("suppressions turn matching failures into suppressed findings with their reason; unmatched ones are reported", () => {
    const suppressions = [
      { rule: "s3-access-logging", resource: "dev-project-*/aws_s3_bucket.data", reason: "test: the bucket is a log bucket of its own" },
      { rule: "vpc-flow-logs", resource: "prod-*", reason: "test: matches nothing in this app at all" },
    ];
    const report = evaluate(insecureApp(), RULES, { suppressions });
    const suppressed = report.findings.filter((f) => f.status === "suppressed");
    expect(suppressed.map((f) => [f.rule.id, f.suppression?.reason])).toEqual([["s3-access-logging", suppressions[0].reason]]);
    expect(failures(report)).toHaveLength(EXPECTED.length - 1);
    expect(report.unusedSuppressions).toEqual([suppressions[1]]);
  });

  test("warn mode reports every failure as a warning and fails nothing", () => {
    const report = evaluate(insecureApp(), RULES, { mode: "warn" });
    expect(failures(report)).toEqual([]);
    expect(report.counts.warn).toBe(EXPECTED.length);
  });
});
