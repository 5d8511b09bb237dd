#!/usr/bin/env node
// relayout.mjs: the folder layout of issue 23 as a replayable step.
//
//   node /work/tools/relayout.mjs [REPO] [--dry-run] [--also=OLD=NEW ...]
//
// 1. Every file (tracked or untracked, not ignored) still under an OLD path of MOVES is moved to its NEW path
//    (`git mv` when tracked), so files that another branch added in an old folder land in the new one.
// 2. Every .ts/.mts/.mjs/.js/.cjs file of the tree (tests too) has its relative imports (`from "..."`,
//    `import("...")`, `require("...")`, `jest.mock("...")`, `import "..."`) rewritten:
//    a specifier that resolves from the file's NEW location is kept; otherwise it is resolved against the file's
//    OLD location (inverse of MOVES), the target mapped through MOVES, and written relative to the new location.
//    Extension and `/index` style of the specifier are kept.
// Idempotent: on a tree already moved and rewritten, nothing changes (every specifier resolves where it stands).
// Prints each move and each rewritten file; warns about specifiers it cannot resolve either way, and about
// ambiguous ones (resolving both ways to different files: the new-location reading is kept).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";

/**
 * OLD → NEW, a folder (ending in "/") or one file. The longest matching OLD wins, so single files can leave
 * their folder's move. No NEW path may start with an OLD one (that keeps the map idempotent).
 */
export const MOVES = [
  // lib/domain: the vocabulary (imports nothing of the project)
  ["lib/domain/policy/", "lib/domain/policy/"],
  ["lib/domain/studio-names.ts", "lib/domain/studio-names.ts"],
  ["checks/cost/prices.ts", "checks/cost/prices.ts"],
  ["checks/quotas/table.ts", "checks/quotas/table.ts"],
  ["catalogue/", "lib/domain/catalogue/"],
  // lib/constructs: one construct per file
  ["modules/", "lib/constructs/"],
  // checks: the synthesized-output model, the rule pack, quotas, cost
  ["synth/", "checks/synthesized/"],
  ["checks/quotas/count.ts", "checks/quotas/count.ts"],
  ["app/cli/gate.ts", "app/cli/gate.ts"],
  ["compliance/", "checks/compliance/"],
  ["app/cli/cost-report.ts", "app/cli/cost-report.ts"],
  ["cost/", "checks/cost/"],
  // app: config → plan → stacks, the CLI, the output folder
  ["app/load.ts", "app/load.ts"],
  ["config/", "app/config/"],
  ["plan/", "app/plan/"],
  ["app/output-folder.ts", "app/output-folder.ts"],
  // lib/patterns: the stacks, as the library's typed patterns (the app builds their props from the plan)
  ["lib/patterns/platform.ts", "lib/patterns/platform.ts"],
  ["lib/patterns/project.ts", "lib/patterns/project.ts"],
  ["lib/patterns/state.ts", "lib/patterns/state.ts"],
  ["app/app.ts", "app/app.ts"],
  ["stacks/", "app/stacks/"],
  ["app/cli/main.ts", "app/cli/main.ts"],
  ["cli/", "app/cli/"],
  // tooling: harness, bench, demo, docs generator, build
  ["harness/", "tooling/harness/"],
  ["scripts/", "tooling/"],
];

const SOURCE = /\.(ts|mts|cts|mjs|cjs|js)$/;
const SKIP = /^(node_modules|\.build|\.work|\.gen|dist|cdktf\.out[^/]*|coverage|reports)\//;
const TRY_EXTS = [".ts", ".tsx", ".mts", ".mjs", ".js", ".cjs", ".json"];

const matches = (path, from) => (from.endsWith("/") ? path.startsWith(from) : path === from);
function mapBy(path, pairs) {
  let best;
  for (const [from, to] of pairs) if (matches(path, from) && (!best || from.length > best[0].length)) best = [from, to];
  return best ? best[1] + path.slice(best[0].length) : path;
}
export const forward = (path) => mapBy(path, MOVES);
export const inverse = (path) => mapBy(path, MOVES.map(([o, n]) => [n, o]));

for (const [, to] of MOVES) {
  if (MOVES.some(([from]) => matches(to, from) || (from.endsWith("/") && to.startsWith(from)))) throw new Error(`relayout: NEW path ${to} lies under an OLD one`);
}

function listFiles(repo) {
  const out = execFileSync("git", ["ls-files", "-z", "-co", "--exclude-standard"], { cwd: repo, encoding: "utf8" });
  return out.split("\0").filter((f) => f && !SKIP.test(f) && existsSync(join(repo, f)));
}

function tracked(repo) {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: repo, encoding: "utf8" });
  return new Set(out.split("\0").filter(Boolean));
}

/** The file a relative specifier names from `fromDir`, given `exists`; with the suffix that was added to it. */
function resolveSpec(fromDir, spec, exists) {
  const base = posix.normalize(posix.join(fromDir, spec));
  if (base.startsWith("../")) return undefined;
  if (exists(base)) return { file: base, added: "" };
  for (const ext of TRY_EXTS) if (exists(base + ext)) return { file: base + ext, added: ext };
  for (const ext of TRY_EXTS) if (exists(`${base}/index${ext}`)) return { file: `${base}/index${ext}`, added: `/index${ext}` };
  return undefined;
}

function relativeSpec(fromDir, file, added) {
  const target = added ? file.slice(0, file.length - added.length) : file;
  let rel = posix.relative(fromDir, target);
  if (!rel.startsWith(".")) rel = `./${rel}`;
  return rel;
}

/** Text files whose path mentions follow the moves (the CHANGELOG is history: left alone). */
const TEXT = /^(docs\/.*\.md|README\.md|help|\.ci\/run|examples\/.*\.md|cdktf\.json|package\.json|jest\.config\.js|tsconfig\.json)$/;
const topsOf = (moves) => [...new Set(moves.map(([from]) => from.split("/")[0].replace(/\.ts$/, "")))].filter((t) => t !== "main");
/** A path written in text: `lib/domain/policy/document.ts`, `synth/x.ts`, `app/cli/main.ts` (not inside a longer path or a URL). */
const mentionOf = (moves) => new RegExp(`(?<![\\w./@:-])(?:(?:${topsOf(moves).join("|")})/[\\w.-]+(?:/[\\w.-]+)*/?|main\\.ts)(?![\\w/])`, "g");

const SPEC = /(\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bjest\.(?:mock|requireActual|requireMock|doMock|dontMock|unmock|setMock)\s*\(\s*|^\s*import\s+)(["'])(\.{1,2}\/[^"'\n]*|\.{1,2})\2/gm;

/**
 * `extra`: more [OLD, NEW] moves for this run only (a file moved again inside the new layout); a file moved by this
 * run has its imports resolved from where it stood before the run as well.
 */
export function relayout(repo, { dryRun = false, log = console.log, extra = [] } = {}) {
  const warnings = [];
  const runMoves = [...extra, ...MOVES];
  const forwardRun = (path) => mapBy(path, runMoves);
  /** Where each file moved by this run stood before it. */
  const before = new Map();
  // 1. moves
  const isTracked = tracked(repo);
  let moved = 0;
  for (const file of listFiles(repo)) {
    const to = forwardRun(file);
    if (to === file) continue;
    if (existsSync(join(repo, to))) {
      warnings.push(`cannot move ${file}: ${to} exists`);
      continue;
    }
    log(`move ${file} -> ${to}`);
    moved++;
    before.set(to, file);
    if (dryRun) continue;
    mkdirSync(join(repo, dirname(to)), { recursive: true });
    if (isTracked.has(file)) execFileSync("git", ["mv", file, to], { cwd: repo });
    else renameSync(join(repo, file), join(repo, to));
    // Remove folders the move emptied.
    for (let d = dirname(file); d !== "." && existsSync(join(repo, d)) && readdirSync(join(repo, d)).length === 0; d = dirname(d)) rmdirSync(join(repo, d));
  }
  // 2. imports
  const listed = listFiles(repo);
  const files = dryRun ? listed.map(forwardRun) : listed;
  const diskOf = new Map(listed.map((f) => [dryRun ? forwardRun(f) : f, f]));
  const nowOf = new Map([...before].map(([now, was]) => [was, now]));
  const existsBefore = (p) => present.has(nowOf.get(p) ?? p);
  const present = new Set(files);
  const existsNew = (p) => present.has(p);
  const existsOld = (p) => present.has(forward(p));
  let rewritten = 0;
  for (const file of files) {
    if (!SOURCE.test(file)) continue;
    const text = readFileSync(join(repo, diskOf.get(file)), "utf8");
    const newDir = posix.dirname(file);
    const oldDir = posix.dirname(inverse(file));
    const next = text.replace(SPEC, (whole, lead, quote, spec) => {
      const asNew = resolveSpec(newDir, spec, existsNew);
      const wasAt = before.get(file) ?? file;
      const asBefore = before.size > 0 && !asNew ? resolveSpec(posix.dirname(wasAt), spec, existsBefore) : undefined;
      if (asBefore) return `${lead}${quote}${relativeSpec(newDir, nowOf.get(asBefore.file) ?? asBefore.file, asBefore.added)}${quote}`;
      const asOld = resolveSpec(oldDir, spec, existsOld);
      const oldTarget = asOld && forward(asOld.file);
      if (asNew) {
        if (oldTarget && oldTarget !== asNew.file && oldDir !== newDir) warnings.push(`${file}: "${spec}" is ambiguous (${asNew.file} here, ${oldTarget} from ${oldDir}/): kept`);
        // The shortest spelling (`../constructs/x`, not `../../lib/constructs/x`).
        const canonical = relativeSpec(newDir, asNew.file, asNew.added);
        return canonical === spec ? whole : `${lead}${quote}${canonical}${quote}`;
      }
      if (!asOld) {
        warnings.push(`${file}: "${spec}" resolves neither from ${newDir}/ nor from ${oldDir}/: kept`);
        return whole;
      }
      return `${lead}${quote}${relativeSpec(newDir, oldTarget, asOld.added)}${quote}`;
    });
    if (next !== text) {
      rewritten++;
      log(`imports ${file}`);
      if (!dryRun) writeFileSync(join(repo, file), next);
    }
  }
  // 3. path mentions in comments, strings and docs
  let mentions = 0;
  const dirs = new Set();
  for (const f of files) for (let d = posix.dirname(f); d !== "."; d = posix.dirname(d)) dirs.add(d);
  const existsAny = (p) => present.has(p) || dirs.has(p.replace(/\/$/, ""));
  for (const file of files) {
    if (!(SOURCE.test(file) || TEXT.test(file))) continue;
    const text = readFileSync(join(repo, diskOf.get(file)), "utf8");
    const next = text.replace(mentionOf(runMoves), (token) => {
      const core = token.replace(/\.+$/, "");
      const to = forwardRun(core);
      if (to === core || !existsAny(to)) return token;
      return to + token.slice(core.length);
    });
    if (next !== text) {
      mentions++;
      log(`mentions ${file}`);
      if (!dryRun) writeFileSync(join(repo, file), next);
    }
  }
  for (const w of warnings) log(`warning: ${w}`);
  log(`relayout: ${moved} file(s) moved, ${rewritten} file(s) with imports rewritten, ${mentions} file(s) with path mentions rewritten, ${warnings.length} warning(s)${dryRun ? " (dry run)" : ""}`);
  return { moved, rewritten, mentions, warnings };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const args = process.argv.slice(2);
  const dryRun = args.includes("--dry-run");
  const repo = args.find((a) => !a.startsWith("--")) ?? process.cwd();
  const extra = args.filter((a) => a.startsWith("--also=")).map((a) => a.slice("--also=".length).split("="));
  const { warnings } = relayout(repo, { dryRun, extra });
  process.exitCode = warnings.length > 0 ? 1 : 0;
}
