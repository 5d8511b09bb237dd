/** Shared by the rules that ask "is this encrypted with one of our customer-managed, rotated keys?". */
import type { SynthModel, SynthResource } from "../synthesized/model";
import { isTrue, isToken } from "../synthesized/model";
import { CheckResult, fail, pass } from "./rule";

/**
 * Passes when `value` (a `kms_key_id`, `kms_master_key_id`, ...) of `owner` refers to an `aws_kms_key` of this app
 * (in its stack or, through a cross-stack reference, in another) with rotation on. A literal ARN or alias cannot be
 * proven customer-managed and rotated, and an `alias/aws/...` is an AWS-managed key: both fail.
 */
export function rotatedCustomerKey(app: SynthModel, owner: SynthResource, attr: string): CheckResult {
  const value = owner.attrs[attr];
  if (value === undefined || value === null || value === "") return fail(`${attr} is not set: the data is encrypted with an AWS-owned or AWS-managed key`);
  const key = app.resolve(owner.stack, value, "aws_kms_key") ?? viaAlias(app, owner, value);
  if (!key) {
    if (typeof value === "string" && /alias\/aws\//.test(value)) return fail(`${attr} = "${value}" is an AWS-managed key, not a customer-managed one`);
    return fail(`${attr} = ${JSON.stringify(value)} is not a key this app creates${isToken(value) ? "" : " (a literal ARN cannot be checked for rotation and key policy)"}`);
  }
  if (!isTrue(key.attrs.enable_key_rotation)) return fail(`${attr} refers to ${key.address}, which does not rotate (enable_key_rotation)`);
  return pass;
}

function viaAlias(app: SynthModel, owner: SynthResource, value: unknown): SynthResource | undefined {
  const alias = app.resolve(owner.stack, value, "aws_kms_alias");
  return alias ? app.resolve(alias.stack, alias.attrs.target_key_id, "aws_kms_key") : undefined;
}
