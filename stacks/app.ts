/**
 * Builds the whole app from a validated config: per environment a state stack (S3 backend only), a platform
 * stack and one stack per project. The only file besides main.ts that creates the cdktf App.
 *
 * Stack names (stable; they are the state keys and workspace names, so renaming one moves its state):
 *   <env>-state            state bucket, state key, lock table (S3 backend only)
 *   <env>-platform         network, endpoints, flow logs, environment keys
 *   <env>-project-<name>   one per project
 * Every name starts with `<env>-`, so `cdktf deploy 'dev-*'` selects one environment (the config rejects
 * environment names that would make such a glob ambiguous).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { App, TerraformStack } from "cdktf";
import type { Config, EnvironmentConfig } from "../config/schema";
import { stateBackend } from "./environment";
import { PlatformStack } from "./platform-stack";
import { ProjectStack } from "./project-stack";
import { StateStack } from "./state-stack";

export type StackKind = "state" | "platform" | "project";

export interface StackInfo {
  readonly name: string;
  readonly kind: StackKind;
  readonly environment: string;
}

export interface BuiltApp {
  readonly app: App;
  /** Stack names in dependency order (deploy in this order, destroy in reverse). */
  readonly stackNames: string[];
  /** The same stacks with their kind and environment. */
  readonly stacks: StackInfo[];
}

export interface BuildOptions {
  /**
   * Synthesize the state stacks with local state: the first apply of an environment, before its state bucket
   * exists (and the last step of a teardown). Every other stack is unaffected. @default false
   */
  readonly stateBootstrap?: boolean;
}

export function stateStackName(env: string): string {
  return `${env}-state`;
}

export function platformStackName(env: string): string {
  return `${env}-platform`;
}

export function projectStackName(env: string, project: string): string {
  return `${env}-project-${project}`;
}

export function buildApp(config: Config, outdir: string, options: BuildOptions = {}): BuiltApp {
  // No stack traces in construct metadata: nothing reads them, and capturing one per construct costs ~10% of a synth.
  const app = new App({ outdir, skipValidation: false, stackTraces: false });
  const stacks: StackInfo[] = [];
  const add = <T extends TerraformStack>(stack: T, kind: StackKind, environment: EnvironmentConfig): T => {
    stacks.push({ name: stack.node.id, kind, environment: environment.name });
    return stack;
  };
  for (const environment of config.environments) {
    const prefix = config.prefix;
    let state: StateStack | undefined;
    if (environment.backend.type === "s3") {
      state = add(new StateStack(app, stateStackName(environment.name), { prefix, environment }), "state", environment);
      stateBackend(state, prefix, environment, { forceLocal: options.stateBootstrap });
    }
    const platform = add(new PlatformStack(app, platformStackName(environment.name), { prefix, environment }), "platform", environment);
    stateBackend(platform, prefix, environment);
    // The platform's backend lives in the state stack's bucket: `cdktf deploy 'dev-*'` must deploy state first.
    if (state) platform.addDependency(state);
    for (const project of environment.projects) {
      const stack = add(new ProjectStack(app, projectStackName(environment.name, project.name), { prefix, environment, project, platform }), "project", environment);
      stateBackend(stack, prefix, environment);
    }
  }
  return { app, stackNames: stacks.map((s) => s.name), stacks };
}

export interface SynthOptions extends BuildOptions {
  /** Runs on the scratch output before it is copied; throwing stops the synth with nothing written. @default none */
  readonly verify?: (scratch: string, stackNames: string[]) => void;
}

/**
 * Synthesizes into `out` all or nothing: into a scratch folder beside it first, then moved over `out`, so a
 * failure leaves the previous output (and `.terraform` folders inside it) untouched.
 */
export function synthesizeApp(config: Config, out: string, options: SynthOptions = {}): BuiltApp {
  const target = resolve(out);
  const scratch = mkdtempSync(join(dirname(target), `.${basename(target)}.synth-`));
  try {
    const built = buildApp(config, scratch, options);
    built.app.synth();
    options.verify?.(scratch, built.stackNames);
    moveOver(scratch, target);
    return built;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Moves every file of `from` to the same place under `to`, replacing files there and leaving the others (a stack's
 * `.terraform` folder, local state) alone: what a recursive copy would do, with renames (`from` is beside `to`, on
 * the same file system), so 500 stacks cost no copying.
 */
function moveOver(from: string, to: string): void {
  if (!existsSync(to)) {
    renameSync(from, to);
    return;
  }
  if (!statSync(to).isDirectory()) rmSync(to, { force: true });
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    const targetIsDirectory = existsSync(target) && statSync(target).isDirectory();
    if (entry.isDirectory() && targetIsDirectory) moveOver(source, target);
    else {
      // A rename replaces a file, not a folder, and not a file with a folder.
      if (targetIsDirectory || entry.isDirectory()) rmSync(target, { recursive: true, force: true });
      renameSync(source, target);
    }
  }
  rmdirSync(from); // empty now
}
