/** Test helpers for config rules: variations of the embedded default, and the problems validation reports. */
import { ConfigError, validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";

/** The default config with its first environment changed. */
export function withEnv(changes: Record<string, unknown>): unknown {
  const config = structuredClone(DEFAULT_CONFIG) as any;
  Object.assign(config.environments[0], changes);
  return config;
}

/** The default config with changes to its first environment and first project, and at the top level. */
export function withChanges(env: Record<string, unknown> = {}, project: Record<string, unknown> = {}, top: Record<string, unknown> = {}): any {
  const c = structuredClone(DEFAULT_CONFIG) as any;
  Object.assign(c.environments[0], env);
  Object.assign(c.environments[0].projects[0], project);
  return { ...c, ...top };
}

/** The problems a config is rejected with; fails the test when it is accepted. */
export function problems(input: unknown): string[] {
  try {
    validateConfig(input);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error("the config was accepted");
}
