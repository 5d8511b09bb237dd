/**
 * A compliance report in the three forms users need: a table for the terminal, JSON for scripts, SARIF 2.1.0 for
 * code-scanning tools (GitHub code scanning, Azure DevOps, ...). Plus the message a failed synth prints.
 */
import type { ComplianceReport, Finding } from "./engine";
import { failures } from "./engine";
import { STACK_FILE, STACKS_FOLDER } from "../synthesized/conventions";

const STATUS_LABEL = { pass: "pass", fail: "FAIL", warn: "warn", suppressed: "suppressed" } as const;

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

/** The terminal table: rule, standard ids, resource, status; then the details of what did not pass. */
export function formatTable(report: ComplianceReport): string {
  const rows = report.findings.map((f) => [f.rule.id, f.rule.ids.join(", "), f.resource.path, STATUS_LABEL[f.status]]);
  const header = ["rule", "standard ids", "resource", "status"];
  const widths = header.map((h, i) => Math.min(Math.max(h.length, ...rows.map((r) => r[i].length)), i === 2 ? 70 : 60));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join("  ");
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  const notPassing = report.findings.filter((f) => f.status !== "pass");
  if (notPassing.length) {
    out.push("", "details:");
    for (const f of notPassing) out.push(...describeFinding(f).map((l, i) => (i === 0 ? `  ${l}` : `    ${l}`)));
  }
  for (const s of report.unusedSuppressions) out.push(`note: suppression of ${s.rule} for "${s.resource}" matched no failing resource (stale, or the resource is not in this app)`);
  const c = report.counts;
  const applied = new Set(report.findings.map((f) => f.rule.id)).size;
  out.push("", `${report.findings.length} checks of ${applied} rules (of ${report.rules.length}; the others have no resource to check): ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.suppressed} suppressed (mode: ${report.mode})`);
  return out.join("\n");
}

/** One finding in words: status, rule, ids, resource, what is wrong, and the fix or the suppression's reason. */
export function describeFinding(f: Finding): string[] {
  const lines = [`${STATUS_LABEL[f.status]} ${f.rule.id} [${f.rule.ids.join(", ")}] ${f.resource.path} (${f.resource.address})`];
  if (f.detail) lines.push(`problem: ${f.detail}`);
  if (f.status === "suppressed") lines.push(`suppressed: ${f.suppression?.reason}`);
  else if (f.detail) lines.push(`fix: ${f.rule.fix}`);
  return lines;
}

/** What a synth that fails the pack prints. */
export function formatFailures(report: ComplianceReport): string {
  const failed = failures(report);
  return [
    `compliance check failed: ${failed.length} finding${failed.length === 1 ? "" : "s"} (run \`npm run check\` for the full report)`,
    ...failed.flatMap((f) => describeFinding(f).map((l, i) => (i === 0 ? `  ${l}` : `    ${l}`))),
    "fix the resources, or record a suppression with its reason in the config (compliance.suppressions);",
    "compliance.mode = \"warn\" turns failures into warnings for experiments.",
  ].join("\n");
}

export function toJson(report: ComplianceReport): object {
  return {
    mode: report.mode,
    counts: report.counts,
    rules: report.rules.map((r) => ({ id: r.id, title: r.title, standardIds: r.ids, appliesTo: r.appliesTo, why: r.why, fix: r.fix })),
    findings: report.findings.map((f) => ({
      rule: f.rule.id,
      standardIds: f.rule.ids,
      stack: f.resource.stack,
      resource: f.resource.address,
      path: f.resource.path,
      status: f.status,
      ...(f.detail && { detail: f.detail }),
      ...(f.suppression && { suppression: { resource: f.suppression.resource, reason: f.suppression.reason } }),
    })),
    suppressions: report.suppressions,
    unusedSuppressions: report.unusedSuppressions,
  };
}

const SARIF_LEVEL = { fail: "error", warn: "warning", suppressed: "error", pass: "none" } as const;

/**
 * SARIF 2.1.0: one run, the rules in `tool.driver.rules`, one result per finding that is not a pass (suppressed ones
 * carry a `suppressions` entry with the reason, as the spec intends), located in the stack's cdk.tf.json with the
 * Terraform address as logical location. `artifactRoot`: the synth folder, relative to the repository root.
 */
export function toSarif(report: ComplianceReport, artifactRoot = "cdktf.out"): object {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: {
        driver: {
          name: "sds-compliance",
          informationUri: "https://github.com/aws-samples/secure-data-science-reference-architecture",
          rules: report.rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
            shortDescription: { text: r.title },
            fullDescription: { text: r.why },
            help: { text: `${r.fix}\nStandards: ${r.ids.join(", ")}` },
            properties: { tags: [...r.ids], appliesTo: [...r.appliesTo] },
            defaultConfiguration: { level: "error" },
          })),
        },
      },
      results: report.findings.filter((f) => f.status !== "pass").map((f) => ({
        ruleId: f.rule.id,
        ruleIndex: index.get(f.rule.id),
        level: SARIF_LEVEL[f.status],
        message: { text: `${f.resource.address}: ${f.detail}. Fix: ${f.rule.fix}` },
        locations: [{
          physicalLocation: { artifactLocation: { uri: [artifactRoot.replace(/\/$/, ""), STACKS_FOLDER, f.resource.stack, STACK_FILE].join("/") } },
          logicalLocations: [{ name: f.resource.name, fullyQualifiedName: f.resource.address, kind: "resource" }],
        }],
        partialFingerprints: { "resourceAddress/v1": `${f.rule.id}:${f.resource.address}` },
        ...(f.status === "suppressed" && { suppressions: [{ kind: "external", justification: f.suppression?.reason }] }),
      })),
    }],
  };
}

/**
 * What a passing synth prints on stderr: warnings (warn mode), one line per rule and message, naming the resources
 * (the first `listUpTo`, then how many more: 500 projects share a finding); "" when there are none.
 */
export function formatWarnings(report: ComplianceReport, listUpTo = 3): string {
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (f.status !== "warn") continue;
    const key = JSON.stringify([f.rule.id, f.detail]);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()].map((fs) => {
    const [f] = fs;
    const shown = fs.slice(0, listUpTo).map((x) => x.resource.path).join(", ");
    const resources = fs.length === 1 ? shown : `${fs.length} resources (${shown}${fs.length > listUpTo ? `, and ${fs.length - listUpTo} more` : ""})`;
    return `compliance warning: ${f.rule.id} [${f.rule.ids.join(", ")}] ${resources}: ${f.detail}`;
  }).join("\n");
}

/**
 * One line summing up the findings suppressed on purpose (known gaps, recorded exceptions), or "" when there are
 * none: which rules and how many resources. The reasons are in `npm run check`.
 */
export function formatSuppressedSummary(report: ComplianceReport): string {
  const suppressed = report.findings.filter((f) => f.status === "suppressed");
  if (suppressed.length === 0) return "";
  const byRule = new Map<string, number>();
  for (const f of suppressed) byRule.set(f.rule.id, (byRule.get(f.rule.id) ?? 0) + 1);
  const rules = [...byRule].map(([id, n]) => `${id} ×${n}`).join(", ");
  return `compliance: ${suppressed.length} finding${suppressed.length === 1 ? "" : "s"} suppressed on purpose (${rules}); reasons: npm run check`;
}
