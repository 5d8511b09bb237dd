/**
 * The output folder never loses what the tool did not write. A previous output with Terraform's files (state,
 * backup, lock file, `.terraform/` with a provider and a symbolic link), a plan, a user's files and the folder of a
 * removed stack holding state is put through: a fault injected at every step, a folder the synth cannot read (for
 * real: as the user nobody when the tests run as root), SIGKILL at every step, foreign and protected folders, a
 * symbolic link, the output of the version before the marker, scratch folders left by interrupted synths, the umask.
 * Each case asserts the exit code, the path in the message, no stack trace, the files byte for byte, and nothing
 * left beside the output folder.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { main } from "../../main";
import { MARKER_TEXT, OUTPUT_MARKER, scratchFolder } from "../../stacks/output-folder";
import { tempDir } from "../helpers/synth";

jest.setTimeout(300_000);

const root = join(__dirname, "..", "..");
const work = tempDir("output-folder");
const bundle = join(root, ".build", "test-output-folder", "main.js");
const template = join(work, "template");
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;

/** Every entry under `dir` (not following links): folders with their mode, files with mode and hash, links with target. */
function snapshot(dir: string, keep: (rel: string) => boolean = () => true): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const rel = relative(dir, p);
      const st = lstatSync(p);
      if (st.isDirectory()) {
        if (keep(`${rel}/`)) out[`${rel}/`] = `dir ${(st.mode & 0o7777).toString(8)}`;
        walk(p);
      } else if (keep(rel)) {
        out[rel] = st.isSymbolicLink() ? `link -> ${readlinkSync(p)}` : `${(st.mode & 0o7777).toString(8)} ${createHash("sha256").update(readFileSync(p)).digest("hex")}`;
      }
    }
  };
  walk(dir);
  return out;
}

/** What the tool did not write: everything but the manifest, the marker and each stack's cdk.tf.json (and their folders). */
const notTheTools = (rel: string) => !/^(manifest\.json|\.sds-output|stacks\/[^/]+\/cdk\.tf\.json)$/.test(rel) && !/^stacks\/([^/]+\/)?$/.test(rel);
const theirs = (dir: string) => snapshot(dir, notTheTools);
const beside = (dir: string) => readdirSync(dirname(dir)).filter((f) => f.startsWith(".") && f.includes(".synth-"));

/** `main` in this process, with its output captured. */
function run(args: string[], cwd = work): { code: number; out: string } {
  let out = "";
  const capture = (chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  };
  const e = jest.spyOn(process.stderr, "write").mockImplementation(capture);
  const o = jest.spyOn(process.stdout, "write").mockImplementation(capture);
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return { code: main(args), out };
  } finally {
    process.chdir(before);
    e.mockRestore();
    o.mockRestore();
  }
}

/** The bundled command in a child process (SIGKILL, another user). */
function spawn(args: string[], env: Record<string, string> = {}, opts: { uid?: number; gid?: number; cwd?: string } = {}) {
  const r = spawnSync("node", [bundle, ...args], { cwd: opts.cwd ?? work, encoding: "utf8", uid: opts.uid, gid: opts.gid, env: { ...process.env, SDS_CONFIG: "", CDKTF_OUTDIR: "", ...env } });
  return { code: r.status, signal: r.signal, out: `${r.stdout}${r.stderr}` };
}

/** A fresh copy of the planted previous output at `<work>/<name>/cdktf.out`. */
function previousOutput(name: string): string {
  const out = join(work, name, "cdktf.out");
  mkdirSync(dirname(out), { recursive: true });
  cpSync(template, out, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  return out;
}

const savedEnv = { ...process.env };
let planted: Record<string, string>;

beforeAll(() => {
  process.env.SDS_CONFIG = "";
  process.env.CDKTF_OUTDIR = "";
  delete process.env.SDS_DEBUG;
  execFileSync("node", ["scripts/build.mjs", "--outdir", ".build/test-output-folder"], { cwd: root });
  expect(run(["--out", template]).code).toBe(0);
  const platform = join(template, "stacks", "dev-platform");
  writeFileSync(join(platform, "terraform.tfstate"), "{\"version\": 4, \"serial\": 7}");
  writeFileSync(join(platform, "terraform.tfstate.backup"), "{\"version\": 4, \"serial\": 6}");
  writeFileSync(join(platform, ".terraform.lock.hcl"), "provider \"registry.terraform.io/hashicorp/aws\" {}\n");
  mkdirSync(join(platform, ".terraform", "providers", "aws"), { recursive: true });
  writeFileSync(join(platform, ".terraform", "providers", "aws", "terraform-provider-aws"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
  chmodSync(join(platform, ".terraform", "providers", "aws", "terraform-provider-aws"), 0o755);
  symlinkSync("providers/aws", join(platform, ".terraform", "current"));
  writeFileSync(join(template, "stacks", "dev-project-fraud", "notes.md"), "my notes\n");
  writeFileSync(join(template, "stacks", "dev-project-fraud", "plan.tfplan"), "plan bytes");
  writeFileSync(join(template, "my-notes.txt"), "top-level notes\n");
  // a stack the config no longer has, holding state: kept whole
  mkdirSync(join(template, "stacks", "dev-project-old"));
  writeFileSync(join(template, "stacks", "dev-project-old", "cdk.tf.json"), "{}");
  writeFileSync(join(template, "stacks", "dev-project-old", "terraform.tfstate"), "{\"version\": 4, \"serial\": 1}");
  planted = theirs(template);
  expect(Object.keys(planted).length).toBeGreaterThanOrEqual(12);
});

afterAll(() => {
  process.env = savedEnv;
});

describe("a fault at any step: the previous output byte-identical, a true message, nothing beside", () => {
  test.each(["scratch", "built", "carry", "carried", "aside", "swap"])("an I/O error at %s", (step) => {
    const out = previousOutput(`fail-${step}`);
    const before = snapshot(out);
    process.env.SDS_TEST_FAIL_AT = step;
    let r;
    try {
      r = run(["--out", out]);
    } finally {
      delete process.env.SDS_TEST_FAIL_AT;
    }
    expect(r.code).toBe(1);
    expect(r.out).toContain(out);
    expect(r.out).toMatch(/previous output is unchanged|nothing was written to/);
    expect(r.out).not.toMatch(STACK_LINE);
    expect(snapshot(out)).toEqual(before);
    expect(beside(out)).toEqual([]);
  });

  test("an I/O error while the superseded output is removed: the new output is in place with every file, a warning names the rest, the next synth clears it", () => {
    const out = previousOutput("fail-removing");
    const r = spawn(["--out", out], { SDS_TEST_FAIL_AT: "removing" }); // another process: the next synth sees it gone
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning: the previous output, moved aside to .*\.previous, could not be removed/);
    expect(theirs(out)).toEqual(planted);
    expect(beside(out)).toHaveLength(1);
    expect(spawn(["--out", out]).code).toBe(0);
    expect(beside(out)).toEqual([]);
    expect(theirs(out)).toEqual(planted);
  });
});

test("a folder the synth cannot read (for real, as an unprivileged user) stops it with the path; everything stays byte-identical", () => {
  const asRoot = process.getuid?.() === 0;
  const nobody = 65534;
  const base = join(work, "unreadable");
  const out = previousOutput("unreadable");
  const locked = join(out, "stacks", "dev-project-fraud", ".terraform");
  mkdirSync(locked);
  writeFileSync(join(locked, "environment"), "default");
  const before = snapshot(out);
  if (asRoot) {
    chmodSync(work, 0o755);
    execFileSync("chown", ["-R", `${nobody}:${nobody}`, base]);
    execFileSync("chown", ["root:root", locked]); // as the issue describes: a root-owned .terraform
  }
  chmodSync(locked, 0o000);
  let r;
  try {
    r = spawn(["--out", out], { HOME: base }, asRoot ? { uid: nobody, gid: nobody, cwd: base } : { cwd: base });
  } finally {
    chmodSync(locked, 0o755);
  }
  expect(r.code).toBe(1);
  expect(r.out).toContain(`error: --out ${out}: cannot carry stacks/dev-project-fraud/.terraform over into the new output (permission denied); make it readable for this user or move it out, then synthesize again. The previous output is unchanged`);
  expect(r.out).not.toMatch(STACK_LINE);
  expect(snapshot(out)).toEqual({ ...before });
  expect(beside(out)).toEqual([]);
});

describe("killed (SIGKILL) at any step: nothing the tool did not write is lost, and the next synth completes", () => {
  test.each(["scratch", "built", "carry", "carried", "aside", "swap", "swapped", "removing"])("killed at %s", (step) => {
    const out = previousOutput(`crash-${step}`);
    const before = snapshot(out);
    const r = spawn(["--out", out], { SDS_TEST_CRASH_AT: step });
    expect(r.signal).toBe("SIGKILL");
    if (["aside", "swap"].includes(step)) {
      // between the two renames: the previous output is whole beside, under .previous
      expect(existsSync(out)).toBe(false);
      const aside = beside(out).filter((f) => f.endsWith(".previous"));
      expect(aside).toHaveLength(1);
      expect(snapshot(join(dirname(out), aside[0]))).toEqual(before);
    } else if (["swapped", "removing"].includes(step)) {
      expect(theirs(out)).toEqual(planted);
    } else {
      expect(snapshot(out)).toEqual(before);
    }
    const again = spawn(["--out", out]);
    expect(again.code).toBe(0);
    if (["aside", "swap"].includes(step)) expect(again.out).toMatch(/warning: .*cdktf\.out was restored from \.cdktf\.out\.synth-.*\.previous, where an interrupted synth had moved it/);
    expect(theirs(out)).toEqual(planted);
    expect(readFileSync(join(out, OUTPUT_MARKER), "utf8")).toBe(MARKER_TEXT);
    expect(beside(out)).toEqual([]);
  });
});

describe("only an empty folder or the tool's own is replaced; protected folders never", () => {
  const refused = (args: string[], cwd: string, message: string | RegExp, watched: string) => {
    const before = snapshot(watched);
    const r = run(args, cwd);
    expect(r.code).toBe(1);
    if (typeof message === "string") expect(r.out).toContain(message);
    else expect(r.out).toMatch(message);
    expect(r.out).not.toMatch(STACK_LINE);
    expect(snapshot(watched)).toEqual(before);
    expect(readdirSync(dirname(watched)).filter((f) => f.includes(".synth-"))).toEqual([]);
  };

  test("a folder with other files and no marker", () => {
    const dir = join(work, "foreign", "project");
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(join(dir, "src", "index.ts"), "export {};\n");
    writeFileSync(join(dir, "package.json"), "{}");
    refused(["--out", dir], work, `error: --out ${dir} is a folder this tool did not create (it holds "package.json", "src", and no .sds-output)`, dir);
  });

  test("a marker with other content is no marker", () => {
    const dir = join(work, "forged");
    mkdirSync(dir);
    writeFileSync(join(dir, OUTPUT_MARKER), "hello");
    writeFileSync(join(dir, "data.csv"), "a,b\n");
    refused(["--out", dir], work, `--out ${dir} is a folder this tool did not create`, dir);
  });

  test("the checkout (--out . and CDKTF_OUTDIR=. from the repository root) and a folder above it", () => {
    const look = () => ({ names: readdirSync(root).sort(), pkg: readFileSync(join(root, "package.json"), "utf8"), main: readFileSync(join(root, "main.ts"), "utf8") });
    const before = look();
    expect(run(["--out", "."], root).out).toContain(`error: --out . is ${root}: it is the checkout of this app`);
    process.env.CDKTF_OUTDIR = ".";
    try {
      const r = run([], root);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`error: --out . is ${root}: it is the checkout of this app`);
    } finally {
      process.env.CDKTF_OUTDIR = "";
    }
    expect(run(["--out", ".."], root).out).toContain(`error: --out .. is ${dirname(root)}: it holds the checkout of this app`);
    expect(look()).toEqual(before);
    expect(readdirSync(dirname(root)).filter((f) => f.includes(".synth-"))).toEqual([]);
  });

  test("the folder of the config file, and a folder above it", () => {
    const dir = join(work, "infra", "config");
    mkdirSync(dir, { recursive: true });
    const yaml = join(dir, "environments.yaml");
    writeFileSync(yaml, readFileSync(join(root, "examples", "minimal-dev", "environments.yaml")));
    refused(["--config", yaml, "--out", dir], work, `error: --out ${dir} is ${dir}: it is the folder of the config file ${yaml}`, dir);
    refused(["--config", yaml, "--out", dirname(dir)], work, `it holds the folder of the config file ${yaml}`, dirname(dir));
  });

  test("the home folder and the file system root", () => {
    const home = join(work, "home");
    mkdirSync(home);
    writeFileSync(join(home, ".profile"), "# mine\n");
    const before = snapshot(home);
    // os.homedir() reads the real environment, which a test cannot change in-process: the bundled command
    const r = spawn(["--out", home], { HOME: home });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`error: --out ${home} is ${home}: it is the home folder`);
    expect(snapshot(home)).toEqual(before);
    expect(beside(home)).toEqual([]);
    expect(run(["--out", "/"]).out).toContain("error: --out /: the file system root cannot be the output folder");
  });

  test("an empty folder is taken, and marked", () => {
    const dir = join(work, "empty-out");
    mkdirSync(dir);
    expect(run(["--out", dir]).code).toBe(0);
    expect(readFileSync(join(dir, OUTPUT_MARKER), "utf8")).toBe(MARKER_TEXT);
  });

  test("the output of the version before the marker (manifest.json and stacks/ only) is taken, with its files", () => {
    const out = previousOutput("upgrade");
    rmSync(join(out, OUTPUT_MARKER));
    rmSync(join(out, "my-notes.txt"));
    rmSync(join(out, "access"), { recursive: true, force: true }); // 0.3.0 wrote no access files
    const expected = theirs(out);
    const r = run(["--out", out]);
    expect(r.code).toBe(0);
    // The synth writes the access files (access/<env>-<project>.json) now: they are the tool's, not the user's.
    const written = Object.fromEntries(Object.entries(theirs(out)).filter(([rel]) => !rel.startsWith("access/")));
    expect(written).toEqual(expected);
    expect(readFileSync(join(out, OUTPUT_MARKER), "utf8")).toBe(MARKER_TEXT);
    // with a file of someone else at its top level, it is not recognised
    rmSync(join(out, OUTPUT_MARKER));
    writeFileSync(join(out, "extra.txt"), "x");
    refused(["--out", out], work, `--out ${out} is a folder this tool did not create`, out);
  });
});

describe("a symbolic link as --out", () => {
  test("the output goes into the folder it points to; the link stays a link", () => {
    const real = previousOutput("linked");
    const link = join(work, "linked", "out-link");
    symlinkSync(real, link);
    const r = run(["--out", link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(theirs(real)).toEqual(planted);
    expect(statSync(join(real, "stacks", "dev-platform", "cdk.tf.json")).isFile()).toBe(true);
    expect(readdirSync(join(work, "linked")).sort()).toEqual(["cdktf.out", "out-link"]);
  });

  test("a link to nothing is refused and left as it is", () => {
    const link = join(work, "dangling-link");
    symlinkSync(join(work, "no-such-folder"), link);
    const r = run(["--out", link]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`error: --out ${link} is a symbolic link to ${join(work, "no-such-folder")}, which does not exist`);
    expect(readlinkSync(link)).toBe(join(work, "no-such-folder"));
    expect(existsSync(join(work, "no-such-folder"))).toBe(false);
  });
});

test("scratch folders of interrupted synths: the tool's own of dead processes go; a live one, a foreign one and an earlier version's stay", () => {
  const out = previousOutput("stale");
  const dead = spawnSync("node", ["-e", "0"]).pid!;
  const mine = (pid: number, random: string) => {
    const dir = scratchFolder(out, pid, random);
    mkdirSync(join(dir, "stacks"), { recursive: true });
    writeFileSync(join(dir, OUTPUT_MARKER), MARKER_TEXT);
    return dir;
  };
  const staleScratch = mine(dead, "aaaaaa");
  const staleEmpty = scratchFolder(out, dead, "bbbbbb");
  mkdirSync(staleEmpty); // killed between making it and marking it
  const live = mine(process.pid, "cccccc");
  const foreign = scratchFolder(out, dead, "dddddd");
  mkdirSync(foreign);
  writeFileSync(join(foreign, "keep.txt"), "not the tool's");
  const earlier = join(dirname(out), ".cdktf.out.synth-Ab12Cd");
  mkdirSync(earlier);
  const r = run(["--out", out]);
  expect(r.code).toBe(0);
  expect(r.out).toContain(`warning: ${earlier} looks left by an interrupted synth of an earlier version; delete it when no synth runs`);
  expect(existsSync(staleScratch)).toBe(false);
  expect(existsSync(staleEmpty)).toBe(false);
  expect(existsSync(live)).toBe(true);
  expect(readFileSync(join(foreign, "keep.txt"), "utf8")).toBe("not the tool's");
  expect(existsSync(earlier)).toBe(true);
  expect(theirs(out)).toEqual(planted);
});

test("the output folder gets the permissions the umask gives (not 700)", () => {
  const saved = process.umask(0o027);
  try {
    const out = join(work, "umask", "out");
    expect(run(["--out", out]).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o750);
    expect(statSync(join(out, "stacks")).mode & 0o777).toBe(0o750);
    expect(statSync(dirname(out)).mode & 0o777).toBe(0o750);
  } finally {
    process.umask(saved);
  }
  const out = join(work, "umask-022");
  process.umask(0o022);
  try {
    expect(run(["--out", out]).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o755);
  } finally {
    process.umask(saved);
  }
});

test("a removed stack's folder holding only the tool's file and terraform init's goes; the .gitignore covers scratch folders", () => {
  const out = previousOutput("removed");
  const gone = join(out, "stacks", "dev-project-gone");
  mkdirSync(join(gone, ".terraform", "providers"), { recursive: true });
  writeFileSync(join(gone, "cdk.tf.json"), "{}");
  writeFileSync(join(gone, ".terraform.lock.hcl"), "lock");
  const r = run(["--out", out]);
  expect(r.code).toBe(0);
  expect(existsSync(gone)).toBe(false);
  expect(r.out).toContain(`warning: ${out}/stacks/dev-project-old is kept although the config no longer has that stack: it holds a terraform.tfstate`);
  expect(theirs(out)).toEqual(planted);
  for (const name of [".cdktf.out.synth-0123abcd-42-abcdef/", ".cdktf.out.synth-0123abcd-42-abcdef.previous/"]) {
    expect(spawnSync("git", ["check-ignore", "-q", name], { cwd: root }).status).toBe(0);
  }
});
