/** The CI example (examples/studio): valid YAML, the jobs the issue asks for, and only commands and paths this repository has. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const root = join(__dirname, "..", "..");
const workflow = parse(readFileSync(join(root, "examples", "studio", "sagemaker-environment.yml"), "utf8"));
const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;
const runs = (job: string): string => workflow.jobs[job].steps.map((s: { run?: string }) => s.run ?? "").join("\n");

test("pull requests get synth, SARIF, cost and plan; pushes to main get apply, behind a protected environment", () => {
  expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
  expect(workflow.jobs.plan.if).toContain("pull_request");
  expect(workflow.jobs.apply.if).toContain("refs/heads/main");
  expect(workflow.jobs.apply.environment).toBe("production");
  expect(runs("check")).toMatch(/npm run synth -- --config/);
  expect(runs("check")).toMatch(/npm run check -- --config/);
  expect(runs("check")).toMatch(/npm run -s cost -- --config/);
  expect(runs("plan")).toMatch(/terraform -chdir="cdktf\.out\/stacks\/\$stack" plan/);
  expect(runs("apply")).toMatch(/terraform -chdir="cdktf\.out\/stacks\/\$stack" apply .*-auto-approve/);
});

test("it calls only npm scripts this repository defines, and uploads the SARIF file the check writes", () => {
  const used = [...Object.values(workflow.jobs).flatMap((j: any) => j.steps.map((s: { run?: string }) => s.run ?? "")).join("\n").matchAll(/npm run(?: -s)? (\w[\w-]*)/g)].map((m) => m[1]);
  expect(used.length).toBeGreaterThan(2);
  for (const s of used) expect(Object.keys(scripts)).toContain(s);
  const sarif = workflow.jobs.check.steps.find((s: { uses?: string }) => s.uses?.startsWith("github/codeql-action/upload-sarif"));
  expect(readFileSync(join(root, "app", "cli", "check.ts"), "utf8")).toContain(sarif.with.sarif_file.replace("reports/", ""));
});
