// `npm run synth`: one node process that bundles the app with esbuild only when a source is newer than the
// bundle (like make), then runs it in-process. No type-checking here: that is `npm run typecheck`, part of `npm test`.
// The bundle is compiled through V8's code cache (.build/main.js.cache, written after a run), which saves most of
// the ~70 ms V8 spends compiling 3.7 MB of JavaScript on every start (Node 20 has no built-in compile cache).
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

const root = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const bundle = join(root, ".build", "main.js");
const cacheFile = `${bundle}.cache`;
// What the bundle is made of: the project's sources esbuild read for it (listed by the build in .build/inputs.json,
// so a new folder of the app is never missed), and, through the lock file, its dependencies. A listed source that
// is gone, or no list, means a rebuild.
const inputsFile = join(root, ".build", "inputs.json");
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : Infinity);
function newestSource() {
  if (!existsSync(inputsFile)) return Infinity;
  const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
  return Math.max(...[...inputs, "package-lock.json", "tooling/build.mjs"].map((f) => mtime(join(root, f))));
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs <= newestSource()) {
  const { buildApp } = await import("./build.mjs");
  await buildApp();
}

const cached = existsSync(cacheFile) && statSync(cacheFile).mtimeMs > statSync(bundle).mtimeMs ? readFileSync(cacheFile) : undefined;
const script = new Script(Module.wrap(readFileSync(bundle, "utf8")), { filename: bundle, cachedData: cached });
const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
process.exitCode = module.exports.main(process.argv.slice(2));
if (!cached || script.cachedDataRejected) {
  try { writeFileSync(cacheFile, script.createCachedData()); } catch { /* a read-only checkout still synthesizes */ }
}
