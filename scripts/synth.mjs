// `npm run synth`: one node process that bundles the app with esbuild only when a source is newer than the
// bundle (like make), then runs it in-process. No type-checking here: that is `npm run typecheck`, part of `npm test`.
// The bundle is compiled through V8's code cache (.build/main.js.cache, written after a run), which saves most of
// the ~70 ms V8 spends compiling 3.7 MB of JavaScript on every start (Node 20 has no built-in compile cache).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

const root = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const bundle = join(root, ".build", "main.js");
const cacheFile = `${bundle}.cache`;
// What the bundle is made of: the app's sources and, through the lock file, its dependencies.
const SOURCES = ["main.ts", "cli", "config", "plan", "catalogue", "stacks", "modules", "compliance", "package-lock.json", "scripts/build.mjs"];

function newestSource(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return /\.(ts|json|mjs)$/.test(path) ? s.mtimeMs : 0;
  return Math.max(0, ...readdirSync(path).map((f) => newestSource(join(path, f))));
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
if (mtime(bundle) <= Math.max(...SOURCES.map((s) => newestSource(join(root, s))))) {
  const { buildApp } = await import("./build.mjs");
  await buildApp();
}

const cached = mtime(cacheFile) > mtime(bundle) ? readFileSync(cacheFile) : undefined;
const script = new Script(Module.wrap(readFileSync(bundle, "utf8")), { filename: bundle, cachedData: cached });
const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
process.exitCode = module.exports.main(process.argv.slice(2));
if (!cached || script.cachedDataRejected) {
  try { writeFileSync(cacheFile, script.createCachedData()); } catch { /* a read-only checkout still synthesizes */ }
}
