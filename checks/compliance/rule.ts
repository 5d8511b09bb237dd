/**
 * What a compliance rule is: a pure check of one synthesized resource (with the whole app at hand for
 * cross-resource questions), carrying the ids of the standards it implements. One rule per file in `rules/`.
 */
import type { SynthModel, SynthResource } from "../synthesized/model";

export type CheckResult = { readonly status: "pass" } | { readonly status: "fail"; readonly detail: string };

export const pass: CheckResult = { status: "pass" };
export function fail(detail: string): CheckResult {
  return { status: "fail", detail };
}
/** Fails with `detail` unless `ok`. */
export function passIf(ok: boolean, detail: string): CheckResult {
  return ok ? pass : fail(detail);
}
/** The first failure of several checks, or pass. */
export function all(...results: CheckResult[]): CheckResult {
  return results.find((r) => r.status === "fail") ?? pass;
}

export interface Rule {
  /** Stable kebab-case id, used in suppressions and reports, e.g. "notebook-no-direct-internet". */
  readonly id: string;
  /** One line: what a passing resource does. */
  readonly title: string;
  /** Standard ids: "FSBP SageMaker.1", "CIS 3.7", "CKV_AWS_122", ... */
  readonly ids: readonly string[];
  /** Terraform resource types the rule checks; a rule whose types are absent from the app does not apply. */
  readonly appliesTo: readonly string[];
  /** Narrows `appliesTo` (e.g. only ingress rules). @default every resource of those types */
  readonly when?: (r: SynthResource, app: SynthModel) => boolean;
  readonly check: (r: SynthResource, app: SynthModel) => CheckResult;
  /** Why the control matters: the risk a failing resource carries. */
  readonly why: string;
  /** How to fix a failure in this project (which config field, module or attribute). */
  readonly fix: string;
}
