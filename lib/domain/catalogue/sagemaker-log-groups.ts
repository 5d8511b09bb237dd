/**
 * The CloudWatch log groups SageMaker writes to, one per account and region (AWS data, not a choice of this app):
 * the audit module creates them encrypted before SageMaker would create them unencrypted.
 */
export const SAGEMAKER_LOG_GROUPS = ["NotebookInstances", "TrainingJobs", "ProcessingJobs", "TransformJobs", "Endpoints"] as const;
export type SageMakerLogGroupKind = (typeof SAGEMAKER_LOG_GROUPS)[number];

export function sageMakerLogGroupName(kind: SageMakerLogGroupKind): string {
  return `/aws/sagemaker/${kind}`;
}

/**
 * Hosted endpoints log to one group per endpoint, `/aws/sagemaker/Endpoints/<endpoint name>`: whoever creates an
 * endpoint creates this group first (with EncryptedLogGroup); the environment's logs key admits these names.
 */
export function endpointLogGroupName(endpointName: string): string {
  return `${sageMakerLogGroupName("Endpoints")}/${endpointName}`;
}
