/**
 * `npm run cost -- [--config FILE] [--json FILE]`: synthesizes the config and prints each environment's monthly
 * estimate, derived from the synthesized resources, unit prices (checks/cost/prices.ts) and the config's assumptions.
 */
import { loadSynthesized } from "../../checks/synthesized/read";
import { estimateConfig, formatCost } from "./cost-report";
import { parseOptions, runCommand, withSynth } from "./common";
import { isCostReport, writeReport } from "./files";

export function cost(argv: readonly string[]): number {
  const opts = parseOptions(argv, ["config", "json"]);
  return withSynth(opts.config, (config, dir, stackNames) => {
    const report = estimateConfig(loadSynthesized(dir, stackNames), config);
    process.stdout.write(`${formatCost(report)}\n`);
    if (opts.json) writeReport("--json", opts.json, `${JSON.stringify(report, null, 2)}\n`, "cost report", isCostReport);
    return 0;
  });
}

const USAGE = `npm run cost -- [--config FILE] [--json FILE]
  --config FILE   the config (default: $SDS_CONFIG, else the embedded default config)
  --json FILE     also write the estimate as JSON; an existing FILE is replaced only when it is such a report
  -h, --help      this help`;

if (require.main === module) process.exitCode = runCommand(USAGE, () => cost(process.argv.slice(2)));
