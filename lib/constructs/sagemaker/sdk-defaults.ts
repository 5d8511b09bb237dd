/**
 * The SageMaker Python SDK defaults file (`config.yaml`, SDK >= 2.148), as a pure function: jobs, models and endpoint
 * configs created from a notebook or Studio with the SDK then carry the environment's subnets and security groups, the
 * project's keys, network isolation and inter-container encryption without the user writing them, and so pass the
 * project roles' conditions instead of failing with AccessDenied. The notebook lifecycle script and the Studio
 * lifecycle configuration both write this one file.
 */

export interface SdkDefaults {
  /** The environment's private subnets. */
  readonly subnetIds: readonly string[];
  /** The environment's SageMaker security group(s) (the jobs' group, not Studio's). */
  readonly securityGroupIds: readonly string[];
  /** Key of job, model and endpoint volumes (the project's volumes key). */
  readonly volumeKeyArn: string;
  /** Key of job outputs (the project's data key). */
  readonly outputKeyArn: string;
}

/** Where the SDK reads the user's defaults file, relative to the home folder. */
export const SDK_DEFAULTS_PATH = ".config/sagemaker/config.yaml";

const list = (values: readonly string[]) => `[${values.map((v) => `"${v}"`).join(", ")}]`;

/** The YAML text of the defaults file (the SDK's documented schema: SageMaker.<resource>.<API field>). */
export function sdkDefaultsYaml(d: SdkDefaults): string {
  const vpc = (indent: string) => `${indent}VpcConfig:\n${indent}  Subnets: ${list(d.subnetIds)}\n${indent}  SecurityGroupIds: ${list(d.securityGroupIds)}`;
  return [
    "SchemaVersion: '1.0'",
    "SageMaker:",
    "  TrainingJob:",
    vpc("    "),
    "    EnableNetworkIsolation: true",
    "    EnableInterContainerTrafficEncryption: true",
    "    OutputDataConfig:",
    `      KmsKeyId: "${d.outputKeyArn}"`,
    "    ResourceConfig:",
    `      VolumeKmsKeyId: "${d.volumeKeyArn}"`,
    "  ProcessingJob:",
    "    NetworkConfig:",
    vpc("      "),
    "      EnableNetworkIsolation: true",
    "      EnableInterContainerTrafficEncryption: true",
    "    ProcessingOutputConfig:",
    `      KmsKeyId: "${d.outputKeyArn}"`,
    "    ProcessingResources:",
    "      ClusterConfig:",
    `        VolumeKmsKeyId: "${d.volumeKeyArn}"`,
    "  TransformJob:",
    "    TransformOutput:",
    `      KmsKeyId: "${d.outputKeyArn}"`,
    "    TransformResources:",
    `      VolumeKmsKeyId: "${d.volumeKeyArn}"`,
    "  Model:",
    vpc("    "),
    "    EnableNetworkIsolation: true",
    "  EndpointConfig:",
    `    KmsKeyId: "${d.volumeKeyArn}"`,
    "",
  ].join("\n");
}

/**
 * Bash lines that write the defaults file into `home` (owned by `owner` when the script runs as root). The YAML goes
 * through a quoted here-document, so the shell expands nothing in it.
 */
export function writeSdkDefaultsScript(d: SdkDefaults, home: string, owner?: string): string {
  const file = `${home}/${SDK_DEFAULTS_PATH}`;
  const dir = file.slice(0, file.lastIndexOf("/"));
  return [
    "# SageMaker Python SDK defaults: jobs started with the SDK get the environment's VPC, the project's keys, isolation and encryption.",
    `mkdir -p ${dir}`,
    `cat > ${file} <<'YAML'\n${sdkDefaultsYaml(d)}YAML`,
    ...(owner ? [`chown -R ${owner}:${owner} ${home}/.config`] : []),
  ].join("\n");
}
