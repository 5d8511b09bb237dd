/**
 * What the project's policies are built from: plain strings (account, region, partition, ARNs, ids). The stack
 * passes Terraform tokens, the simulation tests pass concrete values; the builders cannot tell the difference.
 */
import { arn, ArnScope } from "../../domain/policy/document";
import { ROLE_NAMES, ROLE_PATH, type RoleName } from "../../domain/roles";
import { BATCH_MODEL_INFIX, TRANSFORM_OUTPUT_PREFIX } from "../../domain/batch-transform";

export { ROLE_NAMES, ROLE_PATH, type RoleName };

/**
 * Session and resource tag that ties a notebook to the person who may use it. The data scientist role allows
 * start/stop/open only where `sagemaker:ResourceTag/username` equals the caller's `aws:PrincipalTag/username`.
 */
export const OWNER_TAG = "username";

export interface ProjectScopeInput {
  readonly scope: ArnScope;
  /** DNS suffix of the partition, for `kms:ViaService` values. @default "amazonaws.com" */
  readonly dnsSuffix?: string;
  /**
   * `<prefix>-<environment>-<project>`: project resources (notebooks, jobs, models, endpoints, buckets) are named
   * `<base>-*`, and the policies address them by that pattern (the plan's `ProjectPlan.base`).
   */
  readonly projectBase: string;
  /** ARN of each project role (the plan's `roles[role].arn`): PassRole and AssumeRole grants name them. */
  readonly roleArns: Readonly<Record<RoleName, string>>;
  /** The environment's VPC: data channels (S3, logs reads, git, presigned URLs, invocations) only from inside it (`aws:SourceVpc`). */
  readonly vpcId: string;
  /** Instance types (and `ml.<family>.*` patterns) the project may use, per use (`sagemaker:InstanceTypes`). */
  readonly instanceTypes: { readonly notebooks: readonly string[]; readonly jobs: readonly string[]; readonly endpoints: readonly string[] };
  /** The environment's private subnets: the only ones notebooks, jobs and models may use. */
  readonly subnetIds: readonly string[];
  /** The project's compute security group(s): the only ones its notebooks, jobs and models may use (never another project's). */
  readonly securityGroupIds: readonly string[];
  /** ARNs of the project's notebook lifecycle configuration(s): the only ones a notebook instance may run. */
  readonly notebookLifecycleConfigArns: readonly string[];
  /** The `sagemaker.api` interface endpoint: presigned notebook URLs are only handed out through it. */
  readonly sagemakerApiEndpointId: string;
  /** The `notebook` interface endpoint: the browser's requests to an opened notebook arrive through it. @default none */
  readonly notebookEndpointId?: string;
  /** ARNs of the project's data buckets (read by jobs, read/write by notebooks). */
  readonly dataBucketArns: readonly string[];
  /** ARNs of the project's model-artifact buckets (written by jobs, read by hosting). */
  readonly modelBucketArns: readonly string[];
  /** KMS keys that encrypt objects in the project buckets (used only through S3: `kms:ViaService`). */
  readonly bucketKeyArns: readonly string[];
  /** KMS key every notebook, job, and endpoint volume must be encrypted with (`sagemaker:VolumeKmsKeyArn`). */
  readonly volumeKeyArn: string;
  /** KMS key every job output must be encrypted with (`sagemaker:OutputKmsKeyArn`). */
  readonly outputKeyArn: string;
  /** The project's CodeCommit repository and the key it is encrypted with, if any: notebooks pull and push there. @default none */
  readonly codeRepository?: { readonly arn: string; readonly keyArn: string };
  /**
   * Console mode (`identity.dataScientistConsole`): the data scientist role may list, describe, start and stop its own
   * notebooks, and list and describe its own jobs and endpoints, from outside the network (role-policies.ts `CONSOLE_ACTIONS`).
   * @default false
   */
  readonly dataScientistConsole?: boolean;
  /** The private package mirror (CodeArtifact), if enabled: notebooks and jobs read packages from it. @default none */
  readonly packageMirror?: { readonly domainArn: string; readonly repositoryArn: string };
}

/** SageMaker resource types the project creates, each named `<project base>-*`. */
export type SageMakerResource =
  | "notebook-instance" | "notebook-instance-lifecycle-config" | "training-job" | "processing-job"
  | "hyper-parameter-tuning-job" | "transform-job" | "model" | "endpoint-config" | "endpoint" | "code-repository";

/** ARN pattern of the project's SageMaker resources of a type (SageMaker ARNs carry lower-cased names). */
export function projectResources(input: ProjectScopeInput, type: SageMakerResource): string {
  return arn(input.scope, "sagemaker", `${type}/${input.projectBase.toLowerCase()}-*`);
}

/** ARN pattern of the project's batch models (`<project base>-batch-*`): run by transform jobs as the training role, never hosted. */
export function batchModels(input: ProjectScopeInput): string {
  return arn(input.scope, "sagemaker", `model/${input.projectBase.toLowerCase()}-${BATCH_MODEL_INFIX}-*`);
}

/** Where transform jobs write their results: `transform-output/` in each data bucket (the training role's only write there). */
export function transformOutputs(input: ProjectScopeInput): string[] {
  return input.dataBucketArns.map((b) => `${b}/${TRANSFORM_OUTPUT_PREFIX}*`);
}

/**
 * Log streams of the project in SageMaker's shared log groups: SageMaker names a stream after its notebook or job
 * (`<job name>/algo-1-...`, `<notebook name>/jupyter.log`, `<notebook name>/LifecycleConfigOnStart`), and every
 * project resource is named `<project base>-*` (the create grants name only such ARNs). Endpoint log groups are per
 * endpoint (`/aws/sagemaker/Endpoints/<endpoint name>`, streams `<variant>/<instance id>`). The same patterns bound
 * writers and readers, so no project writes a stream another project reads.
 */
export function projectLogStreams(input: ProjectScopeInput, kinds: readonly string[]): string[] {
  return kinds.map((k) => (k === "Endpoints"
    ? arn(input.scope, "logs", `log-group:/aws/sagemaker/Endpoints/${input.projectBase.toLowerCase()}-*:log-stream:*`)
    : arn(input.scope, "logs", `log-group:/aws/sagemaker/${k}:log-stream:${input.projectBase.toLowerCase()}-*`)));
}

/** The log groups `projectLogStreams` lives in (DescribeLogStreams is authorized on the group). */
export function projectLogGroups(input: ProjectScopeInput, kinds: readonly string[]): string[] {
  return kinds.map((k) => (k === "Endpoints"
    ? arn(input.scope, "logs", `log-group:/aws/sagemaker/Endpoints/${input.projectBase.toLowerCase()}-*`)
    : arn(input.scope, "logs", `log-group:/aws/sagemaker/${k}`)));
}

/** Bucket ARNs and their objects. */
export function bucketsAndObjects(bucketArns: readonly string[]): string[] {
  return bucketArns.flatMap((b) => [b, `${b}/*`]);
}

/** The service principal SageMaker assumes roles as. */
export function sagemakerService(): string {
  return "sagemaker.amazonaws.com";
}
