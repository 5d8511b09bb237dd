// The lint step of `npm test` (`npm run lint`): typescript-eslint, and the one-way rule of docs/architecture.md.
// Layers, lowest first; a file imports only from its own layer or a lower one, never in a cycle:
//   lib/domain ← lib/constructs ← lib/patterns ← lib/index.ts        (the library)
//   lib/domain ← checks                                              (checks read synthesized JSON, not constructs)
//   lib, checks ← app (config ← plan ← stacks ← app.ts, load.ts ← cli) ← tooling
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/** `target` may not import from `from`: one zone per step the rule forbids. */
const zone = (target, from, message) => ({ target, from, message });
const ONE_WAY = [
  zone("./lib/domain", ["./lib/constructs", "./lib/patterns", "./lib/index.ts", "./checks", "./app", "./tooling"], "lib/domain is the vocabulary: it imports nothing of the project"),
  zone("./lib/constructs", ["./lib/patterns", "./lib/index.ts", "./checks", "./app", "./tooling"], "constructs import only lib/domain and each other"),
  zone("./lib/patterns", ["./lib/index.ts", "./checks", "./app", "./tooling"], "patterns import only lib/constructs and lib/domain"),
  zone("./checks", ["./lib/constructs", "./lib/patterns", "./lib/index.ts", "./app", "./tooling"], "checks read synthesized JSON: they import only lib/domain"),
  zone("./app", ["./tooling"], "the app never imports tooling"),
  zone("./app/config", ["./app/plan", "./app/stacks", "./app/cli", "./app/app.ts", "./app/load.ts", "./app/output-folder.ts"], "config is below the plan: config → plan → stacks"),
  zone("./app/plan", ["./app/stacks", "./app/cli", "./app/app.ts", "./app/load.ts", "./app/output-folder.ts"], "the plan is below the stacks: config → plan → stacks"),
  zone("./app/stacks", ["./app/cli", "./app/app.ts", "./app/load.ts", "./app/output-folder.ts"], "stacks take the plan; the app and the CLI use them"),
];

export default tseslint.config(
  { ignores: ["node_modules/", ".build/", "dist/", "cdktf.out*/", ".work/", ".gen/", "coverage/", "reports/", "examples/*/cdktf.out/", "examples/*/.gen/"] },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommended],
    plugins: { "import-x": importX },
    settings: {
      // no-cycle follows imports into other files: they are parsed as TypeScript, resolved as tsc does.
      "import-x/extensions": [".ts", ".mts", ".js", ".mjs", ".cjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".mts"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { zones: ONE_WAY }],
      // Provider classes by deep import only (`@cdktf/provider-aws/lib/<resource>`): the root loads every resource.
      // Synthesized JSON and cdktf's untyped corners are read as `any` in a few places (tests mostly): allowed.
      "@typescript-eslint/no-explicit-any": "off",
      // `require` is used on purpose: lazy loading (yaml only for YAML files, the bench's timed loads) and jest's
      // isolated modules; each is typed with `typeof import(...)`.
      "@typescript-eslint/no-require-imports": "off",
      // `_name`: a value destructured away or a parameter a signature needs.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
      "no-restricted-imports": ["error", { paths: [{ name: "@cdktf/provider-aws", message: "import the resource by its deep path: @cdktf/provider-aws/lib/<resource>" }] }],
    },
  },
);
