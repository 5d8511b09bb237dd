/** What the report commands (`npm run check`, `npm run cost`) share: arguments, and a synth into a throw-away folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config/load";
import type { Config } from "../config/schema";
import { buildApp } from "../stacks/app";

export class UsageError extends Error {}

/** Parses `--name value` pairs; only the names given are accepted. */
export function parseOptions(argv: readonly string[], names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") throw new UsageError("");
    const name = a.replace(/^--/, "");
    if (!a.startsWith("--") || !names.includes(name)) throw new UsageError(`unknown argument "${a}"`);
    if (argv[i + 1] === undefined) throw new UsageError(`${a} needs a value`);
    out[name] = argv[++i];
  }
  return out;
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
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`error: ${e.message}\n`);
      process.stderr.write(`usage: ${usage}\n`);
      return e.message ? 2 : 0;
    }
    process.stderr.write(`${e instanceof Error && e.name === "ConfigError" ? e.message : (e as Error).stack ?? e}\n`);
    return 1;
  }
}
