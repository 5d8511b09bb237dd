/**
 * The shared naming formulas of the app: every resource name is `<prefix>-<environment>[-<project>]-...`
 * (S3 bucket names end with the account id, so they are globally unique), key aliases and log groups use `/` as
 * the separator. Pure functions and constants; `plan.ts` applies them to a config and adds each resource's own
 * suffix there (`environmentPlan`, `projectPlan`, `projectRoles`), once; stacks pass the results to the modules,
 * which never form a name themselves.
 */

export { BUCKET_PURPOSES } from "../../lib/domain/buckets";

/** Stack names (stable: they are the state keys and workspace names, so renaming one moves its state). */
export function stateStackName(env: string): string {
  return `${env}-state`;
}

export function platformStackName(env: string): string {
  return `${env}-platform`;
}

/** The organization stack (one per config, in the management or delegated-administrator account). */
export function organizationStackName(): string {
  return "organization";
}

export function projectStackName(env: string, project: string): string {
  return `${env}-project-${project}`;
}

/** `<prefix>-<environment>`: the start of every resource name of an environment. */
export function environmentBase(prefix: string, environment: string): string {
  return `${prefix}-${environment}`;
}

/** `<prefix>/<environment>`: the start of every key alias (without `alias/`) and log group of an environment. */
export function aliasBase(prefix: string, environment: string): string {
  return `${prefix}/${environment}`;
}

/** A globally unique bucket name: `<base>-<purpose>-<account>`. */
export function bucketName(base: string, purpose: string, accountId: string): string {
  return `${base}-${purpose}-${accountId}`;
}

/** Batch transform's model infix and output prefix (lib/domain/batch-transform.ts). */
export { BATCH_MODEL_INFIX, TRANSFORM_OUTPUT_PREFIX } from "../../lib/domain/batch-transform";
