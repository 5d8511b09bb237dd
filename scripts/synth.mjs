// `npm run synth`: one node process that bundles the app with esbuild only when a source is newer than the
// bundle (like make), then runs it in-process. No type-checking here: that is `npm run typecheck`, part of `npm test`.
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const bundle = join(root, ".build", "main.js");
// What the bundle is made of: the app's sources and, through the lock file, its dependencies.
const SOURCES = ["main.ts", "config", "catalogue", "stacks", "modules", "compliance", "package-lock.json"];

function newestSource(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return /\.(ts|json)$/.test(path) ? s.mtimeMs : 0;
  return Math.max(0, ...readdirSync(path).map((f) => newestSource(join(path, f))));
}

const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
if (built <= Math.max(...SOURCES.map((s) => newestSource(join(root, s))))) {
  const { buildApp } = await import("./build.mjs");
  await buildApp();
}
process.exitCode = require(bundle).main(process.argv.slice(2));
