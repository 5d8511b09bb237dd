/**
 * The one way to run the app on the moto emulator, for `npm run demo` and every emulator suite: moto started on a
 * free port of 127.0.0.1, the config's every environment pointed at it (`onEmulator`), the app synthesized into
 * `<root>/cdktf.out`, and the stacks deployed, planned and destroyed in dependency order through `Workflow` with the
 * emulator's `-target`s and override files (tooling/harness/emulator-gaps.ts). Long steps print their elapsed time
 * ("dev-platform: apply … 45.2 s") to stderr, or where `progress` says. `stop()` always stops moto.
 *
 *   const run = await EmulatorRun.start({ label: "emu-platform", config: configWith({ ... }) });
 *   try { await run.deployAll(); ... } finally { await run.stop(); }
 *
 * Where the stacks keep their state is the config's choice, as for a user: `state: "bucket"` keeps each environment's
 * S3 backend (its state stack bootstrapped on local state, then migrated into the bucket it created: the workflow of
 * docs/operations.md); `state: "local"` (the default, quicker) sets every environment's backend to "local", so each
 * stack's state is a file `terraform.<stack>.tfstate` beside `cdktf.out` that the stacks reading it find there.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { validateConfig } from "../../app/load";
import type { Config } from "../../app/config/schema";
import { Moto, startMoto } from "./moto";
import { terraformEnv } from "./terraform";
import { Workflow } from "./workflow";

export interface OnEmulatorOptions {
  /** Every environment keeps its state in local files (backend type "local") instead of its own backend. @default false */
  readonly localState?: boolean;
  /** Buckets are deleted with their data on destroy (a throw-away run: moto writes access-log objects). @default false */
  readonly dropDataOnDestroy?: boolean;
}

/**
 * The config with every environment pointed at the emulator at `endpoint`; everything else is the config's own.
 * Validated again as a user's config is, so the schema's own rules hold for it (an environment on HCP Terraform
 * cannot use the emulator: HCP cannot reach this machine; `localState` switches every backend to "local" first).
 */
export function onEmulator(config: Config, endpoint: string, opts: OnEmulatorOptions = {}): Config {
  return validateConfig({
    ...config,
    environments: config.environments.map((e) => ({
      ...e,
      emulator: { endpoint },
      ...(opts.localState && { backend: { type: "local" as const } }),
      ...(opts.dropDataOnDestroy && { dataProtection: { ...e.dataProtection, bucketsOnDestroy: "delete-with-data" as const } }),
    })),
  }, "the config pointed at the emulator");
}

/** What a suite needs to talk to the emulator itself (AWS SDK clients). */
export interface EmulatorEndpoint {
  readonly endpoint: string;
}

export interface EmulatorRunOptions {
  /** Names the work folder (a new temporary folder `sds-<label>-…` unless `root` is given) and nothing else. */
  readonly label: string;
  /**
   * The work folder; the output and local state of a previous run in it are removed first (they belong to an
   * emulator that is gone). @default a new temporary folder
   */
  readonly root?: string;
  /**
   * The config, before it is pointed at the emulator; a function is called once moto listens (to create what the
   * config must name, e.g. a prefix list). @default the embedded default config
   */
  readonly config?: Config | ((emulator: EmulatorEndpoint) => Config | Promise<Config>);
  /** "bucket": each environment's own backend (S3 in moto, state stack bootstrapped); "local": state files. @default "local" */
  readonly state?: "bucket" | "local";
  /** Buckets go with their data on destroy. @default false (each config's own `dataProtection.bucketsOnDestroy`) */
  readonly dropDataOnDestroy?: boolean;
  /** Time limit of each terraform command. @default 300000 */
  readonly timeoutMs?: number;
  /** Where progress lines go. @default stderr, each line starting with `[<label>]` (suites run side by side) */
  readonly progress?: (line: string) => void;
}


/** An app synthesized for, and run on, its own moto emulator. */
export class EmulatorRun extends Workflow {
  /** Starts moto, points the config at it and synthesizes. Stops moto again when any of that fails. */
  static async start(opts: EmulatorRunOptions): Promise<EmulatorRun> {
    const root = opts.root ?? mkdtempSync(join(tmpdir(), `sds-${opts.label}-`));
    claimWorkFolder(root);
    cleanWorkFolder(root);
    const moto = await startMoto();
    try {
      const given = typeof opts.config === "function" ? await opts.config({ endpoint: moto.endpoint }) : opts.config ?? validateConfig(DEFAULT_CONFIG);
      return new EmulatorRun(moto, given, root, opts);
    } catch (e) {
      await moto.stop();
      throw e;
    }
  }

  private constructor(readonly moto: Moto, config: Config, root: string, private readonly runOpts: EmulatorRunOptions) {
    super(onEmulator(config, moto.endpoint, pointing(runOpts)),
      root, terraformEnv(root), { emulator: true, timeoutMs: runOpts.timeoutMs ?? 300_000, progress: runOpts.progress ?? ((line) => process.stderr.write(`[${runOpts.label}] ${line}\n`)) });
  }

  /** The emulator's base URL. */
  get endpoint(): string {
    return this.moto.endpoint;
  }

  /** Synthesizes `config` (pointed at this emulator, as the run's own) in place of the current one: a changed setting. */
  reconfigure(config: Config): void {
    this.synth(false, this.pointed(config));
  }

  /**
   * Another app in its own work folder on the same emulator (e.g. a second client of the same state): the config is
   * pointed at it the same way, nothing is synthesized twice into the same folder.
   */
  alongside(config: Config, label: string): Workflow {
    const root = mkdtempSync(join(tmpdir(), `sds-${label}-`));
    return new Workflow(this.pointed(config), root, terraformEnv(root), this.opts);
  }

  /** Stops moto (idempotent); call it in `finally` / `afterAll`. */
  async stop(): Promise<void> {
    await this.moto.stop();
  }

  private pointed(config: Config): Config {
    return onEmulator(config, this.moto.endpoint, pointing(this.runOpts));
  }
}

/** How a run points its configs at the emulator. */
function pointing(opts: EmulatorRunOptions): OnEmulatorOptions {
  return { localState: (opts.state ?? "local") === "local", dropDataOnDestroy: opts.dropDataOnDestroy };
}

/** Marks a work folder as a run's: the demo's `--work DIR` is cleaned only when it is one (or empty, or an earlier run's). */
const WORK_MARKER = ".sds-work";
const RUN_FILE = /^(cdktf\.out|terraform\.tfrc|terraform\..+\.tfstate(\.backup)?|\.terraform\..+\.tfstate\.lock\.info|\.sds-work)$/;

/**
 * Refuses a work folder holding anything a run did not make (the run replaces cdktf.out, terraform.tfrc and the
 * local state files there), then marks it.
 */
function claimWorkFolder(root: string): void {
  mkdirSync(root, { recursive: true });
  const entries = readdirSync(root);
  const foreign = entries.filter((f) => !RUN_FILE.test(f));
  if (!entries.includes(WORK_MARKER) && foreign.length > 0) {
    throw new Error(`the work folder ${root} holds files a run did not make (${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", ..." : ""}), and a run replaces cdktf.out, terraform.tfrc and terraform.*.tfstate there; give an empty or new folder (--work DIR)`);
  }
  writeFileSync(join(root, WORK_MARKER), "a work folder of secure-sagemaker-cdktf (npm run demo, the emulator suites): a run replaces cdktf.out, terraform.tfrc and terraform.*.tfstate here\n");
}

/**
 * Leaves nothing of a previous run in the work folder: its synthesized stacks keep a `.terraform` that points at
 * the previous emulator's port ("Backend configuration changed"), and its local state files belong to an emulator
 * that is gone.
 */
function cleanWorkFolder(root: string): void {
  rmSync(join(root, "cdktf.out"), { recursive: true, force: true });
  for (const f of readdirSync(root)) if (/^terraform\..+\.tfstate(\.backup)?$/.test(f)) rmSync(join(root, f), { force: true });
}
