/**
 * Instance-type facts the policies need, as data.
 *
 * NVMe families: SageMaker instance types whose storage volume is a local NVMe instance store. AWS refuses a volume
 * KMS key for them in training, processing, tuning and transform jobs and endpoint configs ("ValidationException:
 * Volume KMS key is not supported for this instance type"); their instance storage is encrypted by the hardware
 * (AES-256, key never leaves the instance). Sources: SageMaker Developer Guide, "Instance storage volumes" and the
 * `VolumeKmsKeyId` field of `ResourceConfig` / `ProductionVariant` in the SageMaker API Reference.
 * The policies let exactly these families run without `sagemaker:VolumeKmsKeyArn`; every other type needs the
 * project's volume key.
 */
export const NVME_FAMILIES: readonly string[] = [
  "c5d", "c6id", "g4dn", "g5", "g6", "g6e", "m5d", "m6id", "p3dn", "p4d", "p4de", "p5", "p5en", "r5d", "r6id", "trn1", "trn1n",
];

/** `ml.<family>.<size>` or `ml.<family>.*` (IAM `StringLike` pattern). */
export const INSTANCE_TYPE_PATTERN = /^ml\.[a-z0-9-]+\.(\*|[a-z0-9]+)$/;

/** The family of an instance type or pattern: "g5" of "ml.g5.xlarge" and of "ml.g5.*". */
export function instanceFamily(typeOrPattern: string): string {
  return typeOrPattern.split(".")[1] ?? "";
}

/** Whether an instance type (or every type a pattern matches) has local NVMe storage only. */
export function isNvme(typeOrPattern: string): boolean {
  return NVME_FAMILIES.includes(instanceFamily(typeOrPattern));
}

/** Whether a concrete instance type matches an allow-list of types and `ml.<family>.*` patterns. */
export function allowedBy(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => (p.endsWith(".*") ? type.startsWith(p.slice(0, -1)) : p === type));
}

/**
 * Default allow-lists per use, a project's `instanceTypes` when it says nothing. Small and general-purpose on
 * purpose: larger or accelerated families are a deliberate, reviewed line in a project's config.
 */
export const DEFAULT_INSTANCE_TYPES = {
  notebooks: ["ml.t3.*", "ml.m5.*"],
  jobs: ["ml.m5.*", "ml.c5.*", "ml.g4dn.*", "ml.g5.*"],
  endpoints: ["ml.t2.*", "ml.m5.*", "ml.c5.*", "ml.g4dn.*"],
} as const;
