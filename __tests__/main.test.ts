/** The command a user runs: `npm run synth` (esbuild bundle + node), with good and bad configs. */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "../app/config/default";
import { tempDir } from "./helpers/synth";

const root = join(__dirname, "..");
const work = tempDir("main");

beforeAll(() => {
  execFileSync("node", ["tooling/build.mjs"], { cwd: root });
});

function synth(...args: string[]) {
  const r = spawnSync("node", [join(root, ".build", "main.js"), ...args], { cwd: work, encoding: "utf8", env: { ...process.env, SDS_CONFIG: "", CDKTF_OUTDIR: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the embedded default config synthesizes offline into cdktf.out", () => {
  const out = join(work, "default-out");
  const r = synth("--out", out);
  expect(r.code).toBe(0);
  // Information goes to stdout (the cdktf CLI shows anything on stderr as [ERROR]); a clean synth writes no stderr.
  expect(r.stdout).toMatch(/synthesized \d+ stacks into .*default-out: dev-state, dev-platform/);
  expect(r.stderr).toBe("");
  // The known gaps are summed up in one line; their reasons are in `npm run check`.
  const suppressed = r.stdout.split("\n").filter((l) => l.includes("suppressed"));
  expect(suppressed).toEqual([expect.stringMatching(/^compliance: \d+ findings suppressed on purpose \(notebook-platform-al2023 ×\d+, .*\); reasons: npm run check$/)]);
  expect(readdirSync(join(out, "stacks"))).toContain("dev-platform");
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  expect(Object.keys(manifest.stacks)).toContain("dev-platform");
});

test("a YAML config file is read; a bad one exits 1, lists every problem and writes nothing", () => {
  const bad = join(work, "environments.yaml");
  writeFileSync(bad, [
    "environments:",
    "  - name: dev",
    "    accountId: '123456789012'",
    "    region: eu-west-1",
    "    availabilityZones: [eu-west-1a, eu-west-1a, eu-west-1a, eu-west-1b, eu-west-1c, eu-west-1d, eu-west-1e]",
    "    network: { vpcCidr: 10.20.0.0/33 }",
  ].join("\n"));
  const out = join(work, "bad-out");
  const r = synth("--config", bad, "--out", out);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`config error in ${bad} (7 problems):`); // eu-west-1d and -1e do not exist
  // No deploy principal named, while the default trail and state backend make audit evidence buckets.
  expect(r.stderr).toContain("environments[0].dataProtection.administratorArns: the audit evidence buckets");
  expect(r.stderr).toContain("environments[0].availabilityZones: 7 zones given; 1 to 6 are supported");
  expect(r.stderr).toContain("environments[0].network.vpcCidr:");
  expect(r.stderr).toContain(`nothing was written to ${out}`);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(work).filter((f) => f.includes("synth-"))).toEqual([]);
});

test("a failed synth leaves the previous output and the files beside it untouched", () => {
  const out = join(work, "kept-out");
  expect(synth("--out", out).code).toBe(0);
  mkdirSync(join(out, "stacks", "dev-platform", ".terraform"), { recursive: true });
  writeFileSync(join(out, "stacks", "dev-platform", "terraform.tfstate"), "state");
  const before = readFileSync(join(out, "stacks", "dev-platform", "cdk.tf.json"), "utf8");
  const bad = join(work, "bad.json");
  writeFileSync(bad, JSON.stringify({ environments: [{ name: "dev" }] }));
  const r = synth("--config", bad, "--out", out);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/environments\[0\]\.accountId: is required/);
  expect(readFileSync(join(out, "stacks", "dev-platform", "cdk.tf.json"), "utf8")).toBe(before);
  expect(readFileSync(join(out, "stacks", "dev-platform", "terraform.tfstate"), "utf8")).toBe("state");
});

test("a config over a hard AWS quota (six account trails in one account) exits 1 with the count and the quota, and writes nothing", () => {
  const base = DEFAULT_CONFIG.environments[0];
  const envs = ["ea", "eb", "ec", "ed", "ee", "ef"].map((name, i) => ({
    ...base, name, projects: [], network: { vpcCidr: `10.${20 + i}.0.0/16` }, audit: { ...base.audit, sageMakerLogGroups: i === 0 },
  }));
  const file = join(work, "six-trails.json");
  writeFileSync(file, JSON.stringify({ ...DEFAULT_CONFIG, environments: envs }));
  const out = join(work, "six-trails-out");
  const r = synth("--config", file, "--out", out);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`config error in ${file} (1 problem):`);
  expect(r.stderr).toMatch(/environments\[5\]\.audit\.trail: account 123456789012 .*would hold 6 against AWS's "Trails per Region" limit of 5, which cannot be raised/);
  expect(r.stderr).toContain(`nothing was written to ${out}`);
  expect(existsSync(out)).toBe(false);
});

test("unreadable or malformed files and unknown arguments are reported, not thrown", () => {
  expect(synth("--config", join(work, "missing.yaml")).stderr).toMatch(/config error in .*missing\.yaml \(1 problem\):\n  cannot read the file/);
  const broken = join(work, "broken.json");
  writeFileSync(broken, "{ not json");
  expect(synth("--config", broken).stderr).toMatch(/not valid JSON/);
  const r = synth("--frobnicate");
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/unknown argument "--frobnicate"\nusage: /);
});
