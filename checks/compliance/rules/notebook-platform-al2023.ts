import { passIf, Rule } from "../rule";

/** The platform FSBP SageMaker.8 asks for. */
export const CURRENT_NOTEBOOK_PLATFORM = "notebook-al2023-v1";

export const notebookPlatformAl2023: Rule = {
  id: "notebook-platform-al2023",
  title: "Notebook instances run on the current platform (Amazon Linux 2023)",
  ids: ["FSBP SageMaker.8"],
  appliesTo: ["aws_sagemaker_notebook_instance"],
  check: (r) => passIf(r.attrs.platform_identifier === CURRENT_NOTEBOOK_PLATFORM, `platform_identifier is ${JSON.stringify(r.attrs.platform_identifier ?? "the service default")}, not ${CURRENT_NOTEBOOK_PLATFORM}`),
  why: "Older notebook platforms stop receiving security updates.",
  fix: `Set platform_identifier = "${CURRENT_NOTEBOOK_PLATFORM}" (needs a hashicorp/aws provider newer than 5.100.0, whose validation rejects it).`,
};
