/**
 * One benchmark process: loads the app, then synthesizes a config `reps` times into scratch folders.
 * Prints JSON: module load time, first (cold) synth, warm synths (wall and CPU), peak RSS. Used by tooling/bench.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const started = process.hrtime.bigint();
const { loadConfig } = require("../app/load") as typeof import("../app/load");
const { buildApp } = require("../app/app") as typeof import("../app/app");
const loadedMs = Number(process.hrtime.bigint() - started) / 1e6;

const { parseCommandLine } = require("../app/cli/args") as typeof import("../app/cli/args");
const args = parseCommandLine(process.argv.slice(2), { config: { type: "string" }, reps: { type: "string" } }).values;
const configPath = args.config;
const reps = Number(args.reps ?? 5);

const runs: number[] = [];
const cpu: number[] = [];
let stacks = 0;
let resources = 0;
for (let i = 0; i < reps + 1; i++) {
  const out = mkdtempSync(join(tmpdir(), "sds-bench-"));
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const { app, stackNames } = buildApp(loadConfig(configPath), out);
  app.synth();
  runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  if (i === 0) {
    stacks = stackNames.length;
    for (const s of app.node.findAll()) if ((s as any).terraformResourceType) resources++;
  }
  rmSync(out, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify({
  loadMs: loadedMs, coldMs: runs[0], warmMs: runs.slice(1), warmCpuMs: cpu.slice(1), stacks, resources,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
}) + "\n");
