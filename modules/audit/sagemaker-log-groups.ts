import { Construct } from "constructs";
import { EncryptedLogGroup } from "./encrypted-log-group";

/** The log groups SageMaker writes to, one per account and region; created here before SageMaker would create them unencrypted. */
export const SAGEMAKER_LOG_GROUPS = ["NotebookInstances", "TrainingJobs", "ProcessingJobs", "TransformJobs", "Endpoints"] as const;

export function sageMakerLogGroupName(kind: (typeof SAGEMAKER_LOG_GROUPS)[number]): string {
  return `/aws/sagemaker/${kind}`;
}

/**
 * Hosted endpoints log to one group per endpoint, `/aws/sagemaker/Endpoints/<endpoint name>`: whoever creates an
 * endpoint creates this group first (with EncryptedLogGroup); the environment's logs key admits these names.
 */
export function endpointLogGroupName(endpointName: string): string {
  return `${sageMakerLogGroupName("Endpoints")}/${endpointName}`;
}

export interface SageMakerLogGroupsProps {
  /** Customer-managed key whose policy lets CloudWatch Logs use it for these groups. */
  readonly kmsKeyArn: string;
  /** Days to keep events; one of CloudWatch's retention periods. */
  readonly retentionDays: number;
}

/** SageMaker's account-wide log groups, KMS-encrypted and with a retention. */
export class SageMakerLogGroups extends Construct {
  /** Log group ARNs by kind. */
  readonly arns: Readonly<Record<(typeof SAGEMAKER_LOG_GROUPS)[number], string>>;

  constructor(scope: Construct, id: string, props: SageMakerLogGroupsProps) {
    super(scope, id);
    this.arns = Object.fromEntries(SAGEMAKER_LOG_GROUPS.map((kind) => [kind, new EncryptedLogGroup(this, kind, {
      name: sageMakerLogGroupName(kind),
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.retentionDays,
    }).arn])) as Record<(typeof SAGEMAKER_LOG_GROUPS)[number], string>;
  }
}
