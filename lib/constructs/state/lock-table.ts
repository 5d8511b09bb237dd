import { Construct } from "constructs";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";

export interface LockTableProps {
  readonly tableName: string;
  /** KMS key the table is encrypted with. */
  readonly kmsKeyArn: string;
}

/**
 * The DynamoDB table of Terraform's older state locking (partition key `LockID`): on-demand, encrypted with
 * the state key, point-in-time recovery and deletion protection on.
 */
export class LockTable extends Construct {
  readonly tableName: string;
  readonly tableArn: string;

  constructor(scope: Construct, id: string, props: LockTableProps) {
    super(scope, id);
    const table = new DynamodbTable(this, "table", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
    });
    this.tableName = table.name;
    this.tableArn = table.arn;
  }
}
