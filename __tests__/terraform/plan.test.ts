/**
 * Every synthesized stack on the real terraform binary: init (provider from the machine's mirror, local state),
 * validate, and plan offline with fake credentials. Stacks that read another stack's outputs get placeholder
 * values for them (`remoteStateDefaultsOverride`), since nothing was applied.
 */
import { join } from "node:path";
import { offlineOverride, remoteStateDefaultsOverride, stackWorkdir, Terraform, terraformEnv } from "../../harness/terraform";
import { configWith, synthConfig, tempDir } from "../helpers/synth";

jest.setTimeout(300_000);

const work = tempDir("tf");
const env = terraformEnv(work);

// The default config, plus a second environment in another region with one zone and extra endpoints.
const config = configWith({}, {
  environments: [
    configWith().environments[0],
    { name: "prod", accountId: "210987654321", region: "us-east-1", availabilityZones: ["us-east-1a"],
      network: { vpcCidr: "10.30.0.0/20", interfaceEndpoints: { kms: true, ssm: true, monitoring: false } } },
  ],
} as any);
const synth = synthConfig(config, "tf-synth");

describe.each(synth.stackNames)("stack %s on terraform", (stack) => {
  const dir = join(work, stack);
  const override = { ...offlineOverride(dir), ...remoteStateDefaultsOverride(synth.stack(stack), dir) };
  const tf = new Terraform(stackWorkdir(synth.outdir, stack, dir, override), env);

  test("init, validate and plan offline", async () => {
    await tf.init();
    await tf.validate();
    const plan = await tf.plan();
    expect(plan.changes).toBe(true);
    expect(plan.stdout).toMatch(/(Plan: \d+ to add, 0 to change, 0 to destroy)|(Changes to Outputs)/);
    expect(plan.stdout).not.toMatch(/aws_internet_gateway|aws_nat_gateway|aws_egress_only_internet_gateway/);
  });
});
