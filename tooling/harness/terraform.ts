/**
 * Runs the real terraform binary on synthesized stacks: init, validate, plan, apply, destroy, output.
 * Used by the test suites, the demo and the benchmark; nothing here fakes Terraform.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { remoteStateReads, stackFolder } from "../../checks/synthesized/conventions";
import type { SynthModel } from "../../checks/synthesized/model";
import { writeCliConfig } from "./provider-mirror";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export class TerraformError extends Error {
  constructor(readonly args: string[], readonly result: RunResult, readonly dir: string) {
    super(`terraform ${args.join(" ")} in ${dir} exited ${result.code}:\n${tail(result.stderr || result.stdout, 4000)}`);
  }
}

function tail(text: string, n: number): string {
  return text.length > n ? `…${text.slice(-n)}` : text;
}

/** Environment for terraform: the harness's CLI config, no checkpoint calls, no prompts, fake AWS credentials. */
export function terraformEnv(workRoot: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: writeCliConfig(workRoot),
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_SESSION_TOKEN: "testing",
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  };
  delete env.AWS_PROFILE;
  return env;
}

export interface TerraformOptions {
  /** Kill a command that runs longer than this (a provider retry loop must fail, not hang). @default 600000 */
  readonly timeoutMs?: number;
}

/** One Terraform working directory. */
export class Terraform {
  constructor(readonly dir: string, readonly env: NodeJS.ProcessEnv, private readonly opts: TerraformOptions = {}) {}

  run(args: string[], opts: { allowCodes?: number[]; timeoutMs?: number } = {}): Promise<RunResult> {
    const started = Date.now();
    const timeoutMs = opts.timeoutMs ?? this.opts.timeoutMs ?? 600_000;
    return new Promise((resolvePromise, reject) => {
      const child = spawn("terraform", args, { cwd: this.dir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      const timer = setTimeout(() => {
        stderr += `\n[harness] killed after ${timeoutMs} ms`;
        child.kill("SIGKILL");
      }, timeoutMs);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        const result = { code: code ?? -1, stdout, stderr, ms: Date.now() - started };
        if (code === 0 || opts.allowCodes?.includes(code ?? -1)) resolvePromise(result);
        else reject(new TerraformError(args, result, this.dir));
      });
    });
  }

  init(opts: { backend?: boolean; extra?: string[] } = {}): Promise<RunResult> {
    return this.run(["init", "-input=false", "-no-color", ...(opts.backend === false ? ["-backend=false"] : []), ...(opts.extra ?? [])]);
  }

  validate(): Promise<RunResult> {
    return this.run(["validate", "-no-color"]);
  }

  /** Plans; `changes` says whether the plan would change anything (-detailed-exitcode). */
  async plan(extra: string[] = []): Promise<RunResult & { changes: boolean }> {
    const r = await this.run(["plan", "-input=false", "-no-color", "-detailed-exitcode", ...extra], { allowCodes: [2] });
    return { ...r, changes: r.code === 2 };
  }

  apply(extra: string[] = []): Promise<RunResult> {
    return this.run(["apply", "-input=false", "-no-color", "-auto-approve", ...extra]);
  }

  destroy(extra: string[] = []): Promise<RunResult> {
    return this.run(["destroy", "-input=false", "-no-color", "-auto-approve", ...extra]);
  }

  async outputs(): Promise<Record<string, unknown>> {
    const r = await this.run(["output", "-json"]);
    const parsed = JSON.parse(r.stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v.value]));
  }

  /** Resource addresses in the state. */
  async stateList(): Promise<string[]> {
    const r = await this.run(["state", "list"], { allowCodes: [1] });
    return r.stdout.split("\n").filter(Boolean);
  }
}

/**
 * Copies a synthesized stack into its own working directory, so that runs never touch cdktf.out, and optionally
 * adds a Terraform override file (a standard Terraform feature: `*_override.tf.json` merges over the config).
 */
export function stackWorkdir(synthOut: string, stack: string, dest: string, override?: object): string {
  mkdirSync(dest, { recursive: true });
  cpSync(stackFolder(synthOut, stack), dest, { recursive: true });
  if (override) writeFileSync(join(dest, "harness_override.tf.json"), JSON.stringify(override, null, 2));
  return dest;
}

/**
 * Override for running a stack offline with fake credentials: the provider skips its credential and account
 * checks (so the account pin is lifted), and state goes to a local file in the working directory.
 */
export function offlineOverride(dir: string): object {
  return {
    ...localStateOverride(dir),
    provider: { aws: { allowed_account_ids: null, skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: "true" } },
  };
}

/** Override that keeps a stack's state in a local file of its working directory, whatever backend it declares. */
export function localStateOverride(dir: string): object {
  return { terraform: { backend: { local: { path: join(dir, "terraform.tfstate") } } } };
}

/**
 * Override for planning a stack of `app` whose cross-stack inputs were never applied (offline): each
 * `terraform_remote_state` reads an empty local state written into `dir`, with `defaults` (a standard argument)
 * for every output the stack reads: a placeholder of the shape of the attribute the producer's output carries
 * (resolved through the app model to its resource: an ARN for `arn`, an id otherwise). Real runs never use it.
 */
export function remoteStateDefaultsOverride(app: SynthModel, stack: string, dir: string, scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" }): object {
  const json = app.stack(stack);
  if (!json) throw new Error(`stack "${stack}" is not in the synthesized app (have: ${app.stacks.map((s) => s.name).join(", ")})`);
  const reads = remoteStateReads(json);
  if (reads.length === 0) return {};
  const emptyState = join(dir, "empty-remote.tfstate");
  mkdirSync(dir, { recursive: true });
  writeFileSync(emptyState, JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "offline-placeholder", outputs: {}, resources: [] }));
  const overrides: Record<string, object> = {};
  for (const { source, producer, outputs } of reads) {
    const defaults: Record<string, string> = {};
    for (const output of outputs) {
      const found = app.outputSource(producer, output);
      if (!found) throw new Error(`${stack} reads output "${output}" of ${producer}, which is not a reference to a resource of the synthesized app`);
      defaults[output] = placeholder(found.resource.type, found.attribute ?? "id", scope);
    }
    overrides[source] = { backend: "local", config: { path: emptyState }, defaults };
  }
  return { data: { terraform_remote_state: overrides } };
}

/** A value of the shape a resource attribute has: an ARN for `arn`, a resource id otherwise. */
function placeholder(resourceType: string, attribute: string, scope: { partition: string; region: string; accountId: string }): string {
  const type = resourceType.replace(/^aws_/, "");
  if (/arn$/.test(attribute)) {
    if (type.startsWith("kms")) return `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/00000000-0000-0000-0000-000000000000`;
    if (type.startsWith("iam")) return `arn:${scope.partition}:iam::${scope.accountId}:role/placeholder`;
    if (type.startsWith("s3")) return `arn:${scope.partition}:s3:::placeholder-bucket`;
    return `arn:${scope.partition}:${type.split("_")[0]}:${scope.region}:${scope.accountId}:placeholder/placeholder`;
  }
  return `${type.replace(/_/g, "-")}-0123456789abcdef0`;
}
