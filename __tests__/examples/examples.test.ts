/**
 * Every example in examples/ is a working config: it loads, synthesizes with the compliance rule pack passing, and
 * every stack it produces is accepted by the real terraform binary (`init -backend=false` with the provider from the
 * machine's mirror, then `validate`). Each example folder holds its config and a README that uses it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { enforceCompliance } from "../../app/cli/gate";
import { loadConfig } from "../../app/load";
import { stackWorkdir, Terraform, terraformEnv } from "../../tooling/harness/terraform";
import { buildApp } from "../../app/app";
import { tempDir } from "../helpers/synth";

jest.setTimeout(600_000);

const root = join(__dirname, "..", "..", "examples");
// typescript-app is a cdktf app of its own, not a config (typescript-app.test.ts).
const examples = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== "typescript-app").map((d) => d.name).sort();
const work = tempDir("examples-tf");
// No HCP Terraform token or workspace from the caller's environment: init -backend=false never contacts it anyway.
const env = terraformEnv(work, { TF_TOKEN_app_terraform_io: "", TF_CLOUD_ORGANIZATION: "", TF_WORKSPACE: "" });

test("the examples the docs promise are there", () => {
  expect(examples).toEqual(expect.arrayContaining(["hcp-terraform", "minimal-dev", "multi-account-production", "organization-trail", "package-mirror", "studio"]));
});

describe.each(examples)("examples/%s", (example) => {
  const dir = join(root, example);
  const configPath = join(dir, "environments.yaml");

  test("has its config and a README that uses it", () => {
    expect(existsSync(configPath)).toBe(true);
    expect(readFileSync(join(dir, "README.md"), "utf8")).toContain(`examples/${example}/environments.yaml`);
  });

  test("synthesizes with the rule pack passing, and terraform validates every stack", async () => {
    const config = loadConfig(configPath);
    const outdir = tempDir(`example-${example}`);
    const { app, stackNames } = buildApp(config, outdir);
    app.synth();
    const report = enforceCompliance(config, outdir, stackNames);
    expect(report.findings.filter((f) => f.status === "fail" || f.status === "warn")).toEqual([]);
    expect(stackNames.length).toBeGreaterThan(0);
    // Two at a time: validate loads the provider's schema, the heavy part of each run.
    const queue = [...stackNames];
    const validated: string[] = [];
    const worker = async () => {
      for (let stack = queue.shift(); stack; stack = queue.shift()) {
        const tf = new Terraform(stackWorkdir(outdir, stack, join(work, example, stack)), env);
        await tf.init({ backend: false });
        const r = await tf.validate();
        // `locking: dynamodb` or `both` adds Terraform 1.11's deprecation warning for dynamodb_table: valid, with a warning.
        expect(r.stdout).toMatch(/Success! The configuration is valid(\.|, but there were some validation warnings)/);
        validated.push(stack);
      }
    };
    await Promise.all([worker(), worker()]);
    expect(validated.sort()).toEqual([...stackNames].sort());
  });
});
