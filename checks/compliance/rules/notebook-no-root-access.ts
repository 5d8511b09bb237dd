import { passIf, Rule } from "../rule";

export const notebookNoRootAccess: Rule = {
  id: "notebook-no-root-access",
  title: "Notebook users have no root access",
  ids: ["FSBP SageMaker.3", "CKV_AWS_307"],
  appliesTo: ["aws_sagemaker_notebook_instance"],
  check: (r) => passIf(r.attrs.root_access === "Disabled", `root_access is ${JSON.stringify(r.attrs.root_access ?? "Enabled (the default)")}`),
  why: "Root on the instance lets a user change its network settings, install agents and read other users' credentials.",
  fix: "Set root_access = \"Disabled\"; install packages through a lifecycle configuration instead.",
};
