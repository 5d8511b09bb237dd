/**
 * One environment with 500 projects, synthesized in full by the command a user runs (the esbuild bundle, as
 * `npm run synth`): the trail's selectors stay within CloudTrail's 500 values (they do not grow with projects), the
 * quota count sees every project, and the command line stays readable. Timing is the benchmark's job
 * (`npm run bench`), not this test's.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { QUOTAS } from "../../checks/quotas/table";
import type { SynthModel } from "../../checks/synthesized/model";
import { loadSynthesized } from "../../checks/synthesized/read";
import { countQuotas, quotaErrors, quotaWarnings, trailSelectorValues } from "../../checks/quotas/count";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { validateConfig } from "../../app/load";
import type { Config } from "../../app/config/schema";
import { synthConfig, tempDir, trailRecordsObject } from "../helpers/synth";

function projectsInput(n: number): unknown {
  const config = structuredClone(DEFAULT_CONFIG) as any;
  const template = config.environments[0].projects[0];
  config.environments[0].projects = Array.from({ length: n }, (_, i) => ({ ...structuredClone(template), name: `p${String(i + 1).padStart(3, "0")}` }));
  return config;
}

const PROJECTS = 500;
let config: Config;
let model: SynthModel;
let one: SynthModel;
let stdout: string;
let stderr: string;
let bundleInputs: string[];

beforeAll(() => {
  const root = join(__dirname, "..", "..");
  // Its own bundle: main.test.ts rebuilds .build/main.js, maybe at the same time in another worker.
  const bundle = join(root, ".build", "scale-test");
  execFileSync("node", ["tooling/build.mjs", "--outdir", bundle], { cwd: root });
  bundleInputs = JSON.parse(readFileSync(join(bundle, "inputs.json"), "utf8"));
  const work = tempDir("scale");
  const file = join(work, "projects.json");
  writeFileSync(file, JSON.stringify(projectsInput(PROJECTS)));
  config = validateConfig(projectsInput(PROJECTS));
  const out = join(work, "out");
  const r = spawnSync("node", [join(bundle, "main.js"), "--config", file, "--out", out], { cwd: work, encoding: "utf8", env: { ...process.env, SDS_CONFIG: "", CDKTF_OUTDIR: "" } });
  stdout = r.stdout;
  stderr = r.stderr;
  if (r.status !== 0) throw new Error(`synth of ${PROJECTS} projects failed (${r.status}):\n${r.stderr}`);
  model = loadSynthesized(out);
  const small = synthConfig(validateConfig(projectsInput(1)), "scale-one");
  one = loadSynthesized(small.outdir, small.stackNames);
}, 600_000);

test("the bundle lists the project's sources it was made of, every folder the app reaches (npm run synth rebuilds when one changes)", () => {
  const folders = new Set(bundleInputs.map((f) => f.split("/")[0]));
  for (const f of ["app", "lib", "checks"]) expect(folders).toContain(f);
  expect(bundleInputs.some((f) => f.startsWith("node_modules/"))).toBe(false);
  expect(bundleInputs).toContain("checks/synthesized/read.ts");
});

test(`${PROJECTS} project stacks, summarized on one short line`, () => {
  expect(model.stacks.map((s) => s.name).filter((n) => n.startsWith("dev-project-"))).toHaveLength(PROJECTS);
  // Information on stdout, warnings on stderr.
  const summary = stdout.split("\n").find((l) => l.startsWith("synthesized "));
  expect(summary).toMatch(/^synthesized 502 stacks into .*: dev: 502 \(dev-state, dev-platform, 500 project stacks dev-project-\*\)$/);
  // Everything printed stays short: one line per quota warning, one for the suppressions, none per project.
  expect(`${stdout}${stderr}`.trim().split("\n").length).toBeLessThanOrEqual(10);
});

test("the trail's selector values do not grow with projects and stay within CloudTrail's limit", () => {
  const [trail] = model.ofType("aws_cloudtrail");
  const [trailOfOne] = one.ofType("aws_cloudtrail");
  expect(trailSelectorValues(trail)).toBe(trailSelectorValues(trailOfOne));
  expect(trailSelectorValues(trail)).toBeLessThanOrEqual(QUOTAS.trailSelectorValues.value);
  expect(trailSelectorValues(trail)).toBeLessThanOrEqual(10);
});

test("the trail records every project bucket's objects and none of the trail's or the state's", () => {
  const [trail] = model.ofType("aws_cloudtrail");
  const buckets = model.ofType("aws_s3_bucket").map((b) => ({ stack: b.stack, name: String(b.attrs.bucket) }));
  expect(buckets.filter((b) => b.stack.startsWith("dev-project-"))).toHaveLength(PROJECTS * 3);
  for (const b of buckets) {
    expect([b.name, trailRecordsObject(trail.attrs, `arn:aws:s3:::${b.name}/any/key`)]).toEqual([b.name, b.stack.startsWith("dev-project-")]);
  }
});

test("the quota report: no hard limit is reached; IAM roles and customer managed policies are above AWS's defaults, one warning line each", () => {
  const report = countQuotas(config, model);
  expect(quotaErrors(report)).toEqual([]);
  const byId = Object.fromEntries(report.usages.map((u) => [u.id, u.count]));
  expect(byId.trails).toBe(1);
  expect(byId.trailSelectorValues).toBe(trailSelectorValues(model.ofType("aws_cloudtrail")[0]));
  expect(byId.s3Buckets).toBe(model.ofType("aws_s3_bucket").length);
  expect(byId.iamRoles).toBe(model.ofType("aws_iam_role").length);
  expect(byId.iamRoles).toBeGreaterThan(PROJECTS);
  expect(quotaWarnings(report).map((u) => u.id).sort()).toEqual(["iamPolicies", "iamRoles"]);
  for (const u of quotaWarnings(report)) {
    expect(u.count).toBeGreaterThan(QUOTAS[u.id].value);
    expect(stderr.split("\n").filter((l) => l.startsWith("quota warning:") && l.includes(`"${u.quota.name}"`))).toEqual([
      expect.stringContaining(`would hold ${u.count.toLocaleString("en-US")}`),
    ]);
  }
});
