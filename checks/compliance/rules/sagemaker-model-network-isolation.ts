import { isTrue } from "../../synthesized/model";
import { passIf, Rule } from "../rule";

export const sagemakerModelNetworkIsolation: Rule = {
  id: "sagemaker-model-network-isolation",
  title: "SageMaker models run with network isolation",
  ids: ["FSBP SageMaker.5", "CKV_AWS_370"],
  appliesTo: ["aws_sagemaker_model"],
  check: (r) => passIf(isTrue(r.attrs.enable_network_isolation), "enable_network_isolation is not true"),
  why: "A model container without network isolation can make outbound calls with whatever the hosting role allows.",
  fix: "Set enable_network_isolation = true on the model.",
};
