/**
 * The one way the app's commands read their command line (`npm run synth`, `check`, `cost`, `demo`, `bench`,
 * `tf-config`): Node's `util.parseArgs`, strict, with its errors turned into a UsageError that names the argument.
 */
import { parseArgs, ParseArgsConfig } from "node:util";

/** A bad command line: the command prints the message and its usage, and exits 2 (0 for --help, with no message). */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses `argv` against `options` (plus --help/-h); throws UsageError for anything else. */
export function parseCommandLine<O extends Options>(argv: readonly string[], options: O, positionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: positionals });
  } catch (e) {
    const err = e as Error & { code?: string };
    const quoted = /'([^']*)'/.exec(err.message)?.[1] ?? "";
    const arg = quoted.split(" ")[0];
    if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || err.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`unknown argument "${arg}"`);
    if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(/argument missing|ambiguous/.test(err.message) ? `${arg} needs a value` : `${arg} takes no value`);
    throw new UsageError(err.message.split("\n")[0]);
  }
  if ((parsed.values as Record<string, unknown>).help) throw new UsageError("");
  return parsed;
}
