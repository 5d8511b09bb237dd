/**
 * `npm run check -- [--config FILE] [--report-dir DIR] [--synth-dir DIR]`: synthesizes the config (or, with
 * --synth-dir, reads an existing synth such as cdktf.out), runs the compliance rule pack, prints the report table and
 * writes it as JSON and SARIF 2.1.0, then the AWS quota count (checks/quotas/count.ts). Exit status 1 when a rule
 * fails (enforce mode) or a hard quota is exceeded.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { failures } from "../../checks/compliance/engine";
import { checkSynthesized } from "./gate";
import { loadSynthesized } from "../../checks/synthesized/read";
import { countQuotas, formatQuotaError, formatQuotaTable, quotaErrors } from "../../checks/quotas/count";
import type { Config } from "../config/schema";
import { loadConfig } from "../load";
import { formatTable, toJson, toSarif } from "../../checks/compliance/report";
import { parseOptions, runCommand, withSynth } from "./common";

export function check(argv: readonly string[]): number {
  const opts = parseOptions(argv, ["config", "report-dir", "synth-dir"]);
  const dir = opts["report-dir"] ?? "reports";
  const run = (config: Config, synthDir: string, stackNames: readonly string[] | undefined, artifactRoot: string) => {
    const app = loadSynthesized(synthDir, stackNames);
    const report = checkSynthesized(config, app);
    process.stdout.write(`${formatTable(report)}\n`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "compliance.json"), `${JSON.stringify(toJson(report), null, 2)}\n`);
    writeFileSync(join(dir, "compliance.sarif"), `${JSON.stringify(toSarif(report, artifactRoot), null, 2)}\n`);
    process.stdout.write(`wrote ${join(dir, "compliance.json")} and ${join(dir, "compliance.sarif")}\n`);
    const quotas = countQuotas(config, app);
    const over = quotaErrors(quotas);
    process.stdout.write(`\nAWS quotas (what this config creates, per account and Region):\n${formatQuotaTable(config, quotas)}\n`);
    for (const u of over) process.stdout.write(`quota error: ${formatQuotaError(config, u)}\n`);
    return failures(report).length > 0 || over.length > 0 ? 1 : 0;
  };
  const synthDir = opts["synth-dir"];
  if (synthDir) return run(loadConfig(opts.config ?? (process.env.SDS_CONFIG || undefined)), synthDir, undefined, synthDir);
  return withSynth(opts.config, (config, tmp, stackNames) => run(config, tmp, stackNames, "cdktf.out"));
}

if (require.main === module) process.exitCode = runCommand("npm run check -- [--config FILE] [--report-dir DIR] [--synth-dir DIR]", () => check(process.argv.slice(2)));
