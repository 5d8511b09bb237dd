/**
 * The Terraform workflow of an app, run step by step on the real terraform binary, in a layout a user has:
 * `<root>/cdktf.out/stacks/<stack>`, local state beside `cdktf.out`. Used through `EmulatorRun`
 * (tooling/harness/emulator-run.ts) by `npm run demo` and every emulator suite; the same steps are the commands of
 * docs/operations.md.
 *
 *   bootstrapState  the state stack on local state, then `terraform init -migrate-state -force-copy` into its bucket
 *   deploy / plan   one stack (with the emulator's `-target`s when the emulator cannot run some resource types)
 *   destroy         one stack
 *   teardownState   state back to local, deletion protection off and the bucket emptied on purpose, destroy
 *   deployAll / destroyAll   every stack in dependency order / in reverse (state stacks bootstrapped / torn down)
 *
 * Long steps report their elapsed time through `progress` ("dev-platform: apply … 45.2 s").
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { DeleteObjectCommand, ListObjectVersionsCommand, S3Client } from "@aws-sdk/client-s3";
import { join } from "node:path";
import type { Config } from "../../app/config/schema";
import { plan as planOf } from "../../app/plan/plan";
import { BuiltApp, StackInfo, synthesizeApp } from "../../app/app";
import { stackFolder } from "../../checks/synthesized/conventions";
import type { SynthModel } from "../../checks/synthesized/model";
import { loadSynthesized } from "../../checks/synthesized/read";
import { emulatorExclusions, emulatorOverride, emulatorTargets, withoutUnsetAttributes } from "./emulator-gaps";
import { RunResult, Terraform } from "./terraform";

export interface WorkflowOptions {
  /** Apply only what the emulator can run (`emulatorTargets`). @default false */
  readonly emulator?: boolean;
  /** Time limit of each terraform command. @default 600000 */
  readonly timeoutMs?: number;
  /** Where progress lines of long steps go. @default nowhere */
  readonly progress?: (line: string) => void;
  /** How often a running step reports its elapsed time. @default 15000 */
  readonly progressEveryMs?: number;
}

export interface StackRun {
  readonly stack: string;
  /** The stack's Terraform working directory. */
  readonly tf: Terraform;
  /** The `-target` arguments the step used (none: the whole stack); plan again with the same. */
  readonly args: string[];
  /** Addresses left out of the apply because the emulator cannot run them (with what depends on them). */
  readonly left: string[];
  readonly ms: number;
}

/** Limits a step to part of a stack. */
export interface StepScope {
  /**
   * Only the resources of these constructs (top-level construct ids of the stack, e.g. "audit"), read from the
   * construct paths of the synthesized JSON; Terraform adds what they depend on. @default the whole stack
   */
  readonly within?: readonly string[];
}

/** File name of the emulator override (a standard Terraform `*_override.tf.json`). */
export const EMULATOR_OVERRIDE = "emulator_override.tf.json";

/** File name of the teardown override (a standard Terraform `*_override.tf.json`). */
export const TEARDOWN_OVERRIDE = "teardown_override.tf.json";

/** A duration as progress lines print it: "45.2 s". */
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs a long step, reporting through `say` every `everyMs` how long it has been running, and when it ends how long
 * it took ("<label> … 45.2 s", or "<label> failed after 12.0 s").
 */
export async function withProgress<T>(label: string, say: ((line: string) => void) | undefined, step: () => Promise<T>, everyMs = 15_000): Promise<T> {
  if (!say) return step();
  const started = Date.now();
  const timer = setInterval(() => say(`  … ${label}: ${Math.round((Date.now() - started) / 1000)} s`), everyMs);
  try {
    const result = await step();
    say(`${label} … ${secs(Date.now() - started)}`);
    return result;
  } catch (e) {
    say(`${label} failed after ${secs(Date.now() - started)}`);
    throw e;
  } finally {
    clearInterval(timer);
  }
}

export class Workflow {
  readonly out: string;
  private built: BuiltApp;
  private model?: SynthModel;

  constructor(public config: Config, readonly root: string, readonly env: NodeJS.ProcessEnv, protected readonly opts: WorkflowOptions = {}) {
    this.out = join(root, "cdktf.out");
    this.built = this.synth();
  }

  /**
   * Synthesizes into `<root>/cdktf.out` (the state stacks on local state when `stateBootstrap`), with `config` when
   * given (it replaces the workflow's config: a changed setting applied to stacks already deployed). Terraform's
   * files in the stack folders (`.terraform`, state) stay. With the emulator, each stack gets its
   * `emulator_override.tf.json` (attributes the gap list leaves unset or whose drift it tolerates).
   */
  synth(stateBootstrap = false, config?: Config): BuiltApp {
    if (config) this.config = config;
    this.built = synthesizeApp(this.config, this.out, { stateBootstrap });
    this.model = undefined;
    if (this.opts.emulator) {
      for (const stack of this.built.stackNames) {
        const override = emulatorOverride(this.json(stack));
        // A synth carries over what it did not write: the harness removes its own override where none is needed now.
        if (Object.keys(override).length) writeFileSync(join(this.dir(stack), EMULATOR_OVERRIDE), JSON.stringify(override, null, 2));
        else rmSync(join(this.dir(stack), EMULATOR_OVERRIDE), { force: true });
      }
    }
    return this.built;
  }

  get stacks(): StackInfo[] {
    return this.built.stacks;
  }

  /** The synthesized app, read once per synth through the one reader of synthesized JSON (checks/synthesized/read.ts). */
  app(): SynthModel {
    return (this.model ??= loadSynthesized(this.out, this.built.stackNames));
  }

  dir(stack: string): string {
    return stackFolder(this.out, stack);
  }

  terraform(stack: string): Terraform {
    return new Terraform(this.dir(stack), this.env, { timeoutMs: this.opts.timeoutMs });
  }

  json(stack: string): Record<string, any> {
    const json = this.app().stack(stack);
    if (!json) throw new Error(`no stack "${stack}" in ${this.out} (have: ${this.built.stackNames.join(", ")})`);
    return json;
  }

  /**
   * `-target` args and left-out addresses of a stack (none without the emulator and without `within`). A gap limited to the state bucket (its policy) leaves out only what is attached to the bucket
   * the plan names: the state stack's access-log bucket keeps its policy.
   */
  targets(stack: string, scope: StepScope = {}): { args: string[]; left: string[] } {
    let args: string[] = [];
    let left: string[] = [];
    if (this.opts.emulator) {
      const json = this.json(stack);
      const stateBuckets = planOf(this.config).environments.map((e) => e.state.bucket);
      ({ args, left } = emulatorTargets(withoutUnsetAttributes(json), emulatorExclusions(this.app(), stack, stateBuckets)));
    }
    if (!scope.within) return { args, left };
    const inScope = this.app().resources.filter((r) => r.stack === stack && scope.within!.some((c) => r.path.startsWith(`${stack}/${c}/`)))
      .map((r) => `${r.type}.${r.name}`);
    const all = args.length ? new Set(args.map((a) => a.slice("-target=".length))) : undefined;
    return { args: inScope.filter((a) => !all || all.has(a)).map((a) => `-target=${a}`), left };
  }

  /**
   * First apply of a state stack: on local state (`terraform.<stack>.tfstate` beside cdktf.out), then its state is
   * copied into the bucket it created and the local file emptied. Leaves the app synthesized normally.
   */
  async bootstrapState(stack: string): Promise<StackRun> {
    return this.step(stack, "bootstrap on local state, migrate into its bucket", async (tf) => {
      this.synth(true);
      await tf.init();
      const { args, left } = this.targets(stack);
      await tf.apply(args);
      this.synth(false);
      await tf.init({ extra: ["-migrate-state", "-force-copy"] });
      return { args, left };
    });
  }

  /** `terraform init` and `apply` of one stack (only what the emulator runs, and only `within` when given). */
  async deploy(stack: string, scope: StepScope = {}): Promise<StackRun> {
    return this.step(stack, "apply", async (tf) => {
      await tf.init();
      const { args, left } = this.targets(stack, scope);
      await tf.apply(args);
      return { args, left };
    });
  }

  /** Every stack in dependency order: state stacks bootstrapped, the others deployed. */
  async deployAll(): Promise<StackRun[]> {
    const runs: StackRun[] = [];
    for (const s of this.stacks) runs.push(s.kind === "state" ? await this.bootstrapState(s.name) : await this.deploy(s.name));
    return runs;
  }

  plan(stack: string, scope: StepScope = {}): Promise<RunResult & { changes: boolean }> {
    return withProgress(`${stack}: plan`, this.opts.progress, () => this.terraform(stack).plan(this.targets(stack, scope).args), this.opts.progressEveryMs);
  }

  /** `terraform destroy` of one stack (only `within` and what depends on it, when given). */
  destroy(stack: string, scope: StepScope = {}): Promise<RunResult> {
    const args = scope.within ? this.targets(stack, scope).args : [];
    return withProgress(`${stack}: destroy`, this.opts.progress, () => this.terraform(stack).destroy(args), this.opts.progressEveryMs);
  }

  /** Every stack in reverse dependency order, state stacks torn down last. */
  async destroyAll(stacks: readonly string[] = this.stacks.map((s) => s.name)): Promise<void> {
    for (const name of [...stacks].reverse()) {
      if (this.stacks.find((s) => s.name === name)?.kind === "state") await this.teardownState(name);
      else await this.destroy(name);
    }
  }

  private async step(stack: string, what: string, run: (tf: Terraform) => Promise<{ args: string[]; left: string[] }>): Promise<StackRun> {
    const started = Date.now();
    const tf = this.terraform(stack);
    const { args, left } = await withProgress(`${stack}: ${what}`, this.opts.progress, () => run(tf), this.opts.progressEveryMs);
    return { stack, tf, args, left, ms: Date.now() - started };
  }

  /**
   * Last step of decommissioning an environment: the state stack's state goes back to a local file (its bucket
   * is about to disappear), deletion protection of the lock table is lifted and the bucket is allowed to be
   * deleted with the state versions in it (both only through a teardown override written for this step), then
   * everything is destroyed.
   */
  async teardownState(stack: string): Promise<void> {
    await withProgress(`${stack}: tear down`, this.opts.progress, () => this.teardown(stack), this.opts.progressEveryMs);
  }

  private async teardown(stack: string): Promise<void> {
    this.synth(true);
    const tf = this.terraform(stack);
    await tf.init({ extra: ["-migrate-state", "-force-copy"] });
    const json = this.json(stack);
    const resource: Record<string, Record<string, object>> = {};
    for (const name of Object.keys(json.resource?.aws_s3_bucket ?? {})) (resource.aws_s3_bucket ??= {})[name] = { force_destroy: true };
    for (const name of Object.keys(json.resource?.aws_dynamodb_table ?? {})) (resource.aws_dynamodb_table ??= {})[name] = { deletion_protection_enabled: false };
    const override = join(this.dir(stack), TEARDOWN_OVERRIDE);
    writeFileSync(override, JSON.stringify({ resource }, null, 2));
    try {
      const targets = Object.entries(resource).flatMap(([type, byName]) => Object.keys(byName).map((n) => `-target=${type}.${n}`));
      await tf.apply(targets);
      if (this.opts.emulator) await this.emptyStateBucket(stack);
      await tf.destroy();
    } finally {
      rmSync(override, { force: true });
      this.synth(false);
    }
  }

  /**
   * Deletes every object version and delete marker of a state stack's bucket one by one (see the emulator gap
   * "aws_s3_bucket.force_destroy": moto's batch delete fails on delete markers). Emulator runs only.
   */
  private async emptyStateBucket(stack: string): Promise<void> {
    const info = this.stacks.find((s) => s.name === stack);
    const e = planOf(this.config).environments.find((x) => x.name === info?.environment);
    const endpoint = e?.config.emulator?.endpoint;
    if (!e || !endpoint) return;
    const s3 = new S3Client({ endpoint, region: e.config.region, forcePathStyle: true, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    const Bucket = e.state.bucket;
    try {
      for (;;) {
        const page = await s3.send(new ListObjectVersionsCommand({ Bucket }));
        const all = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])];
        if (all.length === 0) return;
        for (const v of all) await s3.send(new DeleteObjectCommand({ Bucket, Key: v.Key, VersionId: v.VersionId }));
      }
    } finally {
      s3.destroy();
    }
  }

  /** Path of a stack's local state file (bootstrap and local backend). */
  localState(stack: string): string | undefined {
    const path = join(this.root, `terraform.${stack}.tfstate`);
    return existsSync(path) ? path : undefined;
  }
}
