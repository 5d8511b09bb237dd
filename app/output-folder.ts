/**
 * The output folder: all or nothing, and never more than the tool's own.
 *
 * A synth is built in a scratch folder beside the output folder (`.<out>.synth-<host>-<pid>-<random>`, marked as the
 * tool's from its first instant). Everything in the previous output that the tool did not write (Terraform's
 * `.terraform/`, lock file and state, plans, a user's own files) is carried into it by hard links (copies where a
 * link is refused), so the previous output stays complete until the very end: only then two renames put the new
 * folder in place (old aside, new in place) and the old one is removed. Whatever fails, and wherever the process is
 * killed, every file the tool did not write exists in the output folder or, after a kill between the two renames,
 * in the `.previous` folder beside it, which the next synth moves back.
 *
 * The tool owns an output folder it created: each carries OUTPUT_MARKER. It refuses to replace a folder that is not
 * empty and has no marker (unless it looks like the output of a version before the marker: only `manifest.json`
 * and `stacks/`), and never replaces `/`, the home folder, the checkout, the git repository, the folder of the
 * config file, or a folder holding one of those.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  accessSync, chmodSync, constants, copyFileSync, existsSync, lchownSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync,
  readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync,
} from "node:fs";
import { homedir, hostname } from "node:os";
import { basename, dirname, join, parse, relative, resolve } from "node:path";
import { MANIFEST_FILE, STACK_FILE, stackFolder, STACKS_FOLDER } from "../checks/synthesized/conventions";

/** A problem with `--out` itself: reported as one line; what it says about the previous output is true. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputFolderError";
  }
}

/** The file that marks a folder as this tool's output folder (tooling/compare-synth.mjs ignores it). */
export const OUTPUT_MARKER = ".sds-output";
const MARKER_SIGNATURE = "secure-sagemaker-cdktf output folder";
/** The marker's content: the same in every output folder, so a synth stays deterministic. */
export const MARKER_TEXT = `${MARKER_SIGNATURE} (format 1)
npm run synth wrote this folder and replaces it whole on the next synth: manifest.json and stacks/*/cdk.tf.json are
its own; everything else in it (Terraform's .terraform/, lock files and state, your own files) is carried over.
Without this file a synth refuses to replace a folder that is not empty.
`;

/** In the folder of a stack no longer synthesized, what `terraform init` makes again: the folder may go with them. */
const INIT_FILES = /^(\.terraform|\.terraform\.lock\.hcl)$/;
const STATE_FILE = /^terraform\.tfstate(\.backup)?$|^terraform\.tfstate\.d$/;

/** This machine, in scratch folder names: a synth only clears what an earlier synth on the same machine left. */
const HOST = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);

/** A stack folder kept although its stack is no longer synthesized, with what it holds that the tool did not write. */
export interface KeptStack {
  readonly stack: string;
  readonly holds: readonly string[];
}

/**
 * Test-only fault injection (documented in docs/contributing.md): SDS_TEST_CRASH_AT=<step> kills the process with
 * SIGKILL at that step, SDS_TEST_FAIL_AT=<step> throws an I/O error there. Steps: scratch, built, carry (after the
 * first carried entry), carried, aside (the previous output moved aside), swap (before the rename of the new folder),
 * swapped, removing (after the first entry of the previous output was removed).
 */
function faultAt(step: string): void {
  if (process.env.SDS_TEST_CRASH_AT === step) process.kill(process.pid, "SIGKILL");
  if (process.env.SDS_TEST_FAIL_AT === step) throw Object.assign(new Error(`EIO: i/o error (injected at ${step})`), { code: "EIO" });
}

function errnoText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "EACCES" || err.code === "EPERM") return "permission denied";
  if (err.code === "EROFS") return "read-only file system";
  if (err.code === "EBUSY") return "busy: a mount point or in use";
  return err.code ?? String(err.message);
}

const lexists = (p: string) => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

/** The real path of `p`, which need not exist: its nearest existing ancestor resolved, the rest appended. */
function realPath(p: string): string {
  const rest: string[] = [];
  let d = p;
  while (!lexists(d)) {
    rest.unshift(basename(d));
    d = dirname(d);
  }
  try {
    return join(realpathSync(d), ...rest);
  } catch {
    return p;
  }
}

const ancestorsOf = (p: string): string[] => {
  const out = [p];
  for (let d = p; dirname(d) !== d; d = dirname(d)) out.push(dirname(d));
  return out;
};

/** The checkout of this app: the folder above this module holding its package.json. */
function checkout(): string | undefined {
  for (let d = __dirname; dirname(d) !== d; d = dirname(d)) {
    try {
      if (JSON.parse(readFileSync(join(d, "package.json"), "utf8")).name === "secure-sagemaker-cdktf") return d;
    } catch { /* not here */ }
  }
  return undefined;
}

/** The git repository the command runs in (the nearest folder above the working folder holding `.git`). */
function gitRoot(): string | undefined {
  for (let d = process.cwd(); ; d = dirname(d)) {
    if (lexists(join(d, ".git"))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** Folders the output folder must never be, each with why. */
function protectedFolders(files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const add = (folder: string | undefined, why: string) => {
    if (!folder) return;
    const [self, ...above] = ancestorsOf(realPath(resolve(folder)));
    if (!out.has(self)) out.set(self, why);
    for (const a of above) if (!out.has(a)) out.set(a, `it holds ${why.replace(/^it is /, "")}`);
  };
  for (const f of files) add(dirname(resolve(f)), `it is the folder of the config file ${f}`);
  add(checkout(), "it is the checkout of this app");
  add(gitRoot(), "it is the root of the git repository");
  add(homedir(), "it is the home folder");
  return out;
}

/** Whether `dir` carries a valid OUTPUT_MARKER. */
function hasMarker(dir: string): boolean {
  try {
    const p = join(dir, OUTPUT_MARKER);
    return lstatSync(p).isFile() && readFileSync(p, "utf8").startsWith(MARKER_SIGNATURE);
  } catch {
    return false;
  }
}

/**
 * Whether `dir`, without a marker, is the output of a version of this tool before the marker: nothing but a cdktf
 * `manifest.json` (every stack at `stacks/<name>/cdk.tf.json`) and a `stacks/` folder.
 */
function looksLikeEarlierOutput(dir: string, entries: readonly string[]): boolean {
  if (!entries.includes(MANIFEST_FILE) || entries.some((e) => e !== MANIFEST_FILE && e !== STACKS_FOLDER)) return false;
  try {
    const m = lstatSync(join(dir, MANIFEST_FILE));
    if (!m.isFile() || m.size > 16 * 1024 * 1024) return false;
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"));
    if (typeof manifest?.version !== "string" || typeof manifest.stacks !== "object" || manifest.stacks === null) return false;
    return Object.entries(manifest.stacks as Record<string, { synthesizedStackPath?: unknown }>)
      .every(([name, s]) => s?.synthesizedStackPath === `${STACKS_FOLDER}/${name}/${STACK_FILE}`);
  } catch {
    return false;
  }
}

/**
 * Checks `out` before any work: not empty, not a file, not under a file, not a protected folder (the folders of
 * `protect`, the checkout, the git repository, home, `/`, and every folder holding one of them), this tool's own
 * output folder or empty, in a folder that exists or can be created and is writable. A symbolic link is followed:
 * the output goes into the folder it points to and the link stays. Returns the real absolute path. Throws
 * OutputFolderError with one line naming --out; nothing is touched.
 */
export function checkOutputFolder(out: string, protect: readonly (string | undefined)[] = []): string {
  if (out.trim() === "") throw new OutputFolderError("--out is empty; give the output folder, e.g. --out cdktf.out");
  let target = resolve(out);
  if (lexists(target) && lstatSync(target).isSymbolicLink()) {
    try {
      target = realpathSync(target);
    } catch {
      throw new OutputFolderError(`--out ${out} is a symbolic link to ${readlinkSync(target)}, which does not exist; create that folder or remove the link`);
    }
  }
  target = realPath(target);
  if (target === parse(target).root) throw new OutputFolderError(`--out ${out}: the file system root cannot be the output folder; name a folder inside it`);
  const why = protectedFolders(protect.filter((p): p is string => !!p)).get(target);
  if (why) throw new OutputFolderError(`--out ${out} is ${target}: ${why}, and the synth replaces its output folder whole; choose a folder of its own, e.g. --out cdktf.out`);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new OutputFolderError(`--out ${out} is a file, not a folder; remove it or choose another --out`);
  // The nearest existing ancestor must be a folder we may write in.
  let ancestor = dirname(target);
  while (!existsSync(ancestor)) ancestor = dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) throw new OutputFolderError(`--out ${out} lies under the file ${ancestor}; choose a folder that is not inside a file`);
  try {
    accessSync(ancestor, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new OutputFolderError(`--out ${out}: cannot write in ${ancestor} (${errnoText(e)}); choose another --out`);
  }
  if (existsSync(target)) checkOwnership(out, target);
  return target;
}

/** An existing `target` may be replaced only when it is this tool's (marker), an earlier version's output, or empty. */
function checkOwnership(out: string, target: string): void {
  const st = statSync(target);
  if (st.dev !== statSync(dirname(target)).dev) throw new OutputFolderError(`--out ${out} is a mount point, which the synth cannot replace; give a folder inside it, e.g. --out ${join(out, "cdktf.out")}`);
  if (st.mode & 0o1000) throw new OutputFolderError(`--out ${out} is a shared folder (sticky bit, like /tmp), which the synth would replace; give a folder inside it, e.g. --out ${join(out, "cdktf.out")}`);
  if (hasMarker(target)) return;
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (e) {
    throw new OutputFolderError(`--out ${out}: cannot read the folder (${errnoText(e)}); choose another --out`);
  }
  if (entries.length === 0 || looksLikeEarlierOutput(target, entries)) return;
  const shown = entries.slice(0, 3).map((e) => JSON.stringify(e.length > 60 ? `${e.slice(0, 60)}...` : e)).join(", ");
  throw new OutputFolderError(`--out ${out} is a folder this tool did not create (it holds ${shown}${entries.length > 3 ? `, and ${entries.length - 3} more` : ""}, and no ${OUTPUT_MARKER}); the synth replaces its output folder whole, so it only takes an empty folder or its own: choose another --out, e.g. --out cdktf.out`);
}

/** Scratch and aside folders of a synth into `<parent>/<name>`: [whole, host, pid, .previous]. */
function scratchPattern(name: string): RegExp {
  return new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.synth-([0-9a-f]{8})-(\\d+)-[0-9a-f]{6}(\\.previous)?$`);
}
/** The scratch folders of versions before the marker (mkdtemp names), reported but never removed. */
function earlierScratchPattern(name: string): RegExp {
  return new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.synth-[A-Za-z0-9]{6}(\\.previous)?$`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A folder the tool made: it carries the marker, or it is empty (killed between making it and marking it). */
function isOurs(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory() && (hasMarker(dir) || readdirSync(dir).length === 0);
  } catch {
    return false;
  }
}

/**
 * What interrupted synths into `target` on this machine left beside it (their process is gone): a previous output
 * moved aside and not moved back is restored when `target` is missing, and removed when the synth had put its
 * new output in place; scratch folders are removed. Returns warnings.
 */
function clearInterrupted(target: string): string[] {
  const parent = dirname(target);
  const pattern = scratchPattern(basename(target));
  const earlier = earlierScratchPattern(basename(target));
  const warnings: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return warnings;
  }
  const ours = (n: string, aside: boolean) => {
    if (isOurs(join(parent, n))) return true;
    try {
      return aside && looksLikeEarlierOutput(join(parent, n), readdirSync(join(parent, n)));
    } catch {
      return false;
    }
  };
  const found = names.map((n) => ({ n, m: pattern.exec(n) })).filter((x) => x.m && x.m[1] === HOST && !alive(Number(x.m[2])) && ours(x.n, !!x.m[3]));
  // Asides first: one whose scratch twin still exists was interrupted between the two renames.
  for (const { n } of found.filter((x) => x.m![3])) {
    const aside = join(parent, n);
    const twin = aside.slice(0, -".previous".length);
    if (!lexists(target)) {
      renameSync(aside, target);
      warnings.push(`${target} was restored from ${n}, where an interrupted synth had moved it`);
    } else if (lexists(twin)) {
      warnings.push(`${aside} holds an earlier output that an interrupted synth moved aside, and ${target} exists again: compare them, then delete the one you do not need`);
    } else removeQuietly(aside, warnings);
  }
  for (const { n } of found.filter((x) => !x.m![3])) removeQuietly(join(parent, n), warnings);
  for (const n of names.filter((x) => earlier.test(x))) warnings.push(`${join(parent, n)} looks left by an interrupted synth of an earlier version; delete it when no synth runs`);
  return warnings;
}

function removeQuietly(dir: string, warnings: string[]): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (e) {
    warnings.push(`${dir} could not be removed (${errnoText(e)}); delete it`);
  }
}

/**
 * Runs `build(scratch)` in a fresh scratch folder beside `target` (checked by checkOutputFolder), then puts the
 * result in place of `target`. Missing parents of `target` are created, and removed again when the build fails.
 * Returns what `build` returns, the stack folders kept although their stack is gone, and warnings.
 */
export function replaceOutputFolder<T>(target: string, build: (scratch: string) => T): { result: T; kept: KeptStack[]; warnings: string[] } {
  const parent = dirname(target);
  const warnings = existsSync(parent) ? clearInterrupted(target) : [];
  let created: string | undefined;
  try {
    created = makeFolders(parent);
  } catch (e) {
    throw new OutputFolderError(`--out ${target}: cannot create ${parent} (${errnoText(e)}); choose another --out`);
  }
  let scratch: string;
  try {
    scratch = makeScratch(target);
  } catch (e) {
    if (created) rmSync(created, { recursive: true, force: true });
    throw new OutputFolderError(`--out ${target}: cannot write in ${parent} (${errnoText(e)}); choose another --out`);
  }
  const aside = `${scratch}.previous`;
  let swapped = false;
  try {
    faultAt("scratch");
    const result = build(scratch);
    faultAt("built");
    const hadTarget = existsSync(target);
    const kept = hadTarget ? carryOver(target, scratch) : [];
    faultAt("carried");
    if (hadTarget) {
      try {
        renameSync(target, aside);
      } catch (e) {
        throw new OutputFolderError(`--out ${target}: the previous output could not be moved aside (${errnoText(e)}); it is unchanged`);
      }
    }
    try {
      faultAt("aside");
      faultAt("swap");
      renameSync(scratch, target);
      swapped = true;
    } catch (e) {
      if (!hadTarget) throw new OutputFolderError(`--out ${target}: the new output could not be put in place (${errnoText(e)}); nothing was written`);
      // The previous output goes back in place, exactly as it was (nothing was moved out of it).
      try {
        renameSync(aside, target);
      } catch {
        swapped = true; // keep the scratch folder: the message names it
        throw new OutputFolderError(`--out ${target}: the new output could not be put in place (${errnoText(e)}) nor the previous one moved back; the previous output is complete in ${aside} (mv it back to ${target}), the new one in ${scratch}`);
      }
      throw new OutputFolderError(`--out ${target}: the new output could not be put in place (${errnoText(e)}); the previous output is unchanged`);
    }
    faultAt("swapped");
    if (hadTarget) removeAside(aside, warnings);
    return { result, kept, warnings };
  } catch (e) {
    if (!swapped) rmSync(scratch, { recursive: true, force: true });
    if (created && !existsSync(target)) rmSync(created, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Removes the superseded output: what it held that the tool did not write lives on (linked) in the new one. The
 * marker goes last, so a folder left half-removed by a kill is still recognised as the tool's and cleared later.
 */
function removeAside(aside: string, warnings: string[]): void {
  try {
    if (!hasMarker(aside)) writeFileSync(join(aside, OUTPUT_MARKER), MARKER_TEXT); // an earlier version's output
    for (const e of readdirSync(aside).filter((x) => x !== OUTPUT_MARKER)) {
      rmSync(join(aside, e), { recursive: true, force: true });
      faultAt("removing");
    }
    unlinkSync(join(aside, OUTPUT_MARKER));
    rmdirSync(aside);
  } catch (e) {
    warnings.push(`the previous output, moved aside to ${aside}, could not be removed (${errnoText(e)}); the new output is in place: delete it`);
  }
}

/** The name of a scratch folder of the synth `pid` on this machine into `target` (`random`: 6 hex digits). */
export function scratchFolder(target: string, pid: number, random: string): string {
  return join(dirname(target), `.${basename(target)}.synth-${HOST}-${pid}-${random}`);
}

/** A new scratch folder beside `target`, with the permissions the umask gives and the marker. */
function makeScratch(target: string): string {
  for (let i = 0; ; i++) {
    const dir = scratchFolder(target, process.pid, randomBytes(3).toString("hex"));
    try {
      mkdirSync(dir, 0o777);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && i < 10) continue;
      throw e;
    }
    writeFileSync(join(dir, OUTPUT_MARKER), MARKER_TEXT);
    return dir;
  }
}

/**
 * `mkdir -p`, one level at a time (Node's recursive mkdirSync never returns on some file systems, e.g. under
 * /proc), with the permissions the umask gives. Returns the first folder created, if any.
 */
export function makeFolders(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d);
  return missing[0];
}

/**
 * Carries everything of `previous` the tool did not write into `next`, by hard link (the previous output stays
 * whole): every top-level entry besides the manifest, `stacks/` and the marker; in the folders of stacks still
 * synthesized, every entry the new synth did not write; folders of stacks no longer synthesized, whole, unless
 * they hold nothing but `cdk.tf.json` and what `terraform init` makes again. Returns the folders kept that way.
 */
function carryOver(previous: string, next: string): KeptStack[] {
  const kept: KeptStack[] = [];
  const carry = (from: string, to: string) => {
    try {
      linkTree(from, to);
    } catch (e) {
      if (e instanceof OutputFolderError) throw e;
      const hint = errnoText(e) === "permission denied" ? "make it readable for this user or move it out" : "fix or move it";
      throw new OutputFolderError(`--out ${previous}: cannot carry ${relative(previous, from) || "."} over into the new output (${errnoText(e)}); ${hint}, then synthesize again. The previous output is unchanged`);
    }
  };
  const list = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch (e) {
      throw new OutputFolderError(`--out ${previous}: cannot read ${relative(previous, dir) || "."} (${errnoText(e)}); make it readable for this user or move it out, then synthesize again. The previous output is unchanged`);
    }
  };
  for (const entry of list(previous)) {
    if (entry === MANIFEST_FILE || entry === STACKS_FOLDER || entry === OUTPUT_MARKER) continue;
    if (!lexists(join(next, entry))) carry(join(previous, entry), join(next, entry));
  }
  const stacks = join(previous, STACKS_FOLDER);
  if (!lexists(stacks)) return kept;
  if (!lstatSync(stacks).isDirectory()) return kept; // not the tool's layout: replaced by the new stacks/ (ours)
  for (const stack of list(stacks)) {
    const from = join(stacks, stack);
    const to = stackFolder(next, stack);
    if (!lstatSync(from).isDirectory()) {
      if (!lexists(to)) carry(from, to);
      continue;
    }
    const files = list(from);
    if (lexists(to)) {
      for (const f of files) if (!lexists(join(to, f))) carry(join(from, f), join(to, f));
    } else {
      const holds = files.filter((f) => f !== STACK_FILE && !INIT_FILES.test(f));
      if (holds.length === 0) continue;
      if (!lexists(join(next, STACKS_FOLDER))) mkdirSync(join(next, STACKS_FOLDER));
      carry(from, to);
      kept.push({ stack, holds: holds.sort((a, b) => Number(STATE_FILE.test(b)) - Number(STATE_FILE.test(a))) });
    }
  }
  return kept;
}

const runningAsRoot = process.getuid?.() === 0;

/** Recreates `from` at `to`: folders made (same mode and owner), files hard-linked (copied where refused), links re-made. */
function linkTree(from: string, to: string): void {
  const st = lstatSync(from);
  if (st.isDirectory()) {
    mkdirSync(to, 0o700);
    for (const e of readdirSync(from)) linkTree(join(from, e), join(to, e));
    chmodSync(to, st.mode & 0o7777);
    if (runningAsRoot) lchownSync(to, st.uid, st.gid);
  } else if (st.isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to);
    if (runningAsRoot) lchownSync(to, st.uid, st.gid);
  } else {
    try {
      linkSync(from, to);
    } catch (e) {
      // e.g. fs.protected_hardlinks for a file of another user; a FIFO or device is never opened
      if (!st.isFile()) throw e;
      copyFileSync(from, to, constants.COPYFILE_FICLONE);
    }
  }
  faultAt("carry");
}
