/**
 * HCP Terraform: every stack synthesized with a `cloud` block (one named workspace per stack) and cross-stack
 * references through the `remote` backend, checked by the real terraform binary: `init -backend=false` (no
 * connection to HCP Terraform) and `validate`.
 */
import { join } from "node:path";
import { stackWorkdir, Terraform, terraformEnv } from "../../tooling/harness/terraform";
import { configWith, synthConfig, tempDir } from "../helpers/synth";

jest.setTimeout(300_000);

const work = tempDir("tf-cloud");
const env = terraformEnv(work, { TF_TOKEN_app_terraform_io: "", TF_CLOUD_ORGANIZATION: "", TF_WORKSPACE: "" });
const backend = { type: "cloud", organization: "acme-data", project: "sagemaker" };
const config = configWith({ backend, projects: [{ name: "fraud" }, { name: "churn" }] });
const synth = synthConfig(config, "tf-cloud-synth");

test("one workspace per stack, named <prefix>-<stack>, in the configured project; no state stack", () => {
  expect(synth.stackNames).toEqual(["dev-platform", "dev-project-fraud", "dev-project-churn"]);
  const workspaces = synth.stackNames.map((s) => synth.stack(s).terraform.cloud.workspaces);
  expect(workspaces).toEqual(synth.stackNames.map((s) => ({ name: `sds-${s}`, project: "sagemaker" })));
  expect(new Set(workspaces.map((w) => w.name)).size).toBe(synth.stackNames.length);
});

describe.each(synth.stackNames)("stack %s with a cloud block", (stack) => {
  test("terraform init -backend=false and validate accept it", async () => {
    const dir = join(work, stack);
    const tf = new Terraform(stackWorkdir(synth.outdir, stack, dir), env);
    await tf.init({ backend: false });
    const r = await tf.validate();
    expect(r.stdout).toContain("The configuration is valid.");
  });
});
