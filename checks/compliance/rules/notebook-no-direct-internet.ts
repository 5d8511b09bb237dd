import { passIf, Rule } from "../rule";

export const notebookNoDirectInternet: Rule = {
  id: "notebook-no-direct-internet",
  title: "Notebook instances have no direct internet access",
  ids: ["FSBP SageMaker.1", "CKV_AWS_122"],
  appliesTo: ["aws_sagemaker_notebook_instance"],
  check: (r) => passIf(r.attrs.direct_internet_access === "Disabled", `direct_internet_access is ${JSON.stringify(r.attrs.direct_internet_access ?? "Enabled (the default)")}`),
  why: "A notebook with direct internet access can send data around the VPC's endpoints, flow logs and endpoint policies.",
  fix: "Set direct_internet_access = \"Disabled\" on the notebook instance (the notebook module does this; do not override it).",
};
