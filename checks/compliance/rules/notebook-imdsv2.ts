import { block } from "../../synthesized/model";
import { passIf, Rule } from "../rule";

export const notebookImdsv2: Rule = {
  id: "notebook-imdsv2",
  title: "Notebook instances accept only IMDSv2",
  ids: ["CKV_AWS_371"],
  appliesTo: ["aws_sagemaker_notebook_instance"],
  check: (r) => {
    const v = block(r.attrs.instance_metadata_service_configuration)?.minimum_instance_metadata_service_version;
    return passIf(String(v) === "2", `minimum_instance_metadata_service_version is ${JSON.stringify(v ?? "unset (IMDSv1 allowed)")}`);
  },
  why: "IMDSv1 lets a server-side request forgery in notebook code read the execution role's credentials.",
  fix: "Add instance_metadata_service_configuration { minimum_instance_metadata_service_version = \"2\" }.",
};
