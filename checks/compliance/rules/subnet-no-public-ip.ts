import { isTrue } from "../../synthesized/model";
import { passIf, Rule } from "../rule";

export const subnetNoPublicIp: Rule = {
  id: "subnet-no-public-ip",
  title: "Subnets do not assign public IP addresses",
  ids: ["FSBP EC2.15", "CKV_AWS_130"],
  appliesTo: ["aws_subnet"],
  check: (r) => passIf(!isTrue(r.attrs.map_public_ip_on_launch), "map_public_ip_on_launch is true"),
  why: "Public addresses make instances reachable from the internet as soon as a route appears.",
  fix: "Set map_public_ip_on_launch = false (the private network module does).",
};
