/** What the report commands (`npm run check`, `npm run cost`) share: arguments, and a synth into a throw-away folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../load";
import type { Config } from "../config/schema";
import { buildApp } from "../app";
import { CommandError, parseCommandLine, UsageError, usageExit } from "./args";

export { UsageError };

/** Parses `--name value` options (util.parseArgs through app/cli/args.ts); only the names given are accepted. */
export function parseOptions(argv: readonly string[], names: readonly string[]): Record<string, string> {
  const { values } = parseCommandLine(argv, Object.fromEntries(names.map((n) => [n, { type: "string" as const }])));
  return Object.fromEntries(Object.entries(values).filter(([k]) => k !== "help")) as Record<string, string>;
}

/** Loads the config (file, $SDS_CONFIG or the embedded default), synthesizes it into a temporary folder, runs `use`. */
export function withSynth<T>(configPath: string | undefined, use: (config: Config, dir: string, stackNames: string[]) => T): T {
  const config = loadConfig(configPath ?? (process.env.SDS_CONFIG || undefined));
  const dir = mkdtempSync(join(tmpdir(), "sds-report-"));
  try {
    const { app, stackNames } = buildApp(config, dir);
    app.synth();
    return use(config, dir, stackNames);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a command's main, turning usage and config errors into messages and exit codes. */
export function runCommand(usage: string, main: () => number): number {
  try {
    return main();
  } catch (e) {
    if (e instanceof UsageError) return usageExit(e, usage);
    if (e instanceof CommandError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    // No input ends in a stack trace; SDS_DEBUG=1 shows one for an unexpected failure.
    process.stderr.write(`${e instanceof Error && e.name === "ConfigError" ? e.message : process.env.SDS_DEBUG ? ((e as Error).stack ?? e) : `failed: ${(e as Error)?.message ?? e}`}\n`);
    return 1;
  }
}
