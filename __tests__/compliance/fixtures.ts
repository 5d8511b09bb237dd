/**
 * Small synthesized stacks for rule tests, written the way cdktf writes them (snake_case attributes, `${...}`
 * references, blocks as objects or lists). Builders return fresh objects, so a case can change one attribute.
 */
import { SynthModel, StackJson } from "../../checks/synthesized/model";

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export function stack(name: string, resource: Resources, extra: Record<string, unknown> = {}): StackJson {
  return { name, json: { resource, ...extra } };
}

export function app(...stacks: StackJson[]): SynthModel {
  return new SynthModel(stacks);
}

export const ACCOUNT = "123456789012";
const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;
export { ref };

export const rotatedKey = () => ({ enable_key_rotation: true, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] }) });

export function tlsDenyPolicy(bucket: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{
      Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
      Resource: [ref("aws_s3_bucket", bucket, "arn"), `${ref("aws_s3_bucket", bucket, "arn")}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    }],
  });
}

/** A bucket with every setting the S3 rules ask for, as separate resources linked by reference. */
export function secureBucket(name: string, key = "key", logTarget = "logs"): Resources {
  const on = { bucket: ref("aws_s3_bucket", name, "id") };
  return {
    aws_s3_bucket: { [name]: { bucket: `sds-dev-${name}-${ACCOUNT}` } },
    aws_s3_bucket_public_access_block: { [`${name}-pab`]: { ...on, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
    aws_s3_bucket_policy: { [`${name}-policy`]: { ...on, policy: tlsDenyPolicy(name) } },
    aws_s3_bucket_server_side_encryption_configuration: { [`${name}-sse`]: { ...on, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: ref("aws_kms_key", key, "arn") }, bucket_key_enabled: true }] } },
    aws_s3_bucket_versioning: { [`${name}-versioning`]: { ...on, versioning_configuration: { status: "Enabled" } } },
    aws_s3_bucket_logging: { [`${name}-logging`]: { ...on, target_bucket: ref("aws_s3_bucket", logTarget, "id"), target_prefix: `${name}/` } },
    aws_s3_bucket_ownership_controls: { [`${name}-ownership`]: { ...on, rule: { object_ownership: "BucketOwnerEnforced" } } },
    aws_s3_bucket_lifecycle_configuration: { [`${name}-lifecycle`]: { ...on, rule: [{ id: "abort-uploads", status: "Enabled", abort_incomplete_multipart_upload: { days_after_initiation: 7 } }] } },
  };
}

/** Merges resource maps (type by type). */
export function merge(...parts: Resources[]): Resources {
  const out: Resources = {};
  for (const p of parts) for (const [type, byName] of Object.entries(p)) out[type] = { ...out[type], ...byName };
  return out;
}

/** Removes one resource from a map (returns a copy). */
export function without(resources: Resources, type: string, name: string): Resources {
  const copy = structuredClone(resources);
  delete copy[type][name];
  return copy;
}

export function secureNotebook(): Record<string, unknown> {
  return {
    name: "alice", instance_type: "ml.t3.medium", role_arn: "arn:aws:iam::123456789012:role/x",
    direct_internet_access: "Disabled", root_access: "Disabled", platform_identifier: "notebook-al2023-v1",
    subnet_id: "${data.terraform_remote_state.cross-stack-reference-input-dev-platform.outputs.subnet}",
    security_groups: ["${data.terraform_remote_state.cross-stack-reference-input-dev-platform.outputs.sg}"],
    kms_key_id: ref("aws_kms_key", "key", "arn"),
    instance_metadata_service_configuration: [{ minimum_instance_metadata_service_version: "2" }],
  };
}

export function secureTrail(): Record<string, unknown> {
  return {
    name: "trail", s3_bucket_name: "trail-bucket", is_multi_region_trail: true, include_global_service_events: true,
    enable_log_file_validation: true, kms_key_id: ref("aws_kms_key", "key", "arn"),
    cloud_watch_logs_group_arn: `${ref("aws_cloudwatch_log_group", "trail", "arn")}:*`, cloud_watch_logs_role_arn: ref("aws_iam_role", "trail", "arn"),
    advanced_event_selector: [
      { name: "management", field_selector: [{ field: "eventCategory", equals: ["Management"] }] },
      { name: "s3-data", field_selector: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "resources.ARN", starts_with: ["arn:aws:s3:::sds-dev-"] }] },
    ],
  };
}

export function policyOf(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
