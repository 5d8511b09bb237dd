/**
 * Reading and validating the configuration. Everything the app builds comes from the object this returns;
 * nothing else in the app reads files or the environment.
 */
import { closeSync, constants, fstatSync, openSync, readSync, Stats, statSync } from "node:fs";
import { z } from "zod";
import { clip } from "./config/parse";
import { checkPlan } from "./plan/check";
import { plan } from "./plan/plan";
import { DEFAULT_CONFIG } from "./config/default";
import { decode, parseJson, parseYaml } from "./config/parse";
import { Config, ConfigSchema } from "./config/schema";

/** A config that failed validation: every problem with its path and what would fix it. */
export class ConfigError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`config error in ${source} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` + problems.map((p) => `  ${p}`).join("\n"));
    this.name = "ConfigError";
  }
}

/**
 * Validates a parsed config object, then holds its plan (every generated name, the tags) against AWS's rules;
 * throws ConfigError listing every problem.
 */
export function validateConfig(input: unknown, source = "the config"): Config {
  // reportInput: so a present value of the wrong type is reported as such, not as "is required".
  const result = ConfigSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ConfigError(source, result.error.issues.map(describeIssue).map(clipValues));
  const problems = checkPlan(plan(result.data));
  if (problems.length > 0) throw new ConfigError(source, problems.map(clipValues));
  return result.data;
}

/**
 * Messages show at most ~200 characters of any value the user typed, quoted or not (an ARN echoed bare). A quoted
 * value starts after a space or bracket and ends before one (or punctuation), so the text between two short quoted
 * values is never taken for one.
 */
const CLIPPED = /\.\.\. \(\d+ characters\)$/;
function clipValues(message: string): string {
  return message.replace(/(?<=^|[\s([])"((?:[^"\\]|\\.){201,})"(?=$|[\s;,.:)\]])|([^\s"]{201,})/g, (whole: string, quoted: string | undefined, bare: string | undefined) => {
    if (quoted !== undefined) return CLIPPED.test(quoted) ? whole : `"${clip(quoted)}"`;
    return bare!.endsWith("...") && [...bare!].length === 203 ? whole : clip(bare!); // a value clipped where the message was made
  });
}

/** How errors name the embedded default config. */
export const DEFAULT_CONFIG_SOURCE = "the embedded default config";

/** A config file is at most this many bytes (1 MiB; the largest example is a few KB), checked before reading. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * The bytes of a config file: a regular file (stat before opening, so a FIFO, a socket or /dev/zero is refused without
 * blocking; opened non-blocking in case it changed in between) of at most MAX_CONFIG_BYTES.
 */
function readConfigFile(path: string): Buffer {
  const problem = (what: string) => new ConfigError(path, [what]);
  if (path === "") throw new ConfigError("--config", ["the file name is empty; give the config file, e.g. --config environments.yaml"]);
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw problem(`cannot read the file: ${clip((e as Error).message)}`);
  }
  const tooBig = (size: number) => problem(`cannot read the file: it is ${size >= 10 * MAX_CONFIG_BYTES ? `${Math.round(size / MAX_CONFIG_BYTES)} MiB` : `${size} bytes`}, and a config file is at most 1 MiB (${MAX_CONFIG_BYTES} bytes); give the YAML or JSON config file`);
  if (!st.isFile()) throw problem(`cannot read the file: it is ${kindOf(st)}; give a YAML or JSON config file`);
  if (st.size > MAX_CONFIG_BYTES) throw tooBig(st.size);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw problem(`cannot read the file: ${clip((e as Error).message)}`);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw problem(`cannot read the file: it is ${kindOf(opened)}; give a YAML or JSON config file`);
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
    if (length > MAX_CONFIG_BYTES) throw tooBig(opened.size);
    return buffer.subarray(0, length);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw problem(`cannot read the file: ${clip((e as Error).message)}`);
  } finally {
    closeSync(fd);
  }
}

/** Reads a YAML or JSON file (or the embedded default when `path` is undefined) and validates it. */
export function loadConfig(path?: string): Config {
  if (path === undefined) return validateConfig(DEFAULT_CONFIG, DEFAULT_CONFIG_SOURCE);
  const bytes = readConfigFile(path);
  const text = decode(bytes);
  if (typeof text !== "string") throw new ConfigError(path, text.problems);
  const parsed = path.endsWith(".json") ? parseJson(text) : parseYaml(text);
  if ("problems" in parsed) throw new ConfigError(path, parsed.problems);
  return validateConfig(parsed.value, path);
}

/** `environments[1].network.vpcCidr`: the path a user finds in their file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${clip(String(key), 100)}` : clip(String(key), 100)), "") || "(top level)";
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = formatPath(issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return `${at}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.slice(0, 10).map((k) => `"${clip(k, 100)}"`).join(", ")}; check the spelling against app/config/schema.ts`;
    case "invalid_key":
      // A record key that breaks the key's rule (e.g. a tag key): the rule's own message.
      return `${at}: ${issue.issues[0]?.message ?? issue.message}`;
    case "invalid_type":
      return issue.input === undefined
        ? `${at}: is required (expected ${issue.expected})`
        : `${at}: expected ${issue.expected}, got ${clip(String(JSON.stringify(issue.input)))}`;
    default:
      return `${at}: ${issue.message}`;
  }
}
