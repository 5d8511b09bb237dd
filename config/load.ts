/**
 * Reading and validating the configuration. Everything the app builds comes from the object this returns;
 * nothing else in the app reads files or the environment.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_CONFIG } from "./default";
import { Config, ConfigSchema } from "./schema";

/** A config that failed validation: every problem with its path and what would fix it. */
export class ConfigError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`config error in ${source} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` + problems.map((p) => `  ${p}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** Validates a parsed config object; throws ConfigError listing every problem. */
export function validateConfig(input: unknown, source = "the config"): Config {
  // reportInput: so a present value of the wrong type is reported as such, not as "is required".
  const result = ConfigSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(source, result.error.issues.map(describeIssue));
}

/** How errors name the embedded default config. */
export const DEFAULT_CONFIG_SOURCE = "the embedded default config";

/** Reads a YAML or JSON file (or the embedded default when `path` is undefined) and validates it. */
export function loadConfig(path?: string): Config {
  if (path === undefined) return validateConfig(DEFAULT_CONFIG, DEFAULT_CONFIG_SOURCE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(path, [`cannot read the file: ${(e as Error).message}`]);
  }
  let parsed: unknown;
  try {
    // yaml is loaded only for YAML files: it costs ~30 ms of every synth otherwise.
    parsed = path.endsWith(".json") ? JSON.parse(text) : (require("yaml") as typeof import("yaml")).parse(text);
  } catch (e) {
    throw new ConfigError(path, [`not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(e as Error).message.split("\n")[0]}`]);
  }
  return validateConfig(parsed, path);
}

/** `environments[1].network.vpcCidr`: the path a user finds in their file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "") || "(top level)";
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = formatPath(issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return `${at}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; check the spelling against config/schema.ts`;
    case "invalid_type":
      return issue.input === undefined
        ? `${at}: is required (expected ${issue.expected})`
        : `${at}: expected ${issue.expected}, got ${JSON.stringify(issue.input)}`;
    default:
      return `${at}: ${issue.message}`;
  }
}
