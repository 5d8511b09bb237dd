/**
 * examples/typescript-app: a cdktf app of a user's own that imports the library beside its own stack. It
 * synthesizes with the command its cdktf.json names, the rule pack passes on what it made (with the product's known
 * gaps), its stack reads the project's bucket across stacks, and terraform validates every stack.
 */
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate, failures } from "../../checks/compliance/engine";
import { KNOWN_GAPS } from "../../checks/compliance/known-gaps";
import { RULES } from "../../checks/compliance/registry";
import { loadSynthesized } from "../../checks/synthesized/read";
import { stackWorkdir, Terraform, terraformEnv } from "../../tooling/harness/terraform";
import { tempDir } from "../helpers/synth";

jest.setTimeout(600_000);

const dir = join(__dirname, "..", "..", "examples", "typescript-app");
const out = tempDir("typescript-app");
const work = tempDir("typescript-app-tf");

beforeAll(() => {
  const { app } = JSON.parse(readFileSync(join(dir, "cdktf.json"), "utf8")) as { app: string };
  execSync(app, { cwd: dir, env: { ...process.env, CDKTF_OUTDIR: out }, stdio: "pipe" });
});

test("the user's stack sits beside the platform and the project, and reads the project's bucket across stacks", () => {
  const model = loadSynthesized(out);
  expect(model.stacks.map((s) => s.name).sort()).toEqual(["lab-platform", "lab-project-fraud", "lab-team"]);
  const [parameter] = model.ofType("aws_ssm_parameter");
  expect(parameter.stack).toBe("lab-team");
  const bucket = model.resolve(parameter.stack, parameter.attrs.value, "aws_s3_bucket");
  expect(bucket?.stack).toBe("lab-project-fraud");
  expect(bucket?.attrs.bucket).toBe("acme-lab-fraud-data-123456789012");
});

test("the rule pack passes on the app (the product's known gaps suppressed)", () => {
  const report = evaluate(loadSynthesized(out), RULES, { suppressions: KNOWN_GAPS });
  expect(failures(report)).toEqual([]);
});

test("terraform validates every stack", async () => {
  const env = terraformEnv(work);
  for (const stack of ["lab-platform", "lab-project-fraud", "lab-team"]) {
    const tf = new Terraform(stackWorkdir(out, stack, join(work, stack)), env);
    await tf.init({ backend: false });
    expect((await tf.validate()).stdout).toMatch(/Success! The configuration is valid/);
  }
});
