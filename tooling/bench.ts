/**
 * `npm run bench [-- --reps N] [--write]`: how fast this app turns its config into Terraform JSON, measured side by
 * side with the usual cdktf setups on the same code and config, how synth scales with projects, and how long
 * `terraform plan` takes per stack offline. Prints Markdown; `--write` also saves it to docs/benchmarks.md.
 * Timings are medians of N runs with their spread (min–max); peak memory is the largest resident set of the
 * process tree (GNU time's %M). Nothing here is asserted by tests.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { parseCommandLine, UsageError, usageExit } from "../app/cli/args";
import { DEFAULT_CONFIG } from "../app/config/default";
import { offlineOverride, remoteStateDefaultsOverride, stackWorkdir, Terraform, terraformEnv } from "./harness/terraform";
import { loadSynthesized } from "../checks/synthesized/read";

const root = process.cwd(); // npm runs scripts from the project root
const args = (() => {
  try {
    return parseCommandLine(process.argv.slice(2), { reps: { type: "string" }, write: { type: "boolean" } }).values;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.exit(usageExit(e, `npm run bench [-- --reps N] [--write]
  --reps N     runs per measurement (default 5)
  --write      also save the result to docs/benchmarks.md
  -h, --help   this help`));
  }
})();
const reps = Number(args.reps ?? 5);
const scratch = mkdtempSync(join(tmpdir(), "sds-bench-"));
const TIME = "/usr/bin/time";

interface Sample { ms: number; rssMb: number; /** user + system CPU of the process tree (GNU time), NaN without it */ cpuMs: number }

/** Runs a command, timing it; peak RSS from GNU time when the machine has it. */
function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv = process.env): Sample {
  const stats = join(scratch, "time.txt");
  const useTime = existsSync(TIME);
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync(TIME, ["-f", "%M %U %S", "-o", stats, cmd, ...cmdArgs], { cwd: root, env, encoding: "utf8" })
    : spawnSync(cmd, cmdArgs, { cwd: root, env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(" ")} failed (${r.status}):\n${r.stderr}`);
  const [rssKb, user, system] = useTime ? readFileSync(stats, "utf8").trim().split("\n").pop()!.split(" ").map(Number) : [NaN, NaN, NaN];
  return { ms, rssMb: rssKb / 1024, cpuMs: (user + system) * 1000 };
}

function repeat(n: number, f: () => Sample): Sample[] {
  return Array.from({ length: n }, f);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const spread = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;

function inProcess(configPath: string | undefined, n: number) {
  const out = execFileSync("node", [join(root, ".build", "tooling", "bench-inprocess.js"), ...(configPath ? ["--config", configPath] : []), "--reps", String(n)], { cwd: root, encoding: "utf8" });
  return JSON.parse(out) as { loadMs: number; coldMs: number; warmMs: number[]; warmCpuMs: number[]; stacks: number; resources: number; maxRssMb: number };
}

function projectsConfig(n: number): string {
  const config = structuredClone(DEFAULT_CONFIG) as any;
  const template = config.environments[0].projects[0];
  config.environments[0].projects = Array.from({ length: n }, (_, i) => ({ ...structuredClone(template), name: `p${String(i + 1).padStart(3, "0")}` }));
  const path = join(scratch, `projects-${n}.yaml`);
  writeFileSync(path, stringify(config));
  return path;
}

async function main() {
  const lines: string[] = [];
  const say = (s = "") => { lines.push(s); process.stdout.write(s + "\n"); };
  const tfVersion = execFileSync("terraform", ["version"], { encoding: "utf8" }).split("\n")[0];
  say("# Benchmarks");
  say();
  say(`Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${tfVersion}. ` +
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --reps ${reps}\`: medians of ${reps} runs (spread min–max); ` +
    "peak memory is the largest resident set of the process tree.");
  say();
  const load = () => loadavg().map((x) => x.toFixed(1)).join(", ");
  say(`Load average (1, 5, 15 min) when the run started: ${load()} on ${cpus().length} cores. Other work on the machine slows every figure ` +
    "below; compare runs made under similar load.");
  say();

  // 1-5: the same default config, four ways.
  const inproc = inProcess(undefined, reps);
  const npmSynth = repeat(reps, () => run("npm", ["run", "--silent", "synth", "--", "--out", join(scratch, "npm-out")]));
  const cdktfEnv = { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1", DISABLE_VERSION_CHECK: "true" };
  const cdktf = repeat(Math.min(reps, 3), () => run("npx", ["cdktf", "synth", "--output", join(scratch, "cdktf-out")], cdktfEnv));
  const template = repeat(Math.min(reps, 3), () => run("npx", ["ts-node", "app/cli/main.ts", "--out", join(scratch, "template-out")]));
  const m = (xs: Sample[]) => median(xs.map((x) => x.ms));
  const mem = (xs: Sample[]) => Math.max(...xs.map((x) => x.rssMb));
  say(`## Synth of the default config (${inproc.stacks} stacks, ${inproc.resources} resources)`);
  say();
  say("| # | how | median | spread | peak memory |");
  say("|---|---|---|---|---|");
  say(`| 1 | in-process synth (app already loaded) | ${fmt(median(inproc.warmMs))} | ${spread(inproc.warmMs)} | ${inproc.maxRssMb.toFixed(0)} MB |`);
  say(`| 1a | in-process, first synth incl. loading the app (${fmt(inproc.loadMs)}) | ${fmt(inproc.loadMs + inproc.coldMs)} | – | – |`);
  say(`| 2 | \`npm run synth\` (esbuild bundle + node, no type-check) | ${fmt(m(npmSynth))} | ${spread(npmSynth.map((x) => x.ms))} | ${mem(npmSynth).toFixed(0)} MB |`);
  say(`| 3 | \`cdktf synth\` with this cdktf.json | ${fmt(m(cdktf))} | ${spread(cdktf.map((x) => x.ms))} | ${mem(cdktf).toFixed(0)} MB |`);
  say(`| 4 | template setup: \`npx ts-node app/cli/main.ts\` (type-checking on) | ${fmt(m(template))} | ${spread(template.map((x) => x.ms))} | ${mem(template).toFixed(0)} MB |`);
  say();
  say(`Ratios: 4/2 = **${(m(template) / m(npmSynth)).toFixed(1)}×**, 3/2 = **${(m(cdktf) / m(npmSynth)).toFixed(1)}×**.`);
  say();

  // Scaling with projects: the whole command (`node tooling/synth.mjs`: synth, compliance pack, quota count, moving the
  // output into place) and the in-process synth alone, at growing project counts. CPU time is shown beside wall time:
  // on a shared machine it is the steadier figure. Growth per added project exposes a regression to quadratic.
  say("## Scaling with projects (one environment, each project like the default `fraud` one)");
  say();
  say("`npm run synth` is the whole command (synth, compliance pack, quota count, output moved into place), once per point, " +
    "wall time and CPU time (user + system); the in-process synth is the median of warm synths in one process (the app already loaded).");
  say();
  say("| projects | stacks | resources | `npm run synth` | its CPU | CPU ms per project | peak memory | in-process warm synth (CPU) |");
  say("|---|---|---|---|---|---|---|---|");
  const points: { n: number; cpuMs: number; warmCpuMs: number }[] = [];
  for (const n of [1, 10, 50, 100, 500]) {
    const config = projectsConfig(n);
    const command = run("node", ["tooling/synth.mjs", "--config", config, "--out", join(scratch, `scale-${n}`)]);
    rmSync(join(scratch, `scale-${n}`), { recursive: true, force: true });
    const r = inProcess(config, n >= 100 ? 1 : Math.max(1, Math.min(reps, 3)));
    points.push({ n, cpuMs: command.cpuMs, warmCpuMs: median(r.warmCpuMs) });
    say(`| ${n} | ${r.stacks} | ${r.resources} | ${fmt(command.ms)} | ${fmt(command.cpuMs)} | ${(command.cpuMs / n).toFixed(0)} | ${command.rssMb.toFixed(0)} MB | ` +
      `${fmt(median(r.warmMs))} (${fmt(median(r.warmCpuMs))}) |`);
  }
  say();
  const growth = points.slice(1).map((p, i) => {
    const q = points[i];
    return `${q.n}→${p.n}: ${((p.cpuMs - q.cpuMs) / (p.n - q.n)).toFixed(0)} ms (command), ${((p.warmCpuMs - q.warmCpuMs) / (p.n - q.n)).toFixed(0)} ms (in-process)`;
  });
  say(`CPU per added project, between points: ${growth.join("; ")}. A linear synth keeps these roughly equal; a quadratic one grows them with the project count.`);
  say();

  // terraform plan per stack, offline.
  const out = join(scratch, "plan-out");
  run("npm", ["run", "--silent", "synth", "--", "--out", out]);
  const app = loadSynthesized(out);
  const work = join(scratch, "tf");
  const env = terraformEnv(work);
  say("## `terraform plan` per stack (default config, offline, fake credentials, no network)");
  say();
  say("| stack | resources | init | plan | data sources |");
  say("|---|---|---|---|---|");
  for (const { name: stack, json } of app.stacks) {
    const dir = join(work, stack);
    const tf = new Terraform(stackWorkdir(out, stack, dir, { ...offlineOverride(dir), ...remoteStateDefaultsOverride(app, stack, dir) }), env);
    const init = await tf.init();
    const plans = [];
    for (let i = 0; i < Math.min(reps, 3); i++) plans.push((await tf.plan()).ms);
    const dataTypes = Object.keys(json.data ?? {});
    const count = app.resources.filter((r) => r.stack === stack).length;
    say(`| ${stack} | ${count} | ${fmt(init.ms)} | ${fmt(median(plans))} | ${dataTypes.length ? dataTypes.join(", ") : "none"} |`);
  }
  say();
  say("No stack has a data source that calls an AWS API (`terraform_remote_state` reads other stacks' state only), and every plan " +
    "above ran with the provider's credential and account checks skipped and no route to AWS: plans need no AWS API call.");
  say();
  say(`Load average when the run ended: ${load()}.`);
  if (args.write) writeFileSync(join(root, "docs", "benchmarks.md"), lines.join("\n") + "\n");
  rmSync(scratch, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
  rmSync(scratch, { recursive: true, force: true });
  process.exitCode = 1;
});
