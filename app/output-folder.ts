/**
 * The output folder, all or nothing: a synth is built in a scratch folder beside the output folder, and only when it
 * has succeeded does it replace the output folder by two renames (old aside, new in place). Either the new output
 * is in place, or the previous one is exactly as it was. What Terraform keeps inside a stack folder that is still
 * synthesized (`.terraform/`, `.terraform.lock.hcl`, `terraform.tfstate*`) moves into the new output; folders of
 * stacks no longer synthesized disappear, except one holding a state file, which is kept and reported.
 */
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, parse, resolve } from "node:path";
import { MANIFEST_FILE, stackFolder, STACKS_FOLDER } from "../checks/synthesized/conventions";

/** A problem with `--out` itself: reported as one line, nothing written. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputFolderError";
  }
}

/** What Terraform leaves in a stack folder that a new synth must keep. */
const TERRAFORM_FILES = /^(\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate(\.backup)?|\.terraform\.tfstate\.lock\.info)$/;
const STATE_FILE = /^terraform\.tfstate(\.backup)?$/;

function errnoText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code === "EACCES" || err.code === "EPERM" ? "permission denied" : err.code === "EROFS" ? "read-only file system" : (err.code ?? String(err.message));
}

/**
 * Checks `out` before any work: not empty, not a file, not under a file, in a folder that exists or can be
 * created, writable. Returns the absolute path. Throws OutputFolderError with one line naming --out.
 */
export function checkOutputFolder(out: string): string {
  if (out.trim() === "") throw new OutputFolderError("--out is empty; give the output folder, e.g. --out cdktf.out");
  const target = resolve(out);
  if (target === parse(target).root) throw new OutputFolderError(`--out ${out}: the file system root cannot be the output folder; name a folder inside it`);
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
  return target;
}

/**
 * Runs `build(scratch)` in a fresh scratch folder beside `target`, then puts the result in place of `target`.
 * Missing parents of `target` are created, and removed again when the build fails. Returns what `build` returns
 * and the stack folders kept because they hold state.
 */
export function replaceOutputFolder<T>(target: string, build: (scratch: string) => T): { result: T; keptStacks: string[] } {
  const parent = dirname(target);
  let created: string | undefined;
  try {
    created = makeParents(parent);
  } catch (e) {
    throw new OutputFolderError(`--out ${target}: cannot create ${parent} (${errnoText(e)}); choose another --out`);
  }
  let scratch: string;
  try {
    scratch = mkdtempSync(join(parent, `.${basename(target)}.synth-`));
  } catch (e) {
    if (created) rmSync(created, { recursive: true, force: true });
    throw new OutputFolderError(`--out ${target}: cannot write in ${parent} (${errnoText(e)}); choose another --out`);
  }
  const aside = `${scratch}.previous`;
  const moves: Move[] = [];
  try {
    const result = build(scratch);
    const keptStacks = existsSync(target) ? carryOver(target, scratch, moves) : [];
    try {
      if (existsSync(target)) renameSync(target, aside);
      renameSync(scratch, target);
    } catch (e) {
      // The previous output goes back exactly as it was: in place, with what was moved out of it.
      try {
        if (existsSync(aside) && !existsSync(target)) renameSync(aside, target);
        for (const m of moves.reverse()) renameSync(m.to, m.from);
      } catch {
        throw new OutputFolderError(`--out ${target}: the new output could not be put in place (${errnoText(e)}) nor the previous one restored; it is in ${existsSync(aside) ? aside : target}, the new one in ${scratch}`);
      }
      throw new OutputFolderError(`--out ${target}: the new output could not be put in place (${errnoText(e)}); the previous output is unchanged`);
    }
    rmSync(aside, { recursive: true, force: true });
    return { result, keptStacks };
  } catch (e) {
    if (!(e instanceof OutputFolderError && e.message.includes("nor the previous one restored"))) rmSync(scratch, { recursive: true, force: true });
    if (created && !existsSync(target)) rmSync(created, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Moves what is not synthesized output from `previous` into `next`: Terraform's files in the folders of stacks
 * still synthesized, whole stack folders holding state of stacks no longer synthesized, and anything at the top
 * level besides `manifest.json` and `stacks/`. Returns the stacks kept for their state.
 */
/**
 * `mkdir -p`, one level at a time (Node's recursive mkdirSync never returns on some file systems, e.g. under
 * /proc). Returns the first folder created, if any.
 */
function makeParents(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d);
  return missing[0];
}

interface Move { readonly from: string; readonly to: string }

function carryOver(previous: string, next: string, moves: Move[]): string[] {
  const kept: string[] = [];
  const move = (from: string, to: string) => {
    renameSync(from, to);
    moves.push({ from, to });
  };
  for (const entry of readdirSync(previous)) {
    if (entry === MANIFEST_FILE || entry === STACKS_FOLDER || existsSync(join(next, entry))) continue;
    move(join(previous, entry), join(next, entry));
  }
  const stacks = join(previous, STACKS_FOLDER);
  if (!existsSync(stacks) || !statSync(stacks).isDirectory()) return kept;
  for (const stack of readdirSync(stacks)) {
    const from = join(stacks, stack);
    if (!statSync(from).isDirectory()) continue;
    const to = stackFolder(next, stack);
    const files = readdirSync(from);
    if (existsSync(to)) {
      for (const f of files.filter((x) => TERRAFORM_FILES.test(x))) move(join(from, f), join(to, f));
    } else if (files.some((f) => STATE_FILE.test(f))) {
      if (!existsSync(join(next, STACKS_FOLDER))) mkdirSync(join(next, STACKS_FOLDER));
      move(from, to);
      kept.push(stack);
    }
  }
  return kept;
}
