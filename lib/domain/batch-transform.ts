/**
 * Batch transform: a transform job runs as its model's execution role, so the models transform jobs use run as the
 * training role and are named `<project base>-<BATCH_MODEL_INFIX>-*`, a name endpoints refuse (docs/security.md,
 * "Batch transform"). Their results go to the data bucket under `TRANSFORM_OUTPUT_PREFIX`, the only place in it the
 * training role may write.
 */
export const BATCH_MODEL_INFIX = "batch";
export const TRANSFORM_OUTPUT_PREFIX = "transform-output/";
