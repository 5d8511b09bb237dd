/**
 * `npm run docs [-- --check]`: rewrites the generated tables of README.md and docs/*.md from the code they describe
 * (tooling/docs-blocks.ts). With `--check` it writes nothing and exits 1 when a block is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandLine, UsageError, usageExit } from "../app/cli/args";
import { docFiles, refresh, renderBlocks, repoRoot } from "./docs-blocks";

const USAGE = `npm run docs [-- --check]
  (no argument)   rewrite the generated tables of README.md and docs/*.md from the code
  --check         write nothing; exit 1 when a table is stale
  -h, --help      this help`;

function main(argv: string[]): number {
  let check: boolean;
  try {
    check = parseCommandLine(argv, { check: { type: "boolean" } }).values.check ?? false;
  } catch (e) {
    if (e instanceof UsageError) return usageExit(e, USAGE);
    throw e;
  }
  const root = repoRoot();
  const blocks = renderBlocks(root);
  const stale: string[] = [];
  const used = new Set<string>();
  for (const file of docFiles(root)) {
    const path = join(root, file);
    const before = readFileSync(path, "utf8");
    const { text, names } = refresh(before, blocks);
    names.forEach((n) => used.add(n));
    if (text === before) continue;
    stale.push(`${file} (${names.join(", ")})`);
    if (!check) writeFileSync(path, text);
  }
  const unused = Object.keys(blocks).filter((n) => !used.has(n));
  if (unused.length) process.stderr.write(`warning: no docs file holds the generated block(s) ${unused.join(", ")}\n`);
  if (check) {
    if (stale.length) {
      process.stderr.write(`stale generated tables in ${stale.join(", ")}: run npm run docs\n`);
      return 1;
    }
    process.stdout.write(`generated tables are up to date (${used.size} blocks)\n`);
    return 0;
  }
  process.stdout.write(stale.length ? `rewrote ${stale.join(", ")}\n` : `generated tables were up to date (${used.size} blocks)\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
