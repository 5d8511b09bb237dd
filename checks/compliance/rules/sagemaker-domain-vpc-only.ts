import { passIf, Rule } from "../rule";

/** A nested Terraform block as cdktf writes it (an object) or as Terraform's JSON allows it (a one-element list). */
const block = (v: unknown): Record<string, unknown> => (Array.isArray(v) ? v[0] : v) as Record<string, unknown> ?? {};
const nonEmpty = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === "string" && v !== "");

export const sagemakerDomainVpcOnly: Rule = {
  id: "sagemaker-domain-vpc-only",
  title: "Studio domains are VPC-only, in private subnets, with security groups in the user and space settings",
  ids: ["AWS Config SAGEMAKER_DOMAIN_IN_VPC"],
  appliesTo: ["aws_sagemaker_domain"],
  check: (r) => {
    const type = r.attrs.app_network_access_type;
    const user = nonEmpty(block(r.attrs.default_user_settings).security_groups);
    const space = nonEmpty(block(r.attrs.default_space_settings).security_groups);
    return passIf(type === "VpcOnly" && nonEmpty(r.attrs.subnet_ids) && user && space,
      `app_network_access_type is ${type ?? "PublicInternetOnly (the default)"}; security groups in default_user_settings ${user ? "set" : "missing"}, in default_space_settings ${space ? "set" : "missing"}`);
  },
  why: "A domain left at PublicInternetOnly sends Studio traffic through a SageMaker-managed network with internet access, around the environment's endpoints and flow logs.",
  fix: "Build the domain with lib/constructs/sagemaker/studio-domain.ts (VpcOnly, the environment's subnets, the project's Studio security group in user and space settings).",
};
