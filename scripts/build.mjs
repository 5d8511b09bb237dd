// Bundles the app's own TypeScript (not node_modules) into .build/ with esbuild: no type-checking, ~50 ms.
// Type-checking is `npm run typecheck`, part of `npm test`.
// Entries: main.ts (the app), scripts/demo.ts (`npm run demo`), scripts/tf-config.ts (`npm run tf-config`).
import { build } from "esbuild";

await build({
  entryPoints: { main: "main.ts", demo: "scripts/demo.ts", "tf-config": "scripts/tf-config.ts" },
  outdir: ".build",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
});
