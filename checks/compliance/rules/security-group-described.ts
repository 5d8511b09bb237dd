import { Attrs, blocks } from "../../synthesized/model";
import { passIf, Rule } from "../rule";

/** What the provider writes when no description is given. */
const PROVIDER_DEFAULT = "Managed by Terraform";
const described = (a: Attrs) => typeof a.description === "string" && a.description.trim() !== "" && a.description !== PROVIDER_DEFAULT;

export const securityGroupDescribed: Rule = {
  id: "security-group-described",
  title: "Every security group and every rule has a description",
  ids: ["CKV_AWS_23"],
  appliesTo: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"],
  check: (r) => {
    const missing: string[] = [];
    if (!described(r.attrs)) missing.push(r.type === "aws_security_group" ? "the group" : "the rule");
    if (r.type === "aws_security_group") {
      for (const kind of ["ingress", "egress"]) {
        blocks(r.attrs[kind]).forEach((b, i) => described(b) || missing.push(`${kind}[${i}]`));
      }
    }
    return passIf(missing.length === 0, `no description on ${missing.join(", ")}`);
  },
  why: "A reviewer (and an incident responder) must be able to tell why each path through the network exists.",
  fix: "Give the group and each rule a description saying what traffic it carries and why.",
};
