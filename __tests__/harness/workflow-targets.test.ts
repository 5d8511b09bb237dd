/** What the emulator runs of the workflow leave out: the state bucket's policy only, and the listed gap types. */
import { Workflow } from "../../tooling/harness/workflow";
import { configWith, tempDir } from "../helpers/synth";

const root = tempDir("workflow-targets");
const flow = new Workflow(configWith({ emulator: { endpoint: "http://127.0.0.1:5999" } }), root, process.env, { emulator: true });

test("in the state stack only the state bucket's policy is left out; the access-log bucket keeps its policy", () => {
  const { args, left } = flow.targets("dev-state");
  expect(left).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.state-bucket_policy_/)]);
  expect(args).toContainEqual(expect.stringMatching(/^-target=aws_s3_bucket_policy\.access-logs_policy_/));
  expect(args).toContainEqual(expect.stringMatching(/^-target=aws_s3_bucket\.state-bucket_[0-9A-F]{8}$/));
});

test("other stacks keep their bucket policies", () => {
  const { args, left } = flow.targets("dev-project-fraud");
  expect(left.filter((a) => a.startsWith("aws_s3_bucket_policy."))).toEqual([]);
  const policies = Object.keys(flow.json("dev-project-fraud").resource?.aws_s3_bucket_policy ?? {});
  // The project stack has excluded types (code repositories, lifecycle configuration), so it is applied by -target.
  expect(left.length).toBeGreaterThan(0);
  expect(policies.length).toBeGreaterThan(0);
  for (const p of policies) expect(args).toContain(`-target=aws_s3_bucket_policy.${p}`);
});

test("without the emulator nothing is left out", () => {
  const plain = new Workflow(configWith(), tempDir("workflow-targets-plain"), process.env);
  expect(plain.targets("dev-state")).toEqual({ args: [], left: [] });
});

test("a step limited to constructs targets their resources only, found by construct path, still without the emulator gaps", () => {
  const { args, left } = flow.targets("dev-platform", { within: ["audit"] });
  const audit = flow.app().resources.filter((r) => r.stack === "dev-platform" && r.path.startsWith("dev-platform/audit/"));
  expect(audit.length).toBeGreaterThan(10);
  expect(left).toContainEqual(expect.stringMatching(/^aws_cloudtrail\./));
  expect(args.sort()).toEqual(audit.map((r) => `-target=${r.type}.${r.name}`).filter((a) => !left.includes(a.slice("-target=".length))).sort());
});
