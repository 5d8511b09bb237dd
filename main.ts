/**
 * Entry point: load and validate the config, build the app, synthesize. Nothing is written unless every step
 * succeeds: the app is synthesized into a scratch folder and copied over the output folder at the end, so a
 * failure leaves the previous output (and any local state beside it) untouched.
 *
 *   npm run synth -- [--config FILE] [--out DIR] [--state-bootstrap]
 *   (scripts/synth.mjs: bundles when sources changed, then runs main)
 *   (--config defaults to $SDS_CONFIG, then the embedded default; --out to $CDKTF_OUTDIR, then cdktf.out;
 *   --state-bootstrap, also SDS_STATE_BOOTSTRAP=1: the state stacks on local state, see docs/operations.md)
 */
import { ComplianceError, enforceCompliance } from "./compliance/gate";
import { formatSuppressedSummary, formatWarnings } from "./compliance/report";
import { ConfigError, loadConfig } from "./config/load";
import { synthesizeApp } from "./stacks/app";

interface Args {
  readonly config?: string;
  readonly out: string;
  readonly stateBootstrap?: boolean;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Args {
  let config = env.SDS_CONFIG || undefined;
  let out = env.CDKTF_OUTDIR || "cdktf.out";
  let stateBootstrap = env.SDS_STATE_BOOTSTRAP === "1" || env.SDS_STATE_BOOTSTRAP === "true";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === "--config" || a === "--out") && argv[i + 1] === undefined) throw new UsageError(`${a} needs a value`);
    if (a === "--config") config = argv[++i];
    else if (a === "--out") out = argv[++i];
    else if (a === "--state-bootstrap") stateBootstrap = true;
    else if (a === "--help" || a === "-h") throw new UsageError("");
    else throw new UsageError(`unknown argument "${a}"`);
  }
  return { config, out, stateBootstrap };
}

class UsageError extends Error {}

export function synthesize(args: Args): string[] {
  const config = loadConfig(args.config);
  return synthesizeApp(config, args.out, {
    stateBootstrap: args.stateBootstrap,
    // The compliance rule pack runs on the scratch output: a failing rule stops the synth before anything is copied.
    verify: (scratch, stackNames) => {
      // Information on stdout, warnings on stderr (the cdktf CLI shows stderr as [ERROR]).
      const report = enforceCompliance(config, scratch, stackNames);
      const warnings = formatWarnings(report);
      if (warnings) process.stderr.write(`${warnings}\n`);
      const suppressed = formatSuppressedSummary(report);
      if (suppressed) process.stdout.write(`${suppressed}\n`);
    },
  }).stackNames;
}

/** Runs the command line; returns the exit code. */
export function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv, process.env);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`error: ${e.message}\n`);
      (e.message ? process.stderr : process.stdout).write("usage: npm run synth -- [--config FILE.yaml|FILE.json] [--out DIR] [--state-bootstrap]\n");
      return e.message ? 2 : 0;
    }
    throw e;
  }
  try {
    const stacks = synthesize(args);
    process.stdout.write(`synthesized ${stacks.length} stack${stacks.length === 1 ? "" : "s"} into ${args.out}: ${stacks.join(", ")}\n`);
    return 0;
  } catch (e) {
    const message = e instanceof ConfigError || e instanceof ComplianceError ? e.message : `synth failed: ${(e as Error).stack ?? e}`;
    process.stderr.write(`${message}\nnothing was written to ${args.out}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
