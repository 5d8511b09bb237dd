// Bundles the app's own TypeScript (not node_modules) into .build/ with esbuild: no type-checking, ~50 ms.
// Type-checking is `npm run typecheck`, part of `npm test`.
import { build } from "esbuild";

await build({
  entryPoints: ["main.ts", "cli/check.ts", "cli/cost.ts"],
  outbase: ".",
  outdir: ".build",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
});
