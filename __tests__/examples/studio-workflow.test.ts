/**
 * The CI example (examples/studio): a valid GitHub Actions workflow (GitHub's workflow schema, through
 * @action-validator/core), the path from pull request to apply, and only commands and paths this repository has.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";

const root = join(__dirname, "..", "..");
const source = readFileSync(join(root, "examples", "studio", "sagemaker-environment.yml"), "utf8");
const workflow = parse(source);
const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;
const runs = (job: string): string => workflow.jobs[job].steps.map((s: { run?: string }) => s.run ?? "").join("\n");

/** The validator's messages, flattened (a oneOf failure nests the alternatives' errors). */
function errors(src: string): string[] {
  const flat = (es: any[]): string[] => es.flatMap((e) => [`${e.path ?? ""} ${e.title}: ${e.detail ?? ""}`, ...(e.states ?? []).flatMap((st: any) => flat(st.errors))]);
  const warn = console.warn, log = console.log;
  // The validator logs that it does not check globs (the paths: filters); those are checked below.
  console.warn = console.log = () => undefined;
  try { return flat(validateWorkflow(src).errors); } finally { console.warn = warn; console.log = log; }
}

test("the workflow is valid against GitHub's workflow schema (and the validator does refuse an invalid one)", () => {
  expect(errors(source)).toEqual([]);
  expect(errors(source.replace("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest")).join("\n")).toMatch(/runs-onn/);
});

test("pull requests get synth, SARIF, cost and a plan per environment; pushes to main apply the reviewed plan", () => {
  expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
  expect(workflow.jobs.check.if).toContain("pull_request");
  expect(workflow.jobs.plan.needs).toBe("check");
  expect(workflow.jobs.apply.if).toContain("refs/heads/main");
  expect(runs("check")).toMatch(/npm run synth -- --config/);
  expect(runs("check")).toMatch(/npm run check -- --config/);
  expect(runs("check")).toMatch(/npm run -s cost -- --config/);
  // plan: read-only (no lock), saved, posted on the pull request, uploaded
  expect(runs("plan")).toMatch(/terraform -chdir="\$dir" plan .*-lock=false -out=tfplan/);
  expect(runs("plan")).toMatch(/gh pr comment .* --body-file plan-comment\.md/);
  const upload = workflow.jobs.plan.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/upload-artifact"));
  expect(upload.with.name).toBe("reviewed-plan-${{ matrix.environment }}");
  // apply: the saved plan file from the pull request's run, never a fresh synth or plan
  const download = workflow.jobs.apply.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/download-artifact"));
  expect(download.with).toMatchObject({ name: upload.with.name, "run-id": "${{ steps.reviewed.outputs.run-id }}" });
  expect(runs("apply")).toMatch(/terraform -chdir="\$dir" apply -input=false -no-color tfplan$/m);
  expect(runs("apply")).not.toMatch(/npm run|terraform[^\n]* plan|-auto-approve/);
  expect(runs("apply")).toMatch(/git diff --quiet "\$head"/);
});

test("credentials per environment: each matrix entry has its own region and role, the apply behind that environment's protection", () => {
  const plans = workflow.jobs.plan.strategy.matrix.include, applies = workflow.jobs.apply.strategy.matrix.include;
  expect(plans.map((m: any) => m.environment)).toEqual(applies.map((m: any) => m.environment));
  for (const m of [...plans, ...applies]) expect(Object.keys(m).sort()).toEqual(expect.arrayContaining(["environment", "region"]));
  const creds = (job: string) => workflow.jobs[job].steps.find((s: { uses?: string }) => s.uses?.startsWith("aws-actions/configure-aws-credentials")).with;
  expect(creds("plan")).toEqual({ "role-to-assume": "${{ matrix.plan-role }}", "aws-region": "${{ matrix.region }}" });
  expect(creds("apply")).toEqual({ "role-to-assume": "${{ matrix.apply-role }}", "aws-region": "${{ matrix.region }}" });
  expect(workflow.jobs.apply.environment).toBe("${{ matrix.environment }}");
});

test("the paths: filter matches where the config and the code really are", () => {
  for (const event of ["pull_request", "push"]) {
    const paths: string[] = workflow.on[event].paths;
    expect(paths).toContain(workflow.env.CONFIG);
    // The README puts the config at the repository root; every other entry names a file or folder of this repository.
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(`--config ${workflow.env.CONFIG}`);
    for (const p of paths.filter((x) => x !== workflow.env.CONFIG && !x.startsWith(".github/"))) expect([p, existsSync(join(root, p.replace(/\/\*\*$/, "")))]).toEqual([p, true]);
  }
});

test("it calls only npm scripts this repository defines, and uploads the SARIF file the check writes", () => {
  const used = [...Object.values(workflow.jobs).flatMap((j: any) => j.steps.map((s: { run?: string }) => s.run ?? "")).join("\n").matchAll(/npm run(?: -s)? (\w[\w-]*)/g)].map((m) => m[1]);
  expect(used.length).toBeGreaterThan(2);
  for (const s of used) expect(Object.keys(scripts)).toContain(s);
  const sarif = workflow.jobs.check.steps.find((s: { uses?: string }) => s.uses?.startsWith("github/codeql-action/upload-sarif"));
  expect(readFileSync(join(root, "app", "cli", "check.ts"), "utf8")).toContain(sarif.with.sarif_file.replace("reports/", ""));
});
