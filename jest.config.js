/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Type-checking is `npm run typecheck` (run first by `npm test`); jest only transpiles.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  // Fast suites first: unit, policy, then real Terraform and the emulator.
  testSequencer: "<rootDir>/__tests__/sequencer.js",
  maxWorkers: 2,
};
