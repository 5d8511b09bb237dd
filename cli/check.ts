/**
 * `npm run check -- [--config FILE] [--report-dir DIR]`: synthesizes the config, runs the compliance rule pack,
 * prints the report table and writes it as JSON and SARIF 2.1.0. Exit status 1 when a rule fails (enforce mode).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { failures } from "../compliance/engine";
import { checkSynthesized } from "../compliance/gate";
import { formatTable, toJson, toSarif } from "../compliance/report";
import { parseOptions, runCommand, withSynth } from "./common";

export function check(argv: readonly string[]): number {
  const opts = parseOptions(argv, ["config", "report-dir"]);
  const dir = opts["report-dir"] ?? "reports";
  return withSynth(opts.config, (config, synthDir, stackNames) => {
    const report = checkSynthesized(config, synthDir, stackNames);
    process.stdout.write(`${formatTable(report)}\n`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "compliance.json"), `${JSON.stringify(toJson(report), null, 2)}\n`);
    writeFileSync(join(dir, "compliance.sarif"), `${JSON.stringify(toSarif(report), null, 2)}\n`);
    process.stdout.write(`wrote ${join(dir, "compliance.json")} and ${join(dir, "compliance.sarif")}\n`);
    return failures(report).length > 0 ? 1 : 0;
  });
}

if (require.main === module) process.exitCode = runCommand("npm run check -- [--config FILE] [--report-dir DIR]", () => check(process.argv.slice(2)));
