import { isTrue } from "../../synthesized/model";
import { passIf, Rule } from "../rule";

export const cloudtrailLogValidation: Rule = {
  id: "cloudtrail-log-validation",
  title: "Trails write digest files for log file validation",
  ids: ["FSBP CloudTrail.4", "CIS 3.2", "CKV_AWS_36"],
  appliesTo: ["aws_cloudtrail"],
  check: (r) => passIf(isTrue(r.attrs.enable_log_file_validation), "enable_log_file_validation is not true"),
  why: "Without digests, a log file changed or deleted after delivery cannot be detected.",
  fix: "Set enable_log_file_validation = true.",
};
