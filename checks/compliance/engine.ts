/**
 * The rule engine: every rule against every resource it applies to, suppressions applied, one finding per
 * (rule, resource). Pure: the synthesized app and the options in, a report out. Formatting lives in report.ts.
 */
import type { SuppressionSpec } from "./known-gaps";
import type { SynthModel, SynthResource } from "../synthesized/model";
import type { Rule } from "./rule";

export type FindingStatus = "pass" | "fail" | "warn" | "suppressed";

export interface Finding {
  readonly rule: Rule;
  readonly resource: SynthResource;
  /** "warn" is a failure in warn mode; "suppressed" a failure covered by a suppression. */
  readonly status: FindingStatus;
  /** What is wrong (failures, warnings and suppressed findings). */
  readonly detail?: string;
  readonly suppression?: SuppressionSpec;
}

export interface EngineOptions {
  /** "enforce" (failures fail) or "warn" (failures are reported as warnings). @default "enforce" */
  readonly mode?: "enforce" | "warn";
  /** @default none */
  readonly suppressions?: readonly SuppressionSpec[];
}

export interface ComplianceReport {
  readonly mode: "enforce" | "warn";
  readonly rules: readonly Rule[];
  readonly findings: readonly Finding[];
  readonly suppressions: readonly SuppressionSpec[];
  /** Suppressions that matched no failing finding: stale, or waiting for a resource that is not there yet. */
  readonly unusedSuppressions: readonly SuppressionSpec[];
  readonly counts: Readonly<Record<FindingStatus, number>>;
}

/** `*` matches any run of characters (slashes included); everything else literally. */
export function globMatches(glob: string, value: string): boolean {
  const re = new RegExp(`^${glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(value);
}

export function suppressionMatches(s: SuppressionSpec, rule: Rule, r: SynthResource): boolean {
  return s.rule === rule.id && (globMatches(s.resource, r.path) || globMatches(s.resource, r.address));
}

export function evaluate(app: SynthModel, rules: readonly Rule[], options: EngineOptions = {}): ComplianceReport {
  const mode = options.mode ?? "enforce";
  const suppressions = options.suppressions ?? [];
  const used = new Set<SuppressionSpec>();
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const resource of app.ofType(...rule.appliesTo)) {
      if (rule.when && !rule.when(resource, app)) continue;
      const result = rule.check(resource, app);
      if (result.status === "pass") {
        findings.push({ rule, resource, status: "pass" });
        continue;
      }
      const suppression = suppressions.find((s) => suppressionMatches(s, rule, resource));
      if (suppression) used.add(suppression);
      findings.push({ rule, resource, status: suppression ? "suppressed" : mode === "warn" ? "warn" : "fail", detail: result.detail, suppression });
    }
  }
  const counts = { pass: 0, fail: 0, warn: 0, suppressed: 0 };
  for (const f of findings) counts[f.status]++;
  return { mode, rules, findings, suppressions, unusedSuppressions: suppressions.filter((s) => !used.has(s)), counts };
}

/** Findings that must stop a synth (none in warn mode). */
export function failures(report: ComplianceReport): Finding[] {
  return report.findings.filter((f) => f.status === "fail");
}
