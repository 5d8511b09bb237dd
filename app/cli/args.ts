/**
 * The one way the app's commands read their command line (`npm run synth`, `check`, `cost`, `demo`, `docs`, `bench`,
 * `tf-config`): Node's `util.parseArgs`, strict, with its errors turned into a UsageError that names the argument.
 * Every command answers --help/-h with its usage (exit 0, no work) and an unknown argument with the error and its
 * usage (exit 2).
 */
import { parseArgs, ParseArgsConfig } from "node:util";

/** A bad command line: the command prints the message and its usage, and exits 2 (0 for --help, with no message). */
export class UsageError extends Error {}

/** A command that cannot do what it was asked (e.g. a report it would not overwrite): `error: <message>`, exit 1. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandError";
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** What an option takes, for the message when its value is empty or npm took it. */
const VALUES: Record<string, string> = {
  config: "environments.yaml", out: "cdktf.out", json: "cost.json", "report-dir": "reports", "synth-dir": "cdktf.out", work: ".work/demo", reps: "5",
};

/**
 * `npm run synth --config=x.yaml` (no `--`) makes npm take `--config` as its own setting: it exports
 * `npm_config_config=x.yaml` and runs the command without it, which would then silently use its default. npm
 * exports `npm_config_<name>` for the settings given on its command line (and its own few, none of them ours), so
 * one of our option names there means the user meant it for us.
 */
function refuseNpmShadows(options: Options, env: NodeJS.ProcessEnv): void {
  const script = env.npm_lifecycle_event;
  if (!script) return;
  for (const [name, option] of Object.entries(options)) {
    const variable = `npm_config_${name.replace(/-/g, "_")}`;
    const value = env[variable];
    if (value === undefined) continue;
    const given = option.type === "boolean" || value === "true" || value === "" ? VALUES[name] ?? "" : value;
    throw new UsageError(`npm took --${name} as its own setting (${variable}=${value}), so the command never saw it; put the command's arguments after --: npm run ${script} -- --${name}${option.type === "string" ? ` ${given}` : ""}`);
  }
}

/** Parses `argv` against `options` (plus --help/-h); throws UsageError for anything else. */
export function parseCommandLine<O extends Options>(argv: readonly string[], options: O, positionals = false, env: NodeJS.ProcessEnv = process.env) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: positionals });
  } catch (e) {
    const err = e as Error & { code?: string };
    const quoted = /'([^']*)'/.exec(err.message)?.[1] ?? "";
    const arg = quoted.split(" ")[0];
    if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || err.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      refuseNpmShadows(options, env); // `npm run cost --json r.json` leaves "r.json" as a positional
      throw new UsageError(`unknown argument "${arg.length > 100 ? `${arg.slice(0, 100)}...` : arg}"`);
    }
    if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(/argument missing|ambiguous/.test(err.message) ? `${arg} needs a value` : `${arg} takes no value`);
    throw new UsageError(err.message.split("\n")[0]);
  }
  if ((parsed.values as Record<string, unknown>).help) throw new UsageError("");
  refuseNpmShadows(options, env);
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === "") throw new UsageError(`--${name} is empty; give a value, e.g. --${name} ${VALUES[name] ?? "VALUE"}`);
  }
  return parsed;
}

/** What a UsageError makes the command print and return: --help the usage on stdout (0), else error and usage on stderr (2). */
export function usageExit(e: UsageError, usage: string): number {
  if (!e.message) {
    process.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  process.stderr.write(`error: ${e.message}\nusage: ${usage}\n`);
  return 2;
}
