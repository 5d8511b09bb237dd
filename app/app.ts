/**
 * Builds the whole app from a validated config: per environment a state stack (S3 backend only), a platform
 * stack and one stack per project. The only file besides app/cli/main.ts that creates the cdktf App.
 *
 * Stack names (stable; they are the state keys and workspace names, so renaming one moves its state):
 *   <env>-state            state bucket, state key, lock table (S3 backend only)
 *   <env>-platform         network, endpoints, flow logs, environment keys
 *   <env>-project-<name>   one per project
 * Every name starts with `<env>-`, so `cdktf deploy 'dev-*'` selects one environment (the config rejects
 * environment names that would make such a glob ambiguous).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { accessFile, accessFilePath } from "./plan/access";
import type { Config } from "./config/schema";
import { plan, StackKind } from "./plan/plan";
import { stateBackend } from "./stacks/environment";
import { checkOutputFolder, KeptStack, replaceOutputFolder } from "./output-folder";
import { OrganizationStack } from "./stacks/organization-stack";
import { SecureSageMakerPlatform } from "../lib/patterns/platform";
import { SecureSageMakerProject } from "../lib/patterns/project";
import { TerraformStateStack } from "../lib/patterns/state";
import { platformStackProps, projectStackProps, stateStackProps } from "./stacks/props";

export type { StackKind } from "./plan/plan";
export { platformStackName, projectStackName, stateStackName } from "./plan/names";

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

export function buildApp(config: Config, outdir: string, options: BuildOptions = {}): BuiltApp {
  // No stack traces in construct metadata: nothing reads them, and capturing one per construct costs ~10% of a synth.
  const app = new App({ outdir, skipValidation: false, stackTraces: false });
  const stacks: StackInfo[] = [];
  const add = <T extends TerraformStack>(stack: T, kind: StackKind, environment: string): T => {
    stacks.push({ name: stack.node.id, kind, environment });
    return stack;
  };
  const planned = plan(config);
  // The plan names every stack and resource; the stacks only wire constructs from it.
  for (const e of planned.environments) {
    let state: TerraformStateStack | undefined;
    if (e.stacks.state) {
      state = add(new TerraformStateStack(app, e.stacks.state, stateStackProps(e)), "state", e.name);
      stateBackend(state, e, { forceLocal: options.stateBootstrap });
    }
    const platform = add(new SecureSageMakerPlatform(app, e.stacks.platform, platformStackProps(e)), "platform", e.name);
    stateBackend(platform, e);
    // The platform's backend lives in the state stack's bucket: `cdktf deploy 'dev-*'` must deploy state first.
    if (state) platform.addDependency(state);
    for (const p of e.projects) {
      const stack = add(new SecureSageMakerProject(app, p.stack, projectStackProps(e, p, platform)), "project", e.name);
      stateBackend(stack, e);
    }
  }
  if (planned.organization) {
    const o = planned.organization;
    add(new OrganizationStack(app, o.stack, { plan: o, prefix: config.prefix, emulatorEndpoint: config.environments[0].emulator?.endpoint }), "organization", o.stack);
  }
  return { app, stackNames: stacks.map((s) => s.name), stacks };
}

export interface SynthOptions extends BuildOptions {
  /** Runs on the scratch output before it is copied; throwing stops the synth with nothing written. @default none */
  readonly verify?: (scratch: string, stackNames: string[]) => void;
  /** Files (the config) whose folder, and every folder above it, must never be the output folder. @default none */
  readonly protect?: readonly (string | undefined)[];
}

/**
 * Synthesizes into `out` all or nothing: into a scratch folder beside it, checked by `verify`, then put in place of
 * `out` by rename (app/output-folder.ts), so a failure leaves the previous output exactly as it was; everything
 * in it the tool did not write is carried over, and the folders of stacks no longer synthesized go unless they hold
 * such files (`kept`).
 */
export function synthesizeApp(config: Config, out: string, options: SynthOptions = {}): BuiltApp & { kept: KeptStack[]; warnings: string[] } {
  const target = checkOutputFolder(out, options.protect);
  const { result, kept, warnings } = replaceOutputFolder(target, (scratch) => {
    const built = buildApp(config, scratch, options);
    built.app.synth();
    options.verify?.(scratch, built.stackNames);
    writeAccessFiles(config, scratch);
    return built;
  });
  return { ...result, kept, warnings };
}


/**
 * One access file per project (`access/<environment>-<project>.json`, app/plan/access.ts): what `npm run open` and a data
 * scientist need without Terraform state. Written with the stacks, so it always matches what was synthesized.
 */
export function writeAccessFiles(config: Config, outdir: string): string[] {
  const written: string[] = [];
  for (const e of plan(config).environments) {
    for (const p of e.projects) {
      const file = join(outdir, accessFilePath(e.name, p.name));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(accessFile(e, p), null, 2)}\n`);
      written.push(file);
    }
  }
  return written;
}
