/**
 * Entry point: load and validate the config, build the app, synthesize. Nothing is written unless every step
 * succeeds: the app is synthesized into a scratch folder and copied over the output folder at the end, so a
 * failure leaves the previous output (and any local state beside it) untouched.
 *
 *   npm run synth -- [--config FILE] [--out DIR] [--state-bootstrap]
 *   (scripts/synth.mjs: bundles when sources changed, then runs main)
 *   (--config defaults to $SDS_CONFIG, then the embedded default; --out to $CDKTF_OUTDIR, then cdktf.out;
 *   --state-bootstrap, also SDS_STATE_BOOTSTRAP=1: the state stacks on local state, see the README's "The Terraform workflow")
 */
import { ComplianceError, enforceCompliance } from "./compliance/gate";
import { loadSynthesized } from "./compliance/model";
import { countQuotas, formatQuotaError, formatQuotaWarning, quotaErrors, quotaWarnings } from "./compliance/quotas";
import { formatWarnings } from "./compliance/report";
import { ConfigError, DEFAULT_CONFIG_SOURCE, loadConfig } from "./config/load";
import { StackInfo, synthesizeApp } from "./stacks/app";

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

export function synthesize(args: Args): StackInfo[] {
  const config = loadConfig(args.config);
  return synthesizeApp(config, args.out, {
    stateBootstrap: args.stateBootstrap,
    // The checks run on the scratch output: a failing one stops the synth before anything is copied.
    verify: (scratch, stackNames) => {
      const app = loadSynthesized(scratch, stackNames);
      // AWS quotas, counted from what was synthesized: a hard limit is a config error, an adjustable one a warning.
      const quotas = countQuotas(config, app);
      const over = quotaErrors(quotas);
      if (over.length > 0) throw new ConfigError(args.config ?? DEFAULT_CONFIG_SOURCE, over.map((u) => formatQuotaError(config, u)));
      const warnings = [...quotaWarnings(quotas).map((u) => formatQuotaWarning(config, u)), formatWarnings(enforceCompliance(config, app))].filter(Boolean);
      if (warnings.length > 0) process.stderr.write(`${warnings.join("\n")}\n`);
    },
  }).stacks;
}

/** Stacks in one line: every name when there are few, a count per environment and kind when there are many. */
export function stackSummary(stacks: readonly StackInfo[], listUpTo = 10): string {
  if (stacks.length <= listUpTo) return stacks.map((s) => s.name).join(", ");
  const environments = [...new Set(stacks.map((s) => s.environment))];
  return environments.map((env) => {
    const mine = stacks.filter((s) => s.environment === env);
    const projects = mine.filter((s) => s.kind === "project").length;
    const others = mine.filter((s) => s.kind !== "project").map((s) => s.name);
    return `${env}: ${mine.length} (${[...others, ...(projects > 0 ? [`${projects} project stack${projects === 1 ? "" : "s"} ${env}-project-*`] : [])].join(", ")})`;
  }).join("; ");
}

/** Runs the command line; returns the exit code. */
export function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv, process.env);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`error: ${e.message}\n`);
      process.stderr.write("usage: npm run synth -- [--config FILE.yaml|FILE.json] [--out DIR] [--state-bootstrap]\n");
      return e.message ? 2 : 0;
    }
    throw e;
  }
  try {
    const stacks = synthesize(args);
    process.stderr.write(`synthesized ${stacks.length} stack${stacks.length === 1 ? "" : "s"} into ${args.out}: ${stackSummary(stacks)}\n`);
    return 0;
  } catch (e) {
    const message = e instanceof ConfigError || e instanceof ComplianceError ? e.message : `synth failed: ${(e as Error).stack ?? e}`;
    process.stderr.write(`${message}\nnothing was written to ${args.out}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
