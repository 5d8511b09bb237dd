/**
 * Every command's command line: --help/-h prints the usage and exits 0 without doing any work, an unknown flag
 * prints the error and the usage and exits 2; npm settings that shadow a flag (`npm run synth --config=x`, no `--`)
 * are refused with the fix; `check --synth-dir` refuses a missing or empty folder; the reports never overwrite what
 * is not an earlier report (the config, a source file, a device) and refuse a folder under /proc.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandLine, UsageError } from "../../app/cli/args";
import { check } from "../../app/cli/check";
import { runCommand } from "../../app/cli/common";
import { cost } from "../../app/cli/cost";
import { loadConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { buildApp } from "../../app/app";
import { tempDir } from "../helpers/synth";

jest.setTimeout(300_000);

const root = join(__dirname, "..", "..");
const work = tempDir("commands");
const built = join(root, ".build", "test-commands");
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;

const COMMANDS: [string, string][] = [
  ["synth", "main.js"], ["check", "app/cli/check.js"], ["cost", "app/cli/cost.js"], ["demo", "tooling/demo.js"],
  ["docs", "tooling/docs.js"], ["bench", "tooling/bench.js"], ["tf-config", "tooling/tf-config.js"],
];

beforeAll(() => {
  execFileSync("node", ["tooling/build.mjs", "--outdir", ".build/test-commands", "app/cli/check.ts", "app/cli/cost.ts", "tooling/demo.ts", "tooling/docs.ts", "tooling/bench.ts", "tooling/tf-config.ts"], { cwd: root });
});

/** Hashes of the docs a `npm run docs` would rewrite, and the names in a folder: what "no work" must leave alone. */
const docsHash = () => createHash("sha256").update(["README.md", ...readdirSync(join(root, "docs")).map((f) => `docs/${f}`)].filter((f) => f.endsWith(".md")).map((f) => readFileSync(join(root, f))).join("\0")).digest("hex");

describe.each(COMMANDS)("npm run %s", (name, file) => {
  const cwd = join(work, `cwd-${name}`);
  const tmp = join(work, `tmp-${name}`);
  const cmd = (...args: string[]) => {
    mkdirSync(cwd, { recursive: true });
    mkdirSync(tmp, { recursive: true });
    const r = spawnSync("node", [join(built, file), ...args], { cwd, encoding: "utf8", timeout: 60_000, env: { ...process.env, TMPDIR: tmp, SDS_CONFIG: "", CDKTF_OUTDIR: "" } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test.each(["--help", "-h"])("%s: the usage on stdout, exit 0, no work", (flag) => {
    const docs = docsHash();
    const r = cmd(flag);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: npm run ${name}`));
    expect(r.stdout).toContain("-h, --help");
    expect(r.stderr).toBe("");
    expect(readdirSync(cwd)).toEqual([]); // no cdktf.out, reports, .work, terraform.tfrc
    expect(readdirSync(tmp)).toEqual([]); // no scratch folders
    expect(docsHash()).toBe(docs);
  });

  test("an unknown flag: the error and the usage on stderr, exit 2, no work", () => {
    const r = cmd("--frobnicate");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: unknown argument "--frobnicate"\nusage: npm run ${name}`));
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

test("npm run demo -- --work DIR refuses a folder holding files a run did not make, before starting anything", () => {
  const dir = join(work, "my-folder");
  mkdirSync(dir);
  writeFileSync(join(dir, "terraform.tfrc"), "mine");
  writeFileSync(join(dir, "notes.txt"), "mine");
  const r = spawnSync("node", [join(built, "tooling/demo.js"), "--work", dir], { cwd: work, encoding: "utf8", timeout: 120_000, env: { ...process.env, SDS_CONFIG: "" } });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`demo failed: the work folder ${dir} holds files a run did not make (notes.txt)`);
  expect(readdirSync(dir).sort()).toEqual(["notes.txt", "terraform.tfrc"]);
  expect(readFileSync(join(dir, "terraform.tfrc"), "utf8")).toBe("mine");
});

describe("npm settings that shadow a flag", () => {
  const options = { config: { type: "string" as const }, out: { type: "string" as const }, "state-bootstrap": { type: "boolean" as const } };
  const refusal = (env: NodeJS.ProcessEnv, argv: string[] = []) => {
    try {
      parseCommandLine(argv, options, false, env);
    } catch (e) {
      if (e instanceof UsageError) return e.message;
      throw e;
    }
    return undefined;
  };

  test("npm run synth --config=x.yaml is refused with the fix", () => {
    expect(refusal({ npm_lifecycle_event: "synth", npm_config_config: "x.yaml" })).toBe(
      "npm took --config as its own setting (npm_config_config=x.yaml), so the command never saw it; put the command's arguments after --: npm run synth -- --config x.yaml");
    expect(refusal({ npm_lifecycle_event: "synth", npm_config_state_bootstrap: "true" })).toMatch(/npm run synth -- --state-bootstrap$/);
    // `--config x.yaml` (a space): npm sets true and passes x.yaml on as an argument
    expect(refusal({ npm_lifecycle_event: "synth", npm_config_config: "true" }, ["x.yaml"])).toMatch(/npm run synth -- --config environments\.yaml$/);
  });

  test("npm's own settings, and ours outside npm, are not refused", () => {
    expect(refusal({ npm_lifecycle_event: "synth", npm_config_cache: "/root/.npm", npm_config_user_agent: "npm/11", npm_config_yes: "" })).toBeUndefined();
    expect(refusal({ npm_config_config: "x.yaml" })).toBeUndefined();
  });

  test("for real: npm run synth --out=DIR exits 2 and writes nothing", () => {
    const out = join(work, "npm-out");
    const r = spawnSync("npm", ["run", "synth", `--out=${out}`], { cwd: root, encoding: "utf8", env: { ...process.env, SDS_CONFIG: "", CDKTF_OUTDIR: "" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`error: npm took --out as its own setting (npm_config_out=${out}), so the command never saw it; put the command's arguments after --: npm run synth -- --out ${out}`);
    expect(existsSync(out)).toBe(false);
  });
});

/** A report command in this process: exit code and everything it printed. */
function report(command: (argv: string[]) => number, argv: string[]): { code: number; out: string } {
  let out = "";
  const capture = (chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  };
  const e = jest.spyOn(process.stderr, "write").mockImplementation(capture);
  const o = jest.spyOn(process.stdout, "write").mockImplementation(capture);
  try {
    return { code: runCommand("npm run x", () => command(argv)), out };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}

describe("check --synth-dir", () => {
  test.each([["a missing folder", "missing", "is not a folder"], ["an empty folder", "empty", "holds no synthesized stack (no stacks/<stack>/cdk.tf.json)"]])("%s fails instead of reporting 0 checks", (_what, name, message) => {
    const dir = join(work, `synth-${name}`);
    if (name === "empty") mkdirSync(dir);
    const reports = join(work, `reports-${name}`);
    const r = report(check, ["--synth-dir", dir, "--report-dir", reports]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`error: --synth-dir ${dir} ${message}; run npm run synth first`);
    expect(r.out).not.toMatch(/0 checks/);
    expect(existsSync(reports)).toBe(false);
  });
});

describe("reports are written only where nothing is, or over an earlier report", () => {
  const synthDir = join(work, "synthesized");
  beforeAll(() => {
    buildApp(loadConfig(), synthDir).app.synth();
  });

  test("cost --json onto the config file, a source file or a device is refused; the file stays", () => {
    const config = join(work, "environments.json");
    writeFileSync(config, JSON.stringify(DEFAULT_CONFIG));
    const source = join(work, "main.ts");
    writeFileSync(source, readFileSync(join(root, "app/cli/main.ts")));
    for (const target of [config, source]) {
      const before = readFileSync(target);
      const r = report(cost, ["--config", config, "--json", target]);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`error: --json ${target} exists and is not a cost report; this command only replaces a cost report it wrote`);
      expect(readFileSync(target)).toEqual(before);
    }
    expect(report(cost, ["--json", "/dev/null"]).out).toContain("error: --json /dev/null is on a virtual file system");
    // its own earlier report is replaced
    const json = join(work, "cost.json");
    expect(report(cost, ["--json", json]).code).toBe(0);
    expect(report(cost, ["--json", json]).code).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(json, "utf8"))).sort()).toEqual(["environments", "prices"]);
  });

  test("check --report-dir: under /proc refused at once, a file refused, a file there that is no report kept", () => {
    const started = Date.now();
    const proc = report(check, ["--synth-dir", synthDir, "--report-dir", "/proc/sds-reports"]);
    expect(proc.code).toBe(1);
    expect(proc.out).toContain("error: --report-dir /proc/sds-reports is on a virtual file system (/proc); give a normal folder");
    expect(Date.now() - started).toBeLessThan(30_000);
    const file = join(work, "a-file");
    writeFileSync(file, "x");
    expect(report(check, ["--synth-dir", synthDir, "--report-dir", file]).out).toContain(`error: --report-dir ${file} is not a folder`);
    const dir = join(work, "reports");
    mkdirSync(dir);
    writeFileSync(join(dir, "compliance.json"), "{\"mine\": true}\n");
    const r = report(check, ["--synth-dir", synthDir, "--report-dir", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`error: --report-dir ${join(dir, "compliance.json")} exists and is not a compliance report`);
    expect(readFileSync(join(dir, "compliance.json"), "utf8")).toBe("{\"mine\": true}\n");
    // its own earlier reports are replaced
    const ok = join(work, "reports-ok");
    expect(report(check, ["--synth-dir", synthDir, "--report-dir", ok]).code).toBe(0);
    expect(report(check, ["--synth-dir", synthDir, "--report-dir", ok]).code).toBe(0);
    expect(readdirSync(ok).sort()).toEqual(["compliance.json", "compliance.sarif"]);
  });
});
