/**
 * The instance types a SageMaker notebook instance accepts (the InstanceType enum of the SageMaker API,
 * @aws-sdk/client-sagemaker 3.1142.0). A unit test keeps this table equal to the SDK's enum.
 */
export const NOTEBOOK_INSTANCE_TYPES: readonly string[] = [
  "ml.c4.2xlarge", "ml.c4.4xlarge", "ml.c4.8xlarge", "ml.c4.xlarge", "ml.c5d.18xlarge", "ml.c5d.2xlarge",
  "ml.c5d.4xlarge", "ml.c5d.9xlarge", "ml.c5d.xlarge", "ml.c5.18xlarge", "ml.c5.2xlarge", "ml.c5.4xlarge",
  "ml.c5.9xlarge", "ml.c5.xlarge", "ml.c6id.12xlarge", "ml.c6id.16xlarge", "ml.c6id.24xlarge", "ml.c6id.2xlarge",
  "ml.c6id.32xlarge", "ml.c6id.4xlarge", "ml.c6id.8xlarge", "ml.c6id.large", "ml.c6id.xlarge", "ml.c6i.12xlarge",
  "ml.c6i.16xlarge", "ml.c6i.24xlarge", "ml.c6i.2xlarge", "ml.c6i.32xlarge", "ml.c6i.4xlarge", "ml.c6i.8xlarge",
  "ml.c6i.large", "ml.c6i.xlarge", "ml.c7i.12xlarge", "ml.c7i.16xlarge", "ml.c7i.24xlarge", "ml.c7i.2xlarge",
  "ml.c7i.48xlarge", "ml.c7i.4xlarge", "ml.c7i.8xlarge", "ml.c7i.large", "ml.c7i.xlarge", "ml.g4dn.12xlarge",
  "ml.g4dn.16xlarge", "ml.g4dn.2xlarge", "ml.g4dn.4xlarge", "ml.g4dn.8xlarge", "ml.g4dn.xlarge", "ml.g5.12xlarge",
  "ml.g5.16xlarge", "ml.g5.24xlarge", "ml.g5.2xlarge", "ml.g5.48xlarge", "ml.g5.4xlarge", "ml.g5.8xlarge",
  "ml.g5.xlarge", "ml.g6e.12xlarge", "ml.g6e.16xlarge", "ml.g6e.24xlarge", "ml.g6e.2xlarge", "ml.g6e.48xlarge",
  "ml.g6e.4xlarge", "ml.g6e.8xlarge", "ml.g6e.xlarge", "ml.g6.12xlarge", "ml.g6.16xlarge", "ml.g6.24xlarge",
  "ml.g6.2xlarge", "ml.g6.48xlarge", "ml.g6.4xlarge", "ml.g6.8xlarge", "ml.g6.xlarge", "ml.g7e.12xlarge",
  "ml.g7e.24xlarge", "ml.g7e.2xlarge", "ml.g7e.48xlarge", "ml.g7e.4xlarge", "ml.g7e.8xlarge", "ml.inf1.24xlarge",
  "ml.inf1.2xlarge", "ml.inf1.6xlarge", "ml.inf1.xlarge", "ml.inf2.24xlarge", "ml.inf2.48xlarge", "ml.inf2.8xlarge",
  "ml.inf2.xlarge", "ml.m4.10xlarge", "ml.m4.16xlarge", "ml.m4.2xlarge", "ml.m4.4xlarge", "ml.m4.xlarge",
  "ml.m5d.12xlarge", "ml.m5d.16xlarge", "ml.m5d.24xlarge", "ml.m5d.2xlarge", "ml.m5d.4xlarge", "ml.m5d.8xlarge",
  "ml.m5d.large", "ml.m5d.xlarge", "ml.m5.12xlarge", "ml.m5.24xlarge", "ml.m5.2xlarge", "ml.m5.4xlarge",
  "ml.m5.xlarge", "ml.m6id.12xlarge", "ml.m6id.16xlarge", "ml.m6id.24xlarge", "ml.m6id.2xlarge", "ml.m6id.32xlarge",
  "ml.m6id.4xlarge", "ml.m6id.8xlarge", "ml.m6id.large", "ml.m6id.xlarge", "ml.m6i.12xlarge", "ml.m6i.16xlarge",
  "ml.m6i.24xlarge", "ml.m6i.2xlarge", "ml.m6i.32xlarge", "ml.m6i.4xlarge", "ml.m6i.8xlarge", "ml.m6i.large",
  "ml.m6i.xlarge", "ml.m7i.12xlarge", "ml.m7i.16xlarge", "ml.m7i.24xlarge", "ml.m7i.2xlarge", "ml.m7i.48xlarge",
  "ml.m7i.4xlarge", "ml.m7i.8xlarge", "ml.m7i.large", "ml.m7i.xlarge", "ml.p2.16xlarge", "ml.p2.8xlarge",
  "ml.p2.xlarge", "ml.p3dn.24xlarge", "ml.p3.16xlarge", "ml.p3.2xlarge", "ml.p3.8xlarge", "ml.p4de.24xlarge",
  "ml.p4d.24xlarge", "ml.p5en.48xlarge", "ml.p5.48xlarge", "ml.p5.4xlarge", "ml.p6-b200.48xlarge", "ml.r5.12xlarge",
  "ml.r5.16xlarge", "ml.r5.24xlarge", "ml.r5.2xlarge", "ml.r5.4xlarge", "ml.r5.8xlarge", "ml.r5.large",
  "ml.r5.xlarge", "ml.r6id.12xlarge", "ml.r6id.16xlarge", "ml.r6id.24xlarge", "ml.r6id.2xlarge", "ml.r6id.32xlarge",
  "ml.r6id.4xlarge", "ml.r6id.8xlarge", "ml.r6id.large", "ml.r6id.xlarge", "ml.r6i.12xlarge", "ml.r6i.16xlarge",
  "ml.r6i.24xlarge", "ml.r6i.2xlarge", "ml.r6i.32xlarge", "ml.r6i.4xlarge", "ml.r6i.8xlarge", "ml.r6i.large",
  "ml.r6i.xlarge", "ml.r7i.12xlarge", "ml.r7i.16xlarge", "ml.r7i.24xlarge", "ml.r7i.2xlarge", "ml.r7i.48xlarge",
  "ml.r7i.4xlarge", "ml.r7i.8xlarge", "ml.r7i.large", "ml.r7i.xlarge", "ml.t2.2xlarge", "ml.t2.large",
  "ml.t2.medium", "ml.t2.xlarge", "ml.t3.2xlarge", "ml.t3.large", "ml.t3.medium", "ml.t3.xlarge",
  "ml.trn1n.32xlarge", "ml.trn1.2xlarge", "ml.trn1.32xlarge",
];

/** Notebook platforms hashicorp/aws 5.100.0 accepts, oldest first (its validation rejects notebook-al2023-v1). */
export const NOTEBOOK_PLATFORMS = ["notebook-al1-v1", "notebook-al2-v1", "notebook-al2-v2", "notebook-al2-v3"] as const;

/** The newest platform the pinned provider accepts. FSBP SageMaker.8 asks for notebook-al2023-v1: a recorded gap. */
export const DEFAULT_NOTEBOOK_PLATFORM = "notebook-al2-v3";
