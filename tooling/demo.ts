/**
 * `npm run demo`: the embedded default environment (or your own config, `--config FILE`) deployed onto a local moto
 * emulator, the way a team deploys it onto AWS: state bootstrap (local state, then migrated into its bucket),
 * platform, projects. Resource types moto cannot run are left out (tooling/harness/emulator-gaps.ts). Prints a summary and
 * tears everything down again unless `--keep`. Every run starts from a clean work folder, so it can be run again
 * and again in the same checkout.
 *
 *   npm run demo [-- --keep] [--config FILE] [--work DIR]
 *
 * Needs `terraform` and `moto_server` on the PATH (or $SDS_MOTO_SERVER); nothing global from npm.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { parseCommandLine, UsageError, usageExit } from "../app/cli/args";
import { loadConfig } from "../app/load";
import { EMULATOR_GAPS } from "./harness/emulator-gaps";
import { EmulatorRun } from "./harness/emulator-run";
import { secs, type Workflow } from "./harness/workflow";
import { plan } from "../app/plan/plan";
import { stackFolder } from "../checks/synthesized/conventions";

interface Args {
  readonly keep: boolean;
  readonly config?: string;
  readonly work: string;
}

function parseArgs(argv: string[]): Args {
  const { values } = parseCommandLine(argv, { keep: { type: "boolean" }, config: { type: "string" }, work: { type: "string" } });
  return { keep: values.keep ?? false, config: values.config, work: resolve(values.work ?? ".work/demo") };
}

const USAGE = `npm run demo -- [--config FILE] [--keep] [--work DIR]
  --config FILE   deploy this config instead of the embedded default (pointed at the emulator)
  --keep          leave the stacks deployed while the command runs (Ctrl-C ends it and moto)
  --work DIR      the work folder (default: .work/demo); its cdktf.out and local state files are replaced
  -h, --help      this help
Needs terraform and moto_server on the PATH (or $SDS_MOTO_SERVER).`;

const say = (line = "") => process.stdout.write(`${line}\n`);

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

async function main(args: Args): Promise<void> {
  requireCommand("terraform", "install Terraform 1.11 (https://developer.hashicorp.com/terraform/install)");
  requireCommand(process.env.SDS_MOTO_SERVER || "moto_server", "pip install 'moto[server]==5.2.1' (or set SDS_MOTO_SERVER)");

  say("starting moto on 127.0.0.1 …");
  const loaded = loadConfig(args.config);
  // The demo is thrown away at the end, so its buckets go with their data on destroy (moto writes access-log objects).
  // Progress of every long step goes to stdout, with the summary.
  const flow = await EmulatorRun.start({ label: "demo", root: args.work, config: loaded, state: "bucket", dropDataOnDestroy: true, progress: say });
  say(`moto listens on ${flow.endpoint}`);
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
      const run = s.kind === "state" ? await flow.bootstrapState(s.name) : await flow.deploy(s.name);
      deployed.push(s.name);
      const count = (await managedResources(flow, s.name)).length;
      say(`${step}: ${count} resources in ${secs(run.ms)}${run.left.length ? `; left out: ${run.left.join(", ")}` : ""}`);
    }
    await summary(flow);
    if (args.keep) {
      say(`\n--keep: the stacks stay deployed while this process runs; moto stops when it ends (Ctrl-C).`);
      say(`terraform in ${stackFolder(flow.out, "<stack>")} with TF_CLI_CONFIG_FILE=${flow.env.TF_CLI_CONFIG_FILE} and AWS_ACCESS_KEY_ID=testing works meanwhile.`);
      await new Promise<void>((r) => process.once("SIGINT", () => r()));
      deployed = [];
    }
  } finally {
    try {
      if (deployed.length) {
        say("\ntearing down in reverse order (use --keep to keep the stacks)");
        await flow.destroyAll(deployed);
      }
    } finally {
      await flow.stop();
    }
  }
}

async function summary(flow: Workflow): Promise<void> {
  say("\nsummary");
  const environments = plan(flow.config).environments;
  for (const s of flow.stacks) {
    const resources = await managedResources(flow, s.name);
    const e = environments.find((x) => x.name === s.environment)!;
    const where = e.config.backend.type === "s3" ? `s3://${e.state.bucket}/${e.state.key(s.name)}` : e.config.backend.type;
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

let args: Args | undefined;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.exitCode = usageExit(e, USAGE);
}
if (args) {
  main(args).catch((e) => {
    process.stderr.write(`demo failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
