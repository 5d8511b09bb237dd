/**
 * Entry point: load and validate the config, plan it, build the app, synthesize. Nothing is written unless every
 * step succeeds: the app is synthesized into a scratch folder beside the output folder, which replaces it by rename
 * at the end (app/output-folder.ts), so a failure leaves the previous output (and any local state) untouched.
 *
 *   npm run synth -- [--config FILE] [--out DIR] [--state-bootstrap]
 *   (tooling/synth.mjs: bundles when sources changed, then runs main)
 *   (--config defaults to $SDS_CONFIG, then the embedded default; --out to $CDKTF_OUTDIR, then cdktf.out;
 *   --state-bootstrap, also SDS_STATE_BOOTSTRAP=1: the state stacks on local state, see docs/operations.md)
 */
import { ComplianceError, enforceCompliance } from "./gate";
import { loadSynthesized } from "../../checks/synthesized/read";
import { countQuotas, formatQuotaError, formatQuotaWarning, quotaErrors, quotaWarnings } from "../../checks/quotas/count";
import { formatSuppressedSummary, formatWarnings } from "../../checks/compliance/report";
import { ConfigError, DEFAULT_CONFIG_SOURCE, loadConfig } from "../load";
import { parseCommandLine, UsageError, usageExit } from "./args";
import { clip } from "../config/parse";
import { StackInfo, synthesizeApp } from "../app";
import { OUTPUT_MARKER, OutputFolderError } from "../output-folder";

interface Args {
  readonly config?: string;
  readonly out: string;
  readonly stateBootstrap?: boolean;
}

function readArgs(argv: string[], env: NodeJS.ProcessEnv): Args {
  const { values } = parseCommandLine(argv, { config: { type: "string" }, out: { type: "string" }, "state-bootstrap": { type: "boolean" } });
  return {
    config: values.config ?? (env.SDS_CONFIG || undefined),
    out: values.out ?? (env.CDKTF_OUTDIR || "cdktf.out"),
    stateBootstrap: values["state-bootstrap"] || env.SDS_STATE_BOOTSTRAP === "1" || env.SDS_STATE_BOOTSTRAP === "true",
  };
}

export function synthesize(args: Args): StackInfo[] {
  const config = loadConfig(args.config);
  const built = synthesizeApp(config, args.out, {
    stateBootstrap: args.stateBootstrap,
    protect: [args.config],
    // The compliance rule pack and the quota count run on the scratch output: a failing rule or a hard AWS limit
    // stops the synth before anything is moved into place.
    verify: (scratch, stackNames) => {
      const app = loadSynthesized(scratch, stackNames);
      // AWS quotas, counted from what was synthesized: a hard limit is a config error, an adjustable one a warning.
      const quotas = countQuotas(config, app);
      const over = quotaErrors(quotas);
      if (over.length > 0) throw new ConfigError(args.config ?? DEFAULT_CONFIG_SOURCE, over.map((u) => formatQuotaError(config, u)));
      const report = enforceCompliance(config, app);
      // Information on stdout, warnings on stderr (the cdktf CLI shows stderr as [ERROR]).
      const warnings = [...quotaWarnings(quotas).map((u) => formatQuotaWarning(config, u)), formatWarnings(report)].filter(Boolean);
      if (warnings.length > 0) process.stderr.write(`${warnings.join("\n")}\n`);
      const suppressed = formatSuppressedSummary(report);
      if (suppressed) process.stdout.write(`${suppressed}\n`);
    },
  });
  for (const { stack, holds } of built.kept) {
    const files = (/^terraform\.tfstate/.test(holds[0]) ? holds.slice(1) : holds).slice(0, 5).join(", ") + (holds.length > 5 ? ` and ${holds.length - 5} more` : "");
    process.stderr.write(/^terraform\.tfstate/.test(holds[0])
      ? `warning: ${args.out}/stacks/${stack} is kept although the config no longer has that stack: it holds a ${holds[0]}${holds.length > 1 ? ` (and ${files})` : ""}; run terraform destroy there (its last configuration is kept with it) or move that state, then delete the folder\n`
      : `warning: ${args.out}/stacks/${stack} is kept although the config no longer has that stack: it holds files this tool did not write (${files}); move them, then delete the folder\n`);
  }
  for (const w of built.warnings) process.stderr.write(`warning: ${w}\n`);
  return built.stacks;
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

const USAGE = `npm run synth -- [--config FILE.yaml|FILE.json] [--out DIR] [--state-bootstrap]
  --config FILE       the config (default: $SDS_CONFIG, else the embedded default config); at most 1 MiB
  --out DIR           the output folder (default: $CDKTF_OUTDIR, else cdktf.out): an empty or new folder, or one
                      this tool wrote (it holds ${OUTPUT_MARKER}); replaced whole, Terraform's and your files kept
  --state-bootstrap   the state stacks on local state: the first apply of an environment (also SDS_STATE_BOOTSTRAP=1)
  -h, --help          this help`;

/** Runs the command line; returns the exit code. */
export function main(argv: string[]): number {
  let args: Args;
  try {
    args = readArgs(argv, process.env);
  } catch (e) {
    if (e instanceof UsageError) return usageExit(e, USAGE);
    throw e;
  }
  try {
    const stacks = synthesize(args);
    process.stdout.write(`synthesized ${stacks.length} stack${stacks.length === 1 ? "" : "s"} into ${args.out}: ${stackSummary(stacks)}\n`);
    return 0;
  } catch (e) {
    // A problem with --out: one line; whatever it says about the previous output is true.
    if (e instanceof OutputFolderError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    // No input ends in a stack trace; SDS_DEBUG=1 shows one for an unexpected failure.
    const message = e instanceof ConfigError || e instanceof ComplianceError ? e.message
      : `synth failed: ${process.env.SDS_DEBUG ? ((e as Error).stack ?? e) : clip(String((e as Error)?.message ?? e))}`;
    // True: the synth runs in a scratch folder that replaces the output folder only once everything succeeded.
    process.stderr.write(`${message}\nnothing was written to ${args.out}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
