import { passIf, Rule } from "../rule";

export const notebookInVpc: Rule = {
  id: "notebook-in-vpc",
  title: "Notebook instances run in a private subnet with security groups",
  ids: ["FSBP SageMaker.2", "CKV_AWS_306"],
  appliesTo: ["aws_sagemaker_notebook_instance"],
  check: (r) => {
    const sgs = r.attrs.security_groups;
    const hasSgs = Array.isArray(sgs) ? sgs.length > 0 : typeof sgs === "string" && sgs !== "";
    return passIf(Boolean(r.attrs.subnet_id) && hasSgs, `subnet_id ${r.attrs.subnet_id ? "is set" : "is missing"}, security_groups ${hasSgs ? "are set" : "are missing"}`);
  },
  why: "Without a subnet the notebook runs in a SageMaker-managed network outside the environment's controls.",
  fix: "Give the notebook the platform's private subnet and SageMaker security group (subnet_id, security_groups).",
};
