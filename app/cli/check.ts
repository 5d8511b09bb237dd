/**
 * `npm run check -- [--config FILE] [--report-dir DIR] [--synth-dir DIR]`: synthesizes the config (or, with
 * --synth-dir, reads an existing synth such as cdktf.out), runs the compliance rule pack, prints the report table and
 * writes it as JSON and SARIF 2.1.0, then the AWS quota count (checks/quotas/count.ts). Exit status 1 when a rule
 * fails (enforce mode) or a hard quota is exceeded.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { failures } from "../../checks/compliance/engine";
import { checkSynthesized } from "./gate";
import { loadSynthesized, stacksIn } from "../../checks/synthesized/read";
import { countQuotas, formatQuotaError, formatQuotaTable, quotaErrors } from "../../checks/quotas/count";
import type { Config } from "../config/schema";
import { loadConfig } from "../load";
import { formatTable, toJson, toSarif } from "../../checks/compliance/report";
import { CommandError } from "./args";
import { parseOptions, runCommand, withSynth } from "./common";
import { isComplianceReport, isComplianceSarif, reportFolder, writeReport } from "./files";

export function check(argv: readonly string[]): number {
  const opts = parseOptions(argv, ["config", "report-dir", "synth-dir"]);
  const dir = opts["report-dir"] ?? "reports";
  const run = (config: Config, synthDir: string, stackNames: readonly string[] | undefined, artifactRoot: string) => {
    const app = loadSynthesized(synthDir, stackNames);
    const report = checkSynthesized(config, app);
    process.stdout.write(`${formatTable(report)}\n`);
    reportFolder("--report-dir", dir);
    writeReport("--report-dir", join(dir, "compliance.json"), `${JSON.stringify(toJson(report), null, 2)}\n`, "compliance report", isComplianceReport);
    writeReport("--report-dir", join(dir, "compliance.sarif"), `${JSON.stringify(toSarif(report, artifactRoot), null, 2)}\n`, "compliance SARIF report", isComplianceSarif);
    process.stdout.write(`wrote ${join(dir, "compliance.json")} and ${join(dir, "compliance.sarif")}\n`);
    const quotas = countQuotas(config, app);
    const over = quotaErrors(quotas);
    process.stdout.write(`\nAWS quotas (what this config creates, per account and Region):\n${formatQuotaTable(config, quotas)}\n`);
    for (const u of over) process.stdout.write(`quota error: ${formatQuotaError(config, u)}\n`);
    return failures(report).length > 0 || over.length > 0 ? 1 : 0;
  };
  const synthDir = opts["synth-dir"];
  if (synthDir) {
    // A CI gate must not pass on nothing: a missing or empty folder is an error, not "0 checks".
    if (!existsSync(synthDir) || !statSync(synthDir).isDirectory()) throw new CommandError(`--synth-dir ${synthDir} is not a folder; run npm run synth first, or give the folder it wrote (e.g. --synth-dir cdktf.out)`);
    if (stacksIn(synthDir).length === 0) throw new CommandError(`--synth-dir ${synthDir} holds no synthesized stack (no stacks/<stack>/cdk.tf.json); run npm run synth first, or give the folder it wrote (e.g. --synth-dir cdktf.out)`);
  }
  if (synthDir) return run(loadConfig(opts.config ?? (process.env.SDS_CONFIG || undefined)), synthDir, undefined, synthDir);
  return withSynth(opts.config, (config, tmp, stackNames) => run(config, tmp, stackNames, "cdktf.out"));
}

const USAGE = `npm run check -- [--config FILE] [--report-dir DIR] [--synth-dir DIR]
  --config FILE      the config (default: $SDS_CONFIG, else the embedded default config)
  --report-dir DIR   where compliance.json and compliance.sarif go (default: reports); an existing file there is
                     replaced only when it is such a report
  --synth-dir DIR    check this synthesized folder (e.g. cdktf.out) instead of synthesizing; it must hold stacks
  -h, --help         this help`;

if (require.main === module) process.exitCode = runCommand(USAGE, () => check(process.argv.slice(2)));
