/**
 * S3 buckets in hashicorp/aws 5.x: the bucket's settings are separate resources (`aws_s3_bucket_versioning`, ...)
 * whose `bucket` attribute refers to the bucket (`${aws_s3_bucket.x.id}`) or repeats its name. The S3 rules share
 * this lookup and its failure wording.
 */
import type { SynthModel, SynthResource } from "../synthesized/model";
import { CheckResult, passIf, fail } from "./rule";

/** The settings resources of `type` that belong to `bucket`. */
export function bucketSettings(app: SynthModel, bucket: SynthResource, type: string): SynthResource[] {
  return app.attachedTo(bucket, type, "bucket", "bucket");
}

/** Passes when some `type` resource of the bucket satisfies `ok`; otherwise says which part is missing or wrong. */
export function bucketHas(app: SynthModel, bucket: SynthResource, type: string, ok: (s: SynthResource) => boolean, wrong: string): CheckResult {
  const settings = bucketSettings(app, bucket, type);
  if (settings.length === 0) return fail(`no ${type} refers to this bucket`);
  return passIf(settings.some(ok), `${settings.map((s) => s.address).join(", ")}: ${wrong}`);
}
