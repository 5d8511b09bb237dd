/**
 * The longest names the plan accepts, on the real terraform binary: a sample passes `terraform validate` (the rules
 * themselves are held name by name in __tests__/plan/name-rules.test.ts).
 */
import { join } from "node:path";
import { validateConfig } from "../../app/load";
import { offlineOverride, remoteStateDefaultsOverride, stackWorkdir, Terraform, terraformEnv } from "../../tooling/harness/terraform";
import { withChanges as config } from "../helpers/config";
import { synthConfig, tempDir } from "../helpers/synth";

jest.setTimeout(180_000);

describe("a sample of the longest accepted names on terraform", () => {
  test("the 63-character bucket and notebook names pass terraform validate", async () => {
    const base = `acme-${"e".repeat(16)}-${"p".repeat(16)}`;
    const c = config({ name: "e".repeat(16) }, { name: "p".repeat(16), notebooks: [{ name: "n".repeat(63 - base.length - 1), owner: "alice" }] }, { prefix: "acme" });
    const synth = synthConfig(validateConfig(c), "longest");
    const stack = `${"e".repeat(16)}-project-${"p".repeat(16)}`;
    const json = synth.stack(stack);
    expect(Object.values<any>(json.resource.aws_sagemaker_notebook_instance)[0].name).toHaveLength(63);
    expect(Object.values<any>(json.resource.aws_s3_bucket).map((b) => b.bucket.length)).toContain(63);
    const work = tempDir("longest-tf");
    const dir = join(work, stack);
    const tf = new Terraform(stackWorkdir(synth.outdir, stack, dir, { ...offlineOverride(dir), ...remoteStateDefaultsOverride(synth.app(), stack, dir) }), terraformEnv(work));
    await tf.init();
    await tf.validate();
  });
});
