/**
 * Every synthesized stack on the real terraform binary: init (provider from the machine's mirror, local state),
 * validate, and plan offline with fake credentials. Stacks that read another stack's outputs get placeholder
 * values for them (`remoteStateDefaultsOverride`), since nothing was applied.
 */
import { join } from "node:path";
import { offlineOverride, remoteStateDefaultsOverride, stackWorkdir, Terraform, terraformEnv } from "../../tooling/harness/terraform";
import { configWith, synthConfig, tempDir } from "../helpers/synth";

jest.setTimeout(300_000);

const work = tempDir("tf");
const env = terraformEnv(work);

// The default config (notebook instances), plus a second environment in another region with one zone, extra
// endpoints and a Studio project (domain, user profiles, lifecycle configurations).
const config = configWith({}, {
  environments: [
    configWith().environments[0],
    { name: "prod", accountId: "210987654321", region: "us-east-1", availabilityZones: ["us-east-1a"],
      network: { vpcCidr: "10.30.0.0/20", interfaceEndpoints: { kms: true, ssm: true, monitoring: false } },
      dataProtection: { administratorArns: ["arn:aws:iam::210987654321:role/sds-terraform"] },
      projects: [{ name: "vision", users: [{ username: "alice" }, { username: "bob", instanceTypes: ["ml.m5.large"] }],
        studio: { instanceTypes: ["ml.t3.medium", "ml.m5.large"] } }] },
  ],
} as any);
const synth = synthConfig(config, "tf-synth");

describe.each(synth.stackNames)("stack %s on terraform", (stack) => {
  const dir = join(work, stack);
  const override = { ...offlineOverride(dir), ...remoteStateDefaultsOverride(synth.app(), stack, dir) };
  const tf = new Terraform(stackWorkdir(synth.outdir, stack, dir, override), env);

  test("init, validate and plan offline", async () => {
    await tf.init();
    await tf.validate();
    const plan = await tf.plan();
    expect(plan.changes).toBe(true);
    expect(plan.stdout).toMatch(/(Plan: \d+ to add, 0 to change, 0 to destroy)|(Changes to Outputs)/);
    expect(plan.stdout).not.toMatch(/aws_internet_gateway|aws_nat_gateway|aws_egress_only_internet_gateway/);
    if (stack === "prod-project-vision") {
      expect(plan.stdout).toMatch(/aws_sagemaker_domain\.studio_domain_\w+ will be created/);
      expect(plan.stdout.match(/aws_sagemaker_user_profile\.\S+ will be created/g)).toHaveLength(2);
      expect(plan.stdout.match(/aws_sagemaker_studio_lifecycle_config\.\S+ will be created/g)).toHaveLength(2);
    }
  });
});
