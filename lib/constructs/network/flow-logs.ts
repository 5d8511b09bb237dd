import { Construct } from "constructs";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { EncryptedLogGroup } from "../audit/encrypted-log-group";
import { arn, ArnScope, logGroupArn, policy, policyJson } from "../../domain/policy/document";

export interface FlowLogsProps {
  readonly scope: ArnScope;
  /** Start of the flow log's `Name` tag (`<name>-vpc`), e.g. "sds-dev". */
  readonly name: string;
  /** The delivery role, e.g. "sds-dev-vpc-flow-logs". */
  readonly roleName: string;
  readonly vpcId: string;
  /** Log group name; its ARN must be in the logs key's policy. */
  readonly logGroupName: string;
  readonly kmsKeyArn: string;
  readonly retentionDays: number;
  /** Service principal domain of the partition. @default "amazonaws.com" */
  readonly dnsSuffix?: string;
}

/**
 * VPC flow logs of all traffic, delivered every minute to an encrypted log group by a role that can write to that
 * group only and that only the flow-logs service of this account can assume.
 */
export class FlowLogs extends Construct {
  readonly flowLogId: string;
  readonly logGroupArn: string;
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const group = new EncryptedLogGroup(this, "log-group", {
      name: props.logGroupName,
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.retentionDays,
    });
    const groupArn = logGroupArn(props.scope, props.logGroupName);
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "Delivers the VPC's flow logs to its encrypted log group",
      assumeRolePolicy: policyJson(policy({
        Effect: "Allow",
        Principal: { Service: `vpc-flow-logs.${props.dnsSuffix ?? "amazonaws.com"}` },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": props.scope.accountId },
          ArnLike: { "aws:SourceArn": arn(props.scope, "ec2", "vpc-flow-log/*") },
        },
      })),
    });
    new IamRolePolicy(this, "delivery", {
      name: "deliver-to-flow-log-group",
      role: role.name,
      policy: policyJson(policy({
        Sid: "WriteToTheFlowLogGroupOnly",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [groupArn, `${groupArn}:log-stream:*`],
      })),
    });
    const flowLog = new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: { Name: `${props.name}-vpc` },
    });
    this.flowLogId = flowLog.id;
    this.logGroupArn = group.arn;
    this.roleArn = role.arn;
  }
}
