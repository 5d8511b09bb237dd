import { passIf, Rule } from "../rule";

export const vpcFlowLogs: Rule = {
  id: "vpc-flow-logs",
  title: "Every VPC has a flow log capturing all (or at least rejected) traffic",
  ids: ["FSBP EC2.6", "CIS 3.7", "CKV2_AWS_11"],
  appliesTo: ["aws_vpc"],
  check: (r, app) => {
    const logs = app.attachedTo(r, "aws_flow_log", "vpc_id");
    const good = logs.filter((l) => ["ALL", "REJECT"].includes(String(l.attrs.traffic_type)));
    return passIf(good.length > 0, logs.length ? `its flow logs capture only ${logs.map((l) => l.attrs.traffic_type).join(", ")} traffic` : "no aws_flow_log refers to this VPC");
  },
  why: "Without flow logs there is no record of which addresses the environment talked to during an incident.",
  fix: "Create an aws_flow_log with vpc_id = the VPC and traffic_type = \"ALL\" (lib/constructs/network/flow-logs.ts).",
};
