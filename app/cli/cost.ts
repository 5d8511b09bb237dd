/**
 * `npm run cost -- [--config FILE] [--json FILE]`: synthesizes the config and prints each environment's monthly
 * estimate, derived from the synthesized resources, unit prices (checks/cost/prices.ts) and the config's assumptions.
 */
import { writeFileSync } from "node:fs";
import { loadSynthesized } from "../../checks/synthesized/read";
import { estimateConfig, formatCost } from "./cost-report";
import { parseOptions, runCommand, withSynth } from "./common";

export function cost(argv: readonly string[]): number {
  const opts = parseOptions(argv, ["config", "json"]);
  return withSynth(opts.config, (config, dir, stackNames) => {
    const report = estimateConfig(loadSynthesized(dir, stackNames), config);
    process.stdout.write(`${formatCost(report)}\n`);
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    return 0;
  });
}

if (require.main === module) process.exitCode = runCommand("npm run cost -- [--config FILE] [--json FILE]", () => cost(process.argv.slice(2)));
