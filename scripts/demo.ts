/**
 * `npm run demo`: the embedded default environment (or your own config, `--config FILE`) deployed onto a local moto
 * emulator, the way a team deploys it onto AWS: state bootstrap (local state, then migrated into its bucket),
 * platform, projects. Resource types moto cannot run are left out (harness/emulator-gaps.ts). Prints a summary and
 * tears everything down again unless `--keep`. Every run starts from a clean work folder, so it can be run again
 * and again in the same checkout.
 *
 *   npm run demo [-- --keep] [--config FILE] [--work DIR]
 *
 * Needs `terraform` and `moto_server` on the PATH (or $SDS_MOTO_SERVER); nothing global from npm.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "../config/load";
import type { Config } from "../config/schema";
import { EMULATOR_GAPS } from "../harness/emulator-gaps";
import { Moto, startMoto } from "../harness/moto";
import { terraformEnv } from "../harness/terraform";
import { Workflow } from "../harness/workflow";
import { stateNames } from "../stacks/environment";

interface Args {
  readonly keep: boolean;
  readonly config?: string;
  readonly work: string;
}

function parseArgs(argv: string[]): Args {
  let keep = false;
  let config: string | undefined;
  let work = resolve(".work/demo");
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--keep") keep = true;
    else if (a === "--config" && argv[i + 1]) config = resolve(argv[++i]);
    else if (a === "--work" && argv[i + 1]) work = resolve(argv[++i]);
    else throw new Error(`unknown argument "${a}"; usage: npm run demo -- [--keep] [--config FILE] [--work DIR]`);
  }
  return { keep, config, work };
}

const say = (line = "") => process.stdout.write(`${line}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a long step, printing how long it has been running every `everyMs` so that a 60-80 s apply is not silent. */
async function withProgress<T>(label: string, step: () => Promise<T>, everyMs = 15_000): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => say(`  … ${label}: ${Math.round((Date.now() - started) / 1000)} s`), everyMs);
  try {
    return await step();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Leaves nothing of a previous run in the work folder: its synthesized stacks keep a `.terraform` that points at
 * the previous emulator's port ("Backend configuration changed"), and its local state files belong to an emulator
 * that is gone.
 */
function cleanWorkFolder(work: string): void {
  rmSync(join(work, "cdktf.out"), { recursive: true, force: true });
  for (const f of readdirSync(work)) if (/^terraform\..+\.tfstate(\.backup)?$/.test(f)) rmSync(join(work, f), { force: true });
}

/** Managed resources in a stack's state (data sources are not resources): the one count the demo reports. */
async function managedResources(flow: Workflow, stack: string): Promise<{ type: string; values: Record<string, any> }[]> {
  const shown = JSON.parse((await flow.terraform(stack).run(["show", "-json", "-no-color"])).stdout);
  const all: { mode: string; type: string; values: Record<string, any> }[] = shown.values?.root_module?.resources ?? [];
  return all.filter((r) => r.mode === "managed");
}

function requireCommand(command: string, hint: string): void {
  const r = spawnSync(command, ["--version"], { stdio: "ignore" });
  if (r.error) throw new Error(`"${command}" was not found on the PATH: ${hint}`);
}

/**
 * The config with every environment pointed at the emulator. The demo is thrown away at the end, so its buckets
 * go with their data on destroy (moto writes access-log objects into the log buckets).
 */
function onEmulator(config: Config, endpoint: string): Config {
  return {
    ...config,
    environments: config.environments.map((e) => ({ ...e, emulator: { endpoint }, dataProtection: { ...e.dataProtection, bucketsOnDestroy: "delete-with-data" as const } })),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  requireCommand("terraform", "install Terraform 1.11 (https://developer.hashicorp.com/terraform/install)");
  requireCommand(process.env.SDS_MOTO_SERVER || "moto_server", "pip install 'moto[server]==5.2.1' (or set SDS_MOTO_SERVER)");
  mkdirSync(args.work, { recursive: true });
  cleanWorkFolder(args.work);

  say("starting moto on 127.0.0.1 …");
  const moto: Moto = await startMoto();
  say(`moto listens on ${moto.endpoint}`);
  const loaded = loadConfig(args.config);
  const cloud = loaded.environments.findIndex((e) => e.backend.type === "cloud");
  if (cloud >= 0) {
    await moto.stop();
    throw new Error(`environments[${cloud}].backend.type is "cloud": HCP Terraform cannot reach an emulator on this machine; use "s3" (or "local") for the demo`);
  }
  const config = onEmulator(loaded, moto.endpoint);
  const flow = new Workflow(config, args.work, terraformEnv(args.work), { emulator: true, timeoutMs: 300_000 });
  const stacks = flow.stacks;
  say(`synthesized ${stacks.length} stacks into ${flow.out}: ${stacks.map((s) => s.name).join(", ")}`);
  const excluded = EMULATOR_GAPS.filter((g) => g.excludedType);
  if (excluded.length) {
    say("left out on the emulator (validated and planned offline by npm test instead):");
    for (const g of excluded) say(`  ${g.excludedType}: ${g.reason}`);
  }
  let deployed: string[] = [];
  try {
    for (const [i, s] of stacks.entries()) {
      const step = `[${i + 1}/${stacks.length}] ${s.name}`;
      say(`${step}: ${s.kind === "state" ? "bootstrap on local state, then migrate into its bucket" : "init + apply"} …`);
      const run = await withProgress(step, () => (s.kind === "state" ? flow.bootstrapState(s.name) : flow.deploy(s.name)));
      deployed.push(s.name);
      const count = (await managedResources(flow, s.name)).length;
      say(`${step}: ${count} resources in ${secs(run.ms)}${run.left.length ? `; left out: ${run.left.join(", ")}` : ""}`);
    }
    await summary(flow, config);
    if (args.keep) {
      say(`\n--keep: the stacks stay deployed while this process runs; moto stops when it ends (Ctrl-C).`);
      say(`terraform in ${join(flow.out, "stacks", "<stack>")} with TF_CLI_CONFIG_FILE=${flow.env.TF_CLI_CONFIG_FILE} and AWS_ACCESS_KEY_ID=testing works meanwhile.`);
      await new Promise<void>((r) => process.once("SIGINT", () => r()));
      deployed = [];
    }
  } finally {
    try {
      if (deployed.length) await teardown(flow, deployed);
    } finally {
      await moto.stop();
    }
  }
}

async function summary(flow: Workflow, config: Config): Promise<void> {
  say("\nsummary");
  for (const s of flow.stacks) {
    const resources = await managedResources(flow, s.name);
    const env = config.environments.find((e) => e.name === s.environment)!;
    const names = stateNames(config.prefix, env);
    const where = env.backend.type === "s3" ? `s3://${names.bucket}/${names.key(s.name)}` : env.backend.type;
    say(`  ${s.name}: ${resources.length} resources; state in ${where}`);
    const list = (label: string, values: string[]) => values.length && say(`    ${label}: ${values.join(", ")}`);
    list("KMS keys", resources.filter((r) => r.type === "aws_kms_alias").map((r) => r.values.name));
    list("buckets", resources.filter((r) => r.type === "aws_s3_bucket").map((r) => r.values.bucket));
    list("lock tables", resources.filter((r) => r.type === "aws_dynamodb_table").map((r) => r.values.name));
    list("IAM roles", resources.filter((r) => r.type === "aws_iam_role").map((r) => r.values.name));
    list("VPC endpoints", resources.filter((r) => r.type === "aws_vpc_endpoint").map((r) => `${r.values.service_name} (${r.values.vpc_endpoint_type})`));
    list("VPCs", resources.filter((r) => r.type === "aws_vpc").map((r) => `${r.values.id} ${r.values.cidr_block}`));
    list("notebooks", resources.filter((r) => r.type === "aws_sagemaker_notebook_instance").map((r) => r.values.name));
  }
}

async function teardown(flow: Workflow, deployed: string[]): Promise<void> {
  say("\ntearing down in reverse order (use --keep to keep the stacks)");
  for (const name of [...deployed].reverse()) {
    const started = Date.now();
    const kind = flow.stacks.find((s) => s.name === name)?.kind;
    await withProgress(`destroying ${name}`, async () => {
      if (kind === "state") await flow.teardownState(name);
      else await flow.destroy(name);
    });
    say(`  ${name}: destroyed in ${secs(Date.now() - started)}`);
  }
}

main().catch((e) => {
  process.stderr.write(`demo failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
