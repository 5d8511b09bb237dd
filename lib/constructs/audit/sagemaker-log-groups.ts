import { Construct } from "constructs";
import { EncryptedLogGroup } from "./encrypted-log-group";
import { SAGEMAKER_LOG_GROUPS, sageMakerLogGroupName } from "../../domain/catalogue/sagemaker-log-groups";

export { endpointLogGroupName, SAGEMAKER_LOG_GROUPS, sageMakerLogGroupName } from "../../domain/catalogue/sagemaker-log-groups";

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
