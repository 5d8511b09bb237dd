/**
 * The Terraform workflow of an app, run step by step on the real terraform binary, in a layout a user has:
 * `<root>/cdktf.out/stacks/<stack>`, local state beside `cdktf.out`. Used by `npm run demo` and the
 * end-to-end emulator suite; the same steps are the commands of docs/operations.md.
 *
 *   bootstrapState  the state stack on local state, then `terraform init -migrate-state -force-copy` into its bucket
 *   deploy / plan   one stack (with `emulatorTargets` when the emulator cannot run some resource types)
 *   destroy         one stack
 *   teardownState   state back to local, deletion protection off and the bucket emptied on purpose, destroy
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { DeleteObjectCommand, ListObjectVersionsCommand, S3Client } from "@aws-sdk/client-s3";
import { join } from "node:path";
import type { Config } from "../config/schema";
import { BuiltApp, StackInfo, synthesizeApp } from "../stacks/app";
import { stateNames } from "../stacks/environment";
import { emulatorOverride, emulatorTargets, withoutUnsetAttributes } from "./emulator-gaps";
import { readStack, RunResult, Terraform } from "./terraform";

export interface WorkflowOptions {
  /** Apply only what the emulator can run (`emulatorTargets`). @default false */
  readonly emulator?: boolean;
  /** Time limit of each terraform command. @default 600000 */
  readonly timeoutMs?: number;
}

export interface StackRun {
  readonly stack: string;
  /** Addresses left out of the apply because the emulator cannot run them (with what depends on them). */
  readonly left: string[];
  readonly ms: number;
}

/** File name of the teardown override (a standard Terraform `*_override.tf.json`). */
export const TEARDOWN_OVERRIDE = "teardown_override.tf.json";

export class Workflow {
  readonly out: string;
  private built: BuiltApp;

  constructor(readonly config: Config, readonly root: string, readonly env: NodeJS.ProcessEnv, private readonly opts: WorkflowOptions = {}) {
    this.out = join(root, "cdktf.out");
    this.built = this.synth();
  }

  /** Synthesizes into `<root>/cdktf.out` (the state stacks on local state when `stateBootstrap`). */
  synth(stateBootstrap = false): BuiltApp {
    this.built = synthesizeApp(this.config, this.out, { stateBootstrap });
    return this.built;
  }

  get stacks(): StackInfo[] {
    return this.built.stacks;
  }

  dir(stack: string): string {
    return join(this.out, "stacks", stack);
  }

  terraform(stack: string): Terraform {
    return new Terraform(this.dir(stack), this.env, { timeoutMs: this.opts.timeoutMs });
  }

  json(stack: string): Record<string, any> {
    return readStack(this.out, stack);
  }

  /**
   * `-target` args and left-out addresses of a stack for the emulator (none without it). With the emulator it also
   * writes the stack's `emulator_override.tf.json` (attributes the gap list leaves unset or whose drift it tolerates).
   * The bucket-policy gap of the state stack concerns the state bucket only: its access-log bucket keeps its policy.
   */
  targets(stack: string): { args: string[]; left: string[] } {
    if (!this.opts.emulator) return { args: [], left: [] };
    const json = this.json(stack);
    const override = emulatorOverride(json);
    if (Object.keys(override).length) writeFileSync(join(this.dir(stack), "emulator_override.tf.json"), JSON.stringify(override, null, 2));
    return emulatorTargets(withoutUnsetAttributes(json));
  }

  /**
   * First apply of a state stack: on local state (`terraform.<stack>.tfstate` beside cdktf.out), then its state is
   * copied into the bucket it created and the local file emptied. Leaves the app synthesized normally.
   */
  async bootstrapState(stack: string): Promise<StackRun> {
    const started = Date.now();
    this.synth(true);
    const tf = this.terraform(stack);
    await tf.init();
    const { args, left } = this.targets(stack);
    await tf.apply(args);
    this.synth(false);
    await tf.init({ extra: ["-migrate-state", "-force-copy"] });
    return { stack, left, ms: Date.now() - started };
  }

  async deploy(stack: string): Promise<StackRun> {
    const started = Date.now();
    const tf = this.terraform(stack);
    await tf.init();
    const { args, left } = this.targets(stack);
    await tf.apply(args);
    return { stack, left, ms: Date.now() - started };
  }

  plan(stack: string): Promise<RunResult & { changes: boolean }> {
    return this.terraform(stack).plan(this.targets(stack).args);
  }

  destroy(stack: string): Promise<RunResult> {
    return this.terraform(stack).destroy();
  }

  /**
   * Last step of decommissioning an environment: the state stack's state goes back to a local file (its bucket
   * is about to disappear), deletion protection of the lock table is lifted and the bucket is allowed to be
   * deleted with the state versions in it (both only through a teardown override written for this step), then
   * everything is destroyed.
   */
  async teardownState(stack: string): Promise<void> {
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
    const env = this.config.environments.find((e) => e.name === info?.environment);
    if (!env?.emulator) return;
    const s3 = new S3Client({ endpoint: env.emulator.endpoint, region: env.region, forcePathStyle: true, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    const Bucket = stateNames(this.config.prefix, env).bucket;
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
