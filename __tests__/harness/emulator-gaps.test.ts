import { EMULATOR_GAPS, emulatorTargets } from "../../harness/emulator-gaps";

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
  }
});
