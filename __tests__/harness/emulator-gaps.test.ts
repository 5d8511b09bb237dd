import { EMULATOR_GAPS, emulatorExclusions, emulatorOverride, emulatorTargets, withoutUnsetAttributes } from "../../tooling/harness/emulator-gaps";
import { SynthModel } from "../../checks/synthesized/model";

const stack = {
  resource: {
    aws_vpc: { v: { cidr_block: "10.0.0.0/16" } },
    aws_sagemaker_code_repository: { repo: { code_repository_name: "r" } },
    aws_sagemaker_notebook_instance: { nb: { default_code_repository: "${aws_sagemaker_code_repository.repo.code_repository_name}" } },
    aws_iam_role: { after: { depends_on: ["aws_sagemaker_notebook_instance.nb"] }, unrelated: { name: "x" } },
  },
};

test("leaves out excluded types and, transitively, what references or depends on them", () => {
  const { args, left } = emulatorTargets(stack, ["aws_sagemaker_code_repository"]);
  expect(left).toEqual(["aws_iam_role.after", "aws_sagemaker_code_repository.repo", "aws_sagemaker_notebook_instance.nb"]);
  expect(args.sort()).toEqual(["-target=aws_iam_role.unrelated", "-target=aws_vpc.v"]);
});

test("targets nothing (a plain apply) when nothing is excluded", () => {
  expect(emulatorTargets(stack, ["aws_cloudtrail"])).toEqual({ args: [], left: [] });
});

test("every gap says why and what the suites do about it", () => {
  for (const gap of EMULATOR_GAPS) {
    expect(gap.reason.length).toBeGreaterThan(20);
    expect(gap.handling === "excluded from apply").toBe(gap.excludedType !== undefined);
    if (gap.handling === "attribute left unset for apply") expect(gap.attribute).toBeDefined();
  }
});

test("attributes the gap list leaves unset or tolerates are overridden, and no longer pull their resource out of the apply", () => {
  const gaps = [
    { subject: "c", excludedType: "aws_sagemaker_code_repository", reason: "not implemented by the emulator at all", handling: "excluded from apply" as const },
    { subject: "nb.repo", reason: "names the excluded repository, so leave it unset", handling: "attribute left unset for apply" as const,
      attribute: { type: "aws_sagemaker_notebook_instance", name: "default_code_repository" } },
    { subject: "nb.platform", reason: "the emulator does not return this attribute", handling: "drift tolerated" as const,
      attribute: { type: "aws_sagemaker_notebook_instance", name: "platform_identifier" } },
  ];
  expect(emulatorOverride(stack, gaps)).toEqual({ resource: { aws_sagemaker_notebook_instance: { nb: {
    default_code_repository: null, lifecycle: { ignore_changes: ["platform_identifier"] } } } } });
  const { left } = emulatorTargets(withoutUnsetAttributes(stack, gaps), ["aws_sagemaker_code_repository"]);
  expect(left).toEqual(["aws_sagemaker_code_repository.repo"]);
  expect(emulatorOverride({ resource: { aws_vpc: { v: {} } } }, gaps)).toEqual({});
});

test("an exclusion limited to addresses leaves out only those resources of its type", () => {
  const policies = { resource: { aws_s3_bucket_policy: { "state-bucket_policy_1": {}, "access-logs_policy_2": {} } } };
  const { args, left } = emulatorTargets(policies, [{ type: "aws_s3_bucket_policy", addresses: ["aws_s3_bucket_policy.state-bucket_policy_1"] }]);
  expect(left).toEqual(["aws_s3_bucket_policy.state-bucket_policy_1"]);
  expect(args).toEqual(["-target=aws_s3_bucket_policy.access-logs_policy_2"]);
});

test("the state-bucket gap finds the policy attached to the bucket the plan names, whatever the construct ids", () => {
  const json = { resource: {
    aws_s3_bucket: { anything: { bucket: "acme-dev-tfstate-1" }, logs: { bucket: "acme-dev-tfstate-logs-1" } },
    aws_s3_bucket_policy: { p1: { bucket: "${aws_s3_bucket.anything.id}" }, p2: { bucket: "${aws_s3_bucket.logs.id}" } },
  } };
  const app = new SynthModel([{ name: "dev-state", json }, { name: "dev-platform", json: { resource: { aws_s3_bucket_policy: { p3: { bucket: "acme-dev-tfstate-1" } } } } }]);
  const gaps = EMULATOR_GAPS.filter((g) => g.onlyFor === "the state bucket");
  expect(gaps.map((g) => g.excludedType)).toEqual(["aws_s3_bucket_policy"]);
  expect(emulatorExclusions(app, "dev-state", ["acme-dev-tfstate-1"], gaps)).toEqual([{ type: "aws_s3_bucket_policy", addresses: ["aws_s3_bucket_policy.p1"] }]);
  // Another stack's policy naming the bucket by its literal name is that stack's business, not this stack's exclusion.
  expect(emulatorExclusions(app, "dev-platform", ["acme-dev-tfstate-1"], gaps)).toEqual([{ type: "aws_s3_bucket_policy", addresses: [] }]);
  expect(emulatorExclusions(app, "dev-state", ["another-bucket"], gaps)).toEqual([{ type: "aws_s3_bucket_policy", addresses: [] }]);
});
