/**
 * The product's log-group rule, over every synthesized stack: each aws_cloudwatch_log_group is encrypted with a
 * customer-managed KMS key (CKV_AWS_158) and keeps events at least as long as the environment's configured
 * retention (CloudWatch.16 / CKV_AWS_338). Any new log group anywhere in the product is covered automatically.
 */
import { configWith, resources, synthConfig } from "../helpers/synth";

describe.each([
  ["the default config", configWith()],
  ["a config with 731-day retention and two projects", configWith({ logs: { retentionDays: 731 }, projects: [{ name: "fraud" }, { name: "churn" }] })],
])("%s", (_label, config) => {
  const synth = synthConfig(config, "log-groups");
  const retention = config.environments[0].logs.retentionDays;
  const groups = synth.stackNames.flatMap((stack) => resources(synth.stack(stack), "aws_cloudwatch_log_group").map(([id, r]) => ({ stack, id, ...r }) as Record<string, any>));

  test("has log groups in the platform stack (flow logs, trail, SageMaker)", () => {
    expect(groups.filter((g) => g.stack === "dev-platform").length).toBeGreaterThanOrEqual(7);
  });

  test("every log group has a customer-managed KMS key and at least the configured retention", () => {
    const offenders = groups.filter((g) => !/^\$\{aws_kms_key\.[^.]+\.arn\}$|^\$\{data\.terraform_remote_state\.[^}]+\}$|^arn:aws[a-z-]*:kms:/.test(String(g.kms_key_id ?? ""))
      || !(Number(g.retention_in_days) >= retention));
    expect(offenders.map((g) => `${g.stack} ${g.name}: kms_key_id=${g.kms_key_id} retention=${g.retention_in_days}`)).toEqual([]);
  });
});
