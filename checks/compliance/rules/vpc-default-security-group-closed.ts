import { blocks } from "../../synthesized/model";
import { passIf, Rule } from "../rule";

export const vpcDefaultSecurityGroupClosed: Rule = {
  id: "vpc-default-security-group-closed",
  title: "The VPC's default security group is managed and has no rules",
  ids: ["FSBP EC2.2", "CIS 5.4", "CKV2_AWS_12"],
  appliesTo: ["aws_vpc"],
  check: (r, app) => {
    const groups = app.attachedTo(r, "aws_default_security_group", "vpc_id");
    if (groups.length === 0) return passIf(false, "no aws_default_security_group manages this VPC's default group, so it keeps AWS's allow-all-within-group rules");
    const open = groups.filter((g) => blocks(g.attrs.ingress).length + blocks(g.attrs.egress).length > 0);
    return passIf(open.length === 0, `${open.map((g) => g.address).join(", ")} has ingress or egress rules`);
  },
  why: "Anything launched without an explicit group lands in the default group; its default rules let such resources talk freely.",
  fix: "Manage the default group with an aws_default_security_group that has no ingress and no egress blocks.",
};
