// `node tooling/compare-synth.mjs GOLDEN OUT`: exits 0 when the synthesized folder OUT is byte-identical to GOLDEN
// (same files, same bytes; `.terraform` folders, state files and the output folder's ownership marker `.sds-output`
// ignored: the marker is written by npm run synth, not synthesized, see app/output-folder.ts), else lists every
// difference and exits 1.
// Used to prove a refactor changes no byte of the output: synthesize the default config before the change into
// GOLDEN (`npm run synth -- --out /tmp/golden`), after it into OUT, compare.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
if (positionals.length !== 2) {
  process.stderr.write("usage: node tooling/compare-synth.mjs GOLDEN_DIR OUT_DIR\n");
  process.exit(2);
}
const [golden, out] = positionals;
for (const d of [golden, out]) if (!existsSync(d) || !statSync(d).isDirectory()) {
  process.stderr.write(`error: ${d} is not a folder\n`);
  process.exit(2);
}

const IGNORED = /(^|\/)(\.terraform(\/|$)|terraform\.[^/]*tfstate)|^\.sds-output$/;
function files(root, dir = root) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (IGNORED.test(relative(root, path))) return [];
    return e.isDirectory() ? files(root, path) : [relative(root, path)];
  });
}

const a = new Set(files(golden));
const b = new Set(files(out));
const problems = [];
for (const f of a) if (!b.has(f)) problems.push(`missing: ${f}`);
for (const f of b) if (!a.has(f)) problems.push(`extra:   ${f}`);
for (const f of a) {
  if (!b.has(f)) continue;
  if (!readFileSync(join(golden, f)).equals(readFileSync(join(out, f)))) problems.push(`differs: ${f}`);
}
if (problems.length) {
  process.stderr.write(`${problems.join("\n")}\n${problems.length} difference(s) between ${golden} and ${out}\n`);
  process.exit(1);
}
process.stdout.write(`identical: ${a.size} files\n`);
