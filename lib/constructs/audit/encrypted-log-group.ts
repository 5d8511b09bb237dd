import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";

export interface EncryptedLogGroupProps {
  /** Log group name, e.g. "/sds/dev/vpc-flow-logs". */
  readonly name: string;
  /** Customer-managed key whose policy lets `logs.<region>.amazonaws.com` use it for this group. */
  readonly kmsKeyArn: string;
  /** Days to keep events; one of CloudWatch's retention periods. */
  readonly retentionDays: number;
}

/** The one way the product creates log groups: KMS-encrypted with a customer-managed key, with a retention. */
export class EncryptedLogGroup extends Construct {
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    const group = new CloudwatchLogGroup(this, "group", {
      name: props.name,
      kmsKeyId: props.kmsKeyArn,
      retentionInDays: props.retentionDays,
    });
    this.name = group.name;
    this.arn = group.arn;
  }
}
