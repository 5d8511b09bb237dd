/**
 * Every rule of the pack against a small passing and a small failing fixture. The table must cover every rule in
 * the registry (a new rule without cases fails the first test).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../../checks/compliance/engine";
import type { SynthModel } from "../../checks/synthesized/model";
import { RULES } from "../../checks/compliance/registry";
import { CIS_MONITORING } from "../../lib/domain/catalogue/cis-monitoring";
import { RULE_IDS } from "../../checks/compliance/rule-ids";
import { ACCOUNT, app, merge, policyOf, ref, Resources, rotatedKey, secureBucket, secureNotebook, secureTrail, stack, without } from "./fixtures";

interface Case {
  readonly pass: SynthModel;
  readonly fail: SynthModel;
  /** Address of the resource that must fail, and a fragment of the failure's detail. */
  readonly failing: string;
  readonly detail: RegExp;
}

const KEY: Resources = { aws_kms_key: { key: rotatedKey() } };
const one = (resources: Resources) => app(stack("s", merge(KEY, resources)));
const notebook = (changes: Record<string, unknown>) => one({ aws_sagemaker_notebook_instance: { nb: { ...secureNotebook(), ...changes } } });
const trail = (changes: Record<string, unknown>) => one({ aws_cloudtrail: { t: { ...secureTrail(), ...changes } } });
const bucket = (change: (r: Resources) => Resources = (r) => r) => one(change(secureBucket("data")));
const iamPolicy = (...statements: Record<string, unknown>[]) => one({ aws_iam_policy: { p: { name: "p", policy: policyOf(...statements) } } });
const vpc = (extra: Resources) => one(merge({ aws_vpc: { v: { cidr_block: "10.0.0.0/16" } } }, extra));
const STUDIO_SG = ["${aws_security_group.studio.id}"];
const domain = (changes: Record<string, unknown>) => one({ aws_sagemaker_domain: { d: {
  domain_name: "d", auth_mode: "IAM", app_network_access_type: "VpcOnly", kms_key_id: ref("aws_kms_key", "key", "arn"), vpc_id: "vpc", subnet_ids: ["subnet-1"],
  default_user_settings: { execution_role: "r", security_groups: STUDIO_SG }, default_space_settings: { execution_role: "r", security_groups: STUDIO_SG }, ...changes,
} } });
const SCOPED = { Effect: "Allow", Action: ["s3:GetObject"], Resource: [`${ref("aws_s3_bucket", "data", "arn")}/*`] };

/** Endpoint policies as the perimeter design (point 2) writes them, and the ways they go wrong. */
const OWN = { "aws:PrincipalAccount": ACCOUNT };
const S3_OWN_PINNED = { Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::sds-dev-*", "arn:aws:s3:::sds-dev-*/*"],
  Condition: { StringEquals: { ...OWN, "s3:ResourceAccount": ACCOUNT } } };
const ECR_LAYERS = { Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*"] };
const INTERFACE_PINNED = { Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: OWN, StringEqualsIfExists: { "aws:ResourceAccount": ACCOUNT } } };
const endpoint = (service: string, type: "Gateway" | "Interface", ...statements: Record<string, unknown>[]) =>
  ({ vpc_id: "vpc-1", service_name: service, vpc_endpoint_type: type, ...(statements.length ? { policy: policyOf(...statements) } : {}) });
const endpoints = (e: Record<string, Record<string, unknown>>) => one({ aws_vpc_endpoint: e });
/** Bucket policy statements: the network fence (outside the endpoint) and the identity perimeter (named roles only). */
const DATA = [ref("aws_s3_bucket", "data", "arn"), `${ref("aws_s3_bucket", "data", "arn")}/*`];
const VPC_FENCE = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: DATA, Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } };
const IDENTITY_FENCE = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: DATA,
  Condition: { ArnNotLike: { "aws:PrincipalArn": [`arn:aws:iam::${ACCOUNT}:role/sagemaker-project/sds-dev-fraud-*`] }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } };
/** A role trusting `principal` for sts:AssumeRole, with optional conditions. */
const trusting = (principal: unknown, condition?: Record<string, unknown>) =>
  ({ assume_role_policy: policyOf({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }) });

/** Cross-stack: the key lives in the platform stack, the notebook refers to it through cdktf's remote state output. */
function crossStackNotebook(rotation: boolean): SynthModel {
  const platform = stack("dev-platform", { aws_kms_key: { key: { ...rotatedKey(), enable_key_rotation: rotation } } }, {
    output: { "cross-stack-output-aws_kms_keykeyarn": { value: ref("aws_kms_key", "key", "arn"), sensitive: true } },
  });
  const project = stack("dev-project-x", { aws_sagemaker_notebook_instance: { nb: { ...secureNotebook(), kms_key_id: "${data.terraform_remote_state.cross-stack-reference-input-dev-platform.outputs.cross-stack-output-aws_kms_keykeyarn}" } } });
  return app(platform, project);
}

/** A trail with its log group, a filter with `pattern`, and an alarm on the filter's metric (with or without an action). */
const cisMonitored = (pattern: string, alarmActions: string[]) => one({
  aws_cloudtrail: { t: secureTrail() },
  aws_cloudwatch_log_group: { trail: { name: "/sds/dev/cloudtrail", kms_key_id: ref("aws_kms_key", "key", "arn"), retention_in_days: 365 } },
  aws_cloudwatch_log_metric_filter: { f: { name: "f", log_group_name: ref("aws_cloudwatch_log_group", "trail", "name"), pattern, metric_transformation: { name: "m", namespace: "sds/dev/cis", value: "1" } } },
  aws_cloudwatch_metric_alarm: { a: { alarm_name: "a", namespace: "sds/dev/cis", metric_name: "m", alarm_actions: alarmActions } },
});
const CIS_CASES: Record<string, Case> = Object.fromEntries(CIS_MONITORING.flatMap((c, i) => [[`cloudtrail-alarm-${c.id}`, {
  pass: cisMonitored(c.pattern.replace(/ /g, "  "), ["arn:aws:sns:eu-west-1:123456789012:alerts"]),
  // Odd controls: the alarm notifies nobody; even ones: the filter has another control's pattern.
  fail: i % 2 === 0 ? cisMonitored(c.pattern, []) : cisMonitored(CIS_MONITORING[(i + 1) % CIS_MONITORING.length].pattern, ["arn:aws:sns:eu-west-1:123456789012:alerts"]),
  failing: "s/aws_cloudtrail.t", detail: i % 2 === 0 ? /no aws_cloudwatch_metric_alarm with alarm_actions/ : new RegExp(`no metric filter on s/aws_cloudwatch_log_group.trail has the CIS ${c.control.replace(".", "\\.")} pattern`),
}]]));

const CASES: Record<string, Case> = {
  ...CIS_CASES,
  "bucket-policy-identity-perimeter": {
    pass: bucket((r) => merge(r, { aws_s3_bucket_policy: { "data-policy": { bucket: ref("aws_s3_bucket", "data", "id"), policy: policyOf(VPC_FENCE, IDENTITY_FENCE) } } })),
    // Fenced to the VPC, but any role of the account (`role/*`) passes the identity check: no perimeter.
    fail: bucket((r) => merge(r, { aws_s3_bucket_policy: { "data-policy": { bucket: ref("aws_s3_bucket", "data", "id"),
      policy: policyOf(VPC_FENCE, { ...IDENTITY_FENCE, Condition: { ArnNotLike: { "aws:PrincipalArn": [`arn:aws:iam::${ACCOUNT}:role/*`] } } }) } } })),
    failing: "s/aws_s3_bucket.data", detail: /no statement denies s3:\* to "\*" unless aws:PrincipalArn is one of named roles/,
  },
  "vpc-endpoint-policy-pins-resource-account": {
    pass: endpoints({
      s3: endpoint("com.amazonaws.eu-west-1.s3", "Gateway", S3_OWN_PINNED, ECR_LAYERS),
      sts: endpoint("com.amazonaws.eu-west-1.sts", "Interface", INTERFACE_PINNED),
      // ECR: the catalogue records that SageMaker's images live in AWS-owned registries (foreignResources).
      ecr: endpoint("com.amazonaws.eu-west-1.ecr.dkr", "Interface", { ...INTERFACE_PINNED, Condition: { StringEquals: OWN } }),
      // The notebook endpoint takes no policy.
      notebook: endpoint("aws.sagemaker.eu-west-1.notebook", "Interface"),
    }),
    fail: endpoints({
      // Admits the name pattern in any account: a bucket "sds-dev-x" of another account would receive the data.
      s3: endpoint("com.amazonaws.eu-west-1.s3", "Gateway", { ...S3_OWN_PINNED, Condition: { StringEquals: OWN } }, ECR_LAYERS),
      logs: endpoint("com.amazonaws.eu-west-1.logs", "Interface", { ...INTERFACE_PINNED, Condition: { StringEquals: OWN } }),
      kms: endpoint("com.amazonaws.eu-west-1.kms", "Interface"),
    }),
    failing: "s/aws_vpc_endpoint.s3", detail: /Allow of s3:GetObject, s3:PutObject, s3:ListBucket on arn:aws:s3:::sds-dev-\*.* without s3:ResourceAccount or aws:ResourceAccount/,
  },
  "no-trust-of-account-root": {
    pass: one({ aws_iam_role: {
      person: trusting({ AWS: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataScientist_0123` }),
      service: trusting({ Service: "sagemaker.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": ACCOUNT } }),
      denied: { assume_role_policy: policyOf({ Effect: "Deny", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }) },
    } }),
    // MFA narrows who of the account, but still leaves the choice to every identity policy of it: not enough.
    fail: one({ aws_iam_role: {
      mfa: trusting({ AWS: [`arn:aws:iam::${ACCOUNT}:role/ci`, `arn:aws-us-gov:iam::${ACCOUNT}:root`] }, { Bool: { "aws:MultiFactorAuthPresent": "true" } }),
      bare: trusting({ AWS: ACCOUNT }),
    } }),
    failing: "s/aws_iam_role.mfa", detail: /trusts arn:aws-us-gov:iam::123456789012:root for sts:AssumeRole/,
  },
  "notebook-no-direct-internet": { pass: notebook({}), fail: notebook({ direct_internet_access: undefined }), failing: "s/aws_sagemaker_notebook_instance.nb", detail: /Enabled \(the default\)/ },
  "notebook-in-vpc": { pass: notebook({}), fail: notebook({ subnet_id: undefined }), failing: "s/aws_sagemaker_notebook_instance.nb", detail: /subnet_id is missing/ },
  "notebook-no-root-access": { pass: notebook({}), fail: notebook({ root_access: undefined }), failing: "s/aws_sagemaker_notebook_instance.nb", detail: /root_access/ },
  "notebook-platform-al2023": { pass: notebook({}), fail: notebook({ platform_identifier: "notebook-al2-v3" }), failing: "s/aws_sagemaker_notebook_instance.nb", detail: /notebook-al2-v3/ },
  "notebook-kms-cmk": { pass: crossStackNotebook(true), fail: crossStackNotebook(false), failing: "dev-project-x/aws_sagemaker_notebook_instance.nb", detail: /does not rotate/ },
  "notebook-imdsv2": { pass: notebook({}), fail: notebook({ instance_metadata_service_configuration: undefined }), failing: "s/aws_sagemaker_notebook_instance.nb", detail: /IMDSv1 allowed/ },
  "sagemaker-domain-vpc-only": {
    pass: domain({}),
    fail: domain({ app_network_access_type: undefined }),
    failing: "s/aws_sagemaker_domain.d", detail: /PublicInternetOnly \(the default\)/,
  },
  "sagemaker-domain-kms-cmk": { pass: domain({}), fail: domain({ kms_key_id: undefined }), failing: "s/aws_sagemaker_domain.d", detail: /kms_key_id is not set/ },
  "sagemaker-model-network-isolation": {
    pass: one({ aws_sagemaker_model: { m: { execution_role_arn: "r", enable_network_isolation: true } } }),
    fail: one({ aws_sagemaker_model: { m: { execution_role_arn: "r" } } }),
    failing: "s/aws_sagemaker_model.m", detail: /enable_network_isolation/,
  },
  "vpc-flow-logs": {
    pass: vpc({ aws_flow_log: { f: { vpc_id: ref("aws_vpc", "v", "id"), traffic_type: "ALL" } } }),
    fail: vpc({ aws_vpc: { other: {} }, aws_flow_log: { f: { vpc_id: ref("aws_vpc", "other", "id"), traffic_type: "ALL" } } }),
    failing: "s/aws_vpc.v", detail: /no aws_flow_log refers to this VPC/,
  },
  "vpc-default-security-group-closed": {
    pass: vpc({ aws_default_security_group: { d: { vpc_id: ref("aws_vpc", "v", "id") } } }),
    fail: vpc({ aws_default_security_group: { d: { vpc_id: ref("aws_vpc", "v", "id"), ingress: [{ protocol: "-1", self: true, from_port: 0, to_port: 0 }] } } }),
    failing: "s/aws_vpc.v", detail: /has ingress or egress rules/,
  },
  "subnet-no-public-ip": {
    pass: one({ aws_subnet: { a: { cidr_block: "10.0.0.0/24", map_public_ip_on_launch: false }, b: { cidr_block: "10.0.1.0/24" } } }),
    fail: one({ aws_subnet: { a: { cidr_block: "10.0.0.0/24", map_public_ip_on_launch: true } } }),
    failing: "s/aws_subnet.a", detail: /map_public_ip_on_launch is true/,
  },
  "security-group-no-world-ingress": {
    pass: one({ aws_security_group_rule: {
      in: { type: "ingress", description: "d", source_security_group_id: ref("aws_security_group", "g", "id"), from_port: 443, to_port: 443, protocol: "tcp" },
      out: { type: "egress", description: "d", cidr_blocks: ["0.0.0.0/0"], from_port: 443, to_port: 443, protocol: "tcp" },
    } }),
    fail: one({ aws_security_group: { g: { description: "d", ingress: [{ description: "ssh", cidr_blocks: ["10.0.0.0/8"], ipv6_cidr_blocks: ["::/0"], from_port: 22, to_port: 22, protocol: "tcp" }] } } }),
    failing: "s/aws_security_group.g", detail: /ingress from ::\/0/,
  },
  "security-group-described": {
    pass: one({ aws_security_group: { g: { description: "endpoints", ingress: [{ description: "https", self: true, from_port: 443, to_port: 443, protocol: "tcp" }] } } }),
    fail: one({ aws_security_group: { g: { description: "endpoints", ingress: [{ self: true, from_port: 443, to_port: 443, protocol: "tcp" }] } } }),
    failing: "s/aws_security_group.g", detail: /ingress\[0\]/,
  },
  "kms-key-rotation": {
    pass: one({ aws_kms_key: { signing: { customer_master_key_spec: "ECC_NIST_P256", key_usage: "SIGN_VERIFY", policy: "{}" } } }),
    fail: one({ aws_kms_key: { key: { ...rotatedKey(), enable_key_rotation: false } } }),
    failing: "s/aws_kms_key.key", detail: /enable_key_rotation/,
  },
  "kms-key-no-public-principal": {
    pass: one({ aws_kms_key: { key: { ...rotatedKey(), policy: policyOf({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } } }) } } }),
    fail: one({ aws_kms_key: { key: { ...rotatedKey(), policy: policyOf({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }) } } }),
    failing: "s/aws_kms_key.key", detail: /without a condition/,
  },
  "kms-key-explicit-policy": {
    pass: one({ aws_kms_key: { key: { enable_key_rotation: true } }, aws_kms_key_policy: { kp: { key_id: ref("aws_kms_key", "key", "id"), policy: "{}" } } }),
    fail: one({ aws_kms_key: { key: { enable_key_rotation: true } } }),
    failing: "s/aws_kms_key.key", detail: /default policy/,
  },
  "s3-public-access-block": { pass: bucket(), fail: bucket((r) => merge(r, { aws_s3_bucket_public_access_block: { "data-pab": { ...r.aws_s3_bucket_public_access_block["data-pab"], restrict_public_buckets: false } } })), failing: "s/aws_s3_bucket.data", detail: /not all of/ },
  "s3-deny-insecure-transport": {
    pass: bucket(),
    fail: bucket((r) => merge(r, { aws_s3_bucket_policy: { "data-policy": { bucket: ref("aws_s3_bucket", "data", "id"), policy: policyOf({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${ref("aws_s3_bucket", "data", "arn")}/*`, Condition: { Bool: { "aws:SecureTransport": "false" } } }) } } })),
    failing: "s/aws_s3_bucket.data", detail: /aws:SecureTransport is false/,
  },
  "s3-kms-cmk-encryption": { pass: bucket(), fail: bucket((r) => merge(r, { aws_s3_bucket_server_side_encryption_configuration: { "data-sse": { bucket: ref("aws_s3_bucket", "data", "id"), rule: { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } } } } })), failing: "s/aws_s3_bucket.data", detail: /AES256/ },
  "s3-versioning": { pass: bucket(), fail: bucket((r) => merge(r, { aws_s3_bucket_versioning: { "data-versioning": { bucket: ref("aws_s3_bucket", "data", "id"), versioning_configuration: { status: "Suspended" } } } })), failing: "s/aws_s3_bucket.data", detail: /not Enabled/ },
  "s3-access-logging": { pass: bucket(), fail: bucket((r) => without(r, "aws_s3_bucket_logging", "data-logging")), failing: "s/aws_s3_bucket.data", detail: /no aws_s3_bucket_logging/ },
  "s3-ownership-enforced": { pass: bucket(), fail: bucket((r) => merge(r, { aws_s3_bucket_ownership_controls: { "data-ownership": { bucket: ref("aws_s3_bucket", "data", "id"), rule: { object_ownership: "BucketOwnerPreferred" } } } })), failing: "s/aws_s3_bucket.data", detail: /BucketOwnerEnforced/ },
  "s3-lifecycle": { pass: bucket(), fail: bucket((r) => merge(r, { aws_s3_bucket_lifecycle_configuration: { "data-lifecycle": { bucket: ref("aws_s3_bucket", "data", "id"), rule: [{ id: "x", status: "Disabled" }] } } })), failing: "s/aws_s3_bucket.data", detail: /status Enabled/ },
  "cloudtrail-multi-region": { pass: trail({}), fail: trail({ is_multi_region_trail: false }), failing: "s/aws_cloudtrail.t", detail: /is_multi_region_trail/ },
  "cloudtrail-kms": { pass: trail({}), fail: trail({ kms_key_id: undefined }), failing: "s/aws_cloudtrail.t", detail: /kms_key_id is not set/ },
  "cloudtrail-log-validation": { pass: trail({}), fail: trail({ enable_log_file_validation: false }), failing: "s/aws_cloudtrail.t", detail: /enable_log_file_validation/ },
  "cloudtrail-cloudwatch-logs": { pass: trail({}), fail: trail({ cloud_watch_logs_role_arn: undefined }), failing: "s/aws_cloudtrail.t", detail: /cloud_watch_logs_role_arn/ },
  "cloudtrail-s3-data-events": {
    pass: trail({ advanced_event_selector: undefined, event_selector: [{ read_write_type: "All", include_management_events: true, data_resource: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::sds-dev-fraud-data-123456789012/"] }] }] }),
    fail: trail({ advanced_event_selector: [{ field_selector: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "readOnly", equals: ["false"] }] }] }),
    failing: "s/aws_cloudtrail.t", detail: /read and write/,
  },
  "log-group-kms": {
    pass: one({ aws_cloudwatch_log_group: { g: { name: "/x", kms_key_id: ref("aws_kms_key", "key", "arn"), retention_in_days: 365 } } }),
    fail: one({ aws_cloudwatch_log_group: { g: { name: "/x", retention_in_days: 365 } } }),
    failing: "s/aws_cloudwatch_log_group.g", detail: /kms_key_id is not set/,
  },
  "log-group-retention": {
    pass: one({ aws_cloudwatch_log_group: { g: { name: "/x", retention_in_days: 400 }, forever: { name: "/y" } } }),
    fail: one({ aws_cloudwatch_log_group: { g: { name: "/x", retention_in_days: 90 } } }),
    failing: "s/aws_cloudwatch_log_group.g", detail: /retention_in_days is 90/,
  },
  "iam-no-admin-statement": {
    pass: one({ aws_iam_role: { r: { assume_role_policy: "{}", inline_policy: [{ name: "i", policy: policyOf(SCOPED) }] } } }),
    fail: iamPolicy({ Effect: "Allow", Action: "*", Resource: "*" }),
    failing: "s/aws_iam_policy.p", detail: /Action "\*" on Resource "\*"/,
  },
  "iam-no-service-wildcard": {
    pass: iamPolicy({ Effect: "Allow", Action: ["sagemaker:Describe*"], Resource: "arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/*" }, { Effect: "Deny", Action: "s3:*", Resource: "*" }),
    fail: iamPolicy({ Effect: "Allow", Action: ["s3:*"], Resource: ref("aws_s3_bucket", "data", "arn") }),
    failing: "s/aws_iam_policy.p", detail: /allows s3:\*/,
  },
  "iam-no-kms-decrypt-all-keys": {
    pass: iamPolicy({ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: ref("aws_kms_key", "key", "arn") }),
    fail: iamPolicy({ Effect: "Allow", Action: ["kms:Decrypt*"], Resource: "arn:aws:kms:eu-west-1:123456789012:key/*" }),
    failing: "s/aws_iam_policy.p", detail: /kms:Decrypt on every key/,
  },
  "iam-resource-wildcard-scopable": {
    pass: iamPolicy({ Effect: "Allow", Action: ["sts:GetCallerIdentity", "ecr:GetAuthorizationToken", "sagemaker:ListNotebookInstances"], Resource: "*" }),
    fail: iamPolicy({ Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "s3:GetObject"], Resource: "*" }),
    failing: "s/aws_iam_policy.p", detail: /s3:GetObject/,
  },
  "sns-topic-kms": {
    pass: one({ aws_sns_topic: { t: { name: "t", kms_master_key_id: ref("aws_kms_key", "key", "id") } } }),
    fail: one({ aws_sns_topic: { t: { name: "t", kms_master_key_id: "alias/aws/sns" } } }),
    failing: "s/aws_sns_topic.t", detail: /AWS-managed key/,
  },
};

describe("compliance rules", () => {
  test("every rule of the registry has a passing and a failing case, and ids are unique", () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    // The config schema checks suppressions against the list of ids, which does not load the rules.
    expect([...RULE_IDS].sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  test.each(RULES.map((r) => [r.id, r] as const))("%s: passes its passing case and fails its failing case", (id, rule) => {
    const c = CASES[id];
    const passing = evaluate(c.pass, [rule]).findings;
    expect(passing.length).toBeGreaterThan(0);
    expect(passing.filter((f) => f.status !== "pass").map((f) => `${f.resource.address}: ${f.detail}`)).toEqual([]);

    const failing = evaluate(c.fail, [rule]).findings.filter((f) => f.status === "fail");
    expect(failing.map((f) => f.resource.address)).toContain(c.failing);
    expect(failing.find((f) => f.resource.address === c.failing)?.detail).toMatch(c.detail);
  });

  test("the compliance docs' rule table lists every rule with its standard ids", () => {
    const doc = readFileSync(join(__dirname, "..", "..", "docs", "compliance.md"), "utf8");
    for (const r of RULES) expect(doc).toContain(`| \`${r.id}\` | ${r.ids.join(", ")} |`);
  });

  test("vpc-endpoint-policy-pins-resource-account: an interface endpoint without the pin, or without any policy, fails too", () => {
    const rule = RULES.find((r) => r.id === "vpc-endpoint-policy-pins-resource-account")!;
    const failing = Object.fromEntries(evaluate(CASES[rule.id].fail, [rule]).findings.filter((f) => f.status === "fail").map((f) => [f.resource.address, f.detail]));
    expect(failing["s/aws_vpc_endpoint.logs"]).toMatch(/Allow of \* on \* without s3:ResourceAccount or aws:ResourceAccount/);
    expect(failing["s/aws_vpc_endpoint.kms"]).toMatch(/no endpoint policy on com\.amazonaws\.eu-west-1\.kms: the default policy allows every action/);
  });

  test.each(RULES.map((r) => [r.id, r] as const))("%s: carries standard ids, a reason and a fix", (_, rule) => {
    expect(rule.ids.length).toBeGreaterThan(0);
    // Standards first; "SDS DataPerimeter.<class>" is the product's own id (a class of docs/threat-model.md) where no standard has one.
    for (const id of rule.ids) expect(id).toMatch(/^(FSBP [A-Za-z0-9]+\.\d+|CIS \d+(\.\d+)+|CKV2?_AWS_\d+|AWS Config [A-Z0-9_]+|SDS DataPerimeter\.\d+)$/);
    expect(rule.why.length).toBeGreaterThan(30);
    expect(rule.fix.length).toBeGreaterThan(20);
  });
});
