/** Bucket vocabulary as plain data (no cdktf): the constructs and the plan share it. */

/** The purposes of a project's buckets; bucket names are `<project base>-<purpose>-<account>`. */
export const BUCKET_PURPOSES = { data: "data", models: "models", accessLogs: "access-logs" } as const;
