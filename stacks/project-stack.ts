import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { EnvironmentConfig, ProjectConfig } from "../config/schema";
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
  constructor(scope: Construct, id: string, props: ProjectStackProps) {
    super(scope, id);
    const env = props.environment;
    const names = projectNames(props.prefix, env, props.project);
    awsProvider(this, props.prefix, env, projectTags(props.project));

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
