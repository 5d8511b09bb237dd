import { Attrs, blocks } from "../../synthesized/model";
import { passIf, Rule } from "../rule";

const WORLD = ["0.0.0.0/0", "::/0"];

function worldSources(rule: Attrs): string[] {
  const sources = [rule.cidr_blocks, rule.ipv6_cidr_blocks, rule.cidr_ipv4, rule.cidr_ipv6].flatMap((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]));
  return sources.map(String).filter((s) => WORLD.includes(s));
}

export const securityGroupNoWorldIngress: Rule = {
  id: "security-group-no-world-ingress",
  title: "No security group admits traffic from 0.0.0.0/0 or ::/0",
  ids: ["FSBP EC2.18", "FSBP EC2.19", "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
  appliesTo: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  when: (r) => r.type !== "aws_security_group_rule" || r.attrs.type === "ingress",
  check: (r) => {
    const rules = r.type === "aws_security_group" ? blocks(r.attrs.ingress) : [r.attrs];
    const open = rules.flatMap(worldSources);
    return passIf(open.length === 0, `ingress from ${[...new Set(open)].join(" and ")}`);
  },
  why: "An ingress rule open to the world exposes whatever listens on those ports to the internet once a route exists.",
  fix: "Admit traffic only from security groups (source_security_group_id / referenced_security_group_id) or the VPC's own CIDR.",
};
