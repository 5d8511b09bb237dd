/**
 * The pack as the synth and `npm run check` use it: the options a config implies, and the gate that stops a synth.
 */
import type { Config } from "../config/schema";
import { ComplianceReport, EngineOptions, evaluate, failures } from "../../checks/compliance/engine";
import type { SuppressionSpec } from "../../checks/compliance/known-gaps";
import type { SynthModel } from "../../checks/synthesized/model";
import { loadSynthesized } from "../../checks/synthesized/read";
import { RULES } from "../../checks/compliance/registry";
import { formatFailures } from "../../checks/compliance/report";
import { MIN_RETENTION_DAYS } from "../../checks/compliance/rules/log-group-retention";

/** A synth stopped by failing rules; the message lists each finding with its fix. */
export class ComplianceError extends Error {
  constructor(readonly report: ComplianceReport) {
    super(formatFailures(report));
    this.name = "ComplianceError";
  }
}

/**
 * Mode and suppressions from the config: the explicit suppressions, plus one per environment whose
 * `logs.shortRetentionReason` records why its log groups keep events for less than a year.
 */
export function complianceOptions(config: Config): EngineOptions {
  const retention: SuppressionSpec[] = config.environments
    .filter((e) => e.logs.retentionDays < MIN_RETENTION_DAYS && e.logs.shortRetentionReason)
    .map((e) => ({ rule: "log-group-retention", resource: `${e.name}-*`, reason: `environments.${e.name}.logs.shortRetentionReason: ${e.logs.shortRetentionReason}` }));
  return { mode: config.compliance.mode, suppressions: [...config.compliance.suppressions, ...retention] };
}

/** Runs the pack over a synthesized folder (or an app already read from one). */
export function checkSynthesized(config: Config, synthesized: string | SynthModel, stackNames?: readonly string[]): ComplianceReport {
  const app = typeof synthesized === "string" ? loadSynthesized(synthesized, stackNames) : synthesized;
  return evaluate(app, RULES, complianceOptions(config));
}

/**
 * The synth gate: throws ComplianceError when a rule fails (enforce mode); returns the report otherwise, so the
 * caller can print warnings.
 */
export function enforceCompliance(config: Config, synthesized: string | SynthModel, stackNames?: readonly string[]): ComplianceReport {
  const report = checkSynthesized(config, synthesized, stackNames);
  if (failures(report).length > 0) throw new ComplianceError(report);
  return report;
}
