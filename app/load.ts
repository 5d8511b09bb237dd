/**
 * Reading and validating the configuration. Everything the app builds comes from the object this returns;
 * nothing else in the app reads files or the environment.
 */
import { readFileSync } from "node:fs";
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
  if (!result.success) throw new ConfigError(source, result.error.issues.map(describeIssue).map(clipQuoted));
  const problems = checkPlan(plan(result.data));
  if (problems.length > 0) throw new ConfigError(source, problems);
  return result.data;
}

/** Messages quote at most ~200 characters of any value the user typed. */
function clipQuoted(message: string): string {
  return message.replace(/"((?:[^"\\]|\\.){201,})"/g, (_, inner: string) => `"${clip(inner)}"`);
}

/** How errors name the embedded default config. */
export const DEFAULT_CONFIG_SOURCE = "the embedded default config";

/** Reads a YAML or JSON file (or the embedded default when `path` is undefined) and validates it. */
export function loadConfig(path?: string): Config {
  if (path === undefined) return validateConfig(DEFAULT_CONFIG, DEFAULT_CONFIG_SOURCE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ConfigError(path, [`cannot read the file: ${clip((e as Error).message)}`]);
  }
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
