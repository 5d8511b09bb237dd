import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { EnvironmentConfig, ProjectConfig } from "../config/schema";
import { ProjectKeys } from "../modules/encryption/project-keys";
import { ProjectBuckets } from "../modules/storage/project-buckets";
import { awsProvider, projectNames, projectTags } from "./environment";
import type { PlatformStack } from "./platform-stack";

export interface ProjectStackProps {
  readonly prefix: string;
  readonly environment: EnvironmentConfig;
  readonly project: ProjectConfig;
  /** The environment's platform stack; its attributes arrive here as cross-stack references. */
  readonly platform: PlatformStack;
}

/**
 * One per data science project: the project's keys, buckets, roles, notebooks and log groups, inside the
 * environment's network. Sections are filled by the data-protection, identity and audit modules.
 */
export class ProjectStack extends TerraformStack {
  /** The project's KMS keys: `data` (buckets, job outputs, code), `volumes` (EBS), `logs` (project log groups). */
  readonly keys: ProjectKeys;
  /** The project's buckets: `data`, `models`, `accessLogs`. */
  readonly buckets: ProjectBuckets;

  constructor(scope: Construct, id: string, props: ProjectStackProps) {
    super(scope, id);
    const env = props.environment;
    const names = projectNames(props.prefix, env, props.project);
    awsProvider(this, props.prefix, env, projectTags(props.project));

    // ---- data protection: keys and buckets (docs/data-protection.md) ----
    const dp = env.dataProtection;
    this.keys = new ProjectKeys(this, "keys", {
      scope: names.scope,
      dnsSuffix: names.dnsSuffix,
      name: names.base,
      aliasPrefix: `${props.prefix}/${env.name}/${props.project.name}`,
      administratorArns: dp.administratorArns,
    });
    this.buckets = new ProjectBuckets(this, "buckets", {
      scope: names.scope,
      bucketName: names.bucket,
      dataKeyArn: this.keys.data.keyArn,
      s3EndpointId: props.platform.s3Endpoint.endpointId,
      administratorArns: dp.administratorArns,
      noncurrentVersionDays: dp.noncurrentVersionDays,
      accessLogDays: env.logs.retentionDays,
      onDestroy: dp.bucketsOnDestroy,
    });
    new TerraformOutput(this, "data_protection", {
      description: "The project's KMS keys and buckets",
      value: {
        data_key_arn: this.keys.data.keyArn,
        volumes_key_arn: this.keys.volumes.keyArn,
        logs_key_arn: this.keys.logs.keyArn,
        data_bucket: this.buckets.data.bucketName,
        models_bucket: this.buckets.models.bucketName,
        access_logs_bucket: this.buckets.accessLogs.bucketName,
      },
    });

    new TerraformOutput(this, "network", {
      description: "The environment network this project runs in",
      value: {
        vpc_id: props.platform.network.vpcId,
        subnet_ids: props.platform.network.subnetIds,
        sagemaker_security_group_id: props.platform.securityGroups.sagemakerSecurityGroupId,
      },
    });
    new TerraformOutput(this, "name", { value: names.base, description: "Prefix of the project's resource names" });
  }
}
