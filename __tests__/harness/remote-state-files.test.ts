import { remoteStateFilesOverride } from "../../harness/terraform";

const stack = { data: { terraform_remote_state: { "cross-stack-reference-input-dev-platform": { backend: "local", config: { path: "/somewhere/terraform.dev-platform.tfstate" } } } } };

test("points each cross-stack remote state at the state file of the stack it reads", () => {
  expect(remoteStateFilesOverride(stack, { "dev-platform": "/work/dev-platform/terraform.tfstate" })).toEqual({
    data: { terraform_remote_state: { "cross-stack-reference-input-dev-platform": { backend: "local", config: { path: "/work/dev-platform/terraform.tfstate" } } } },
  });
});

test("a stack read without a given state file is an error naming it; a stack without remote state needs nothing", () => {
  expect(() => remoteStateFilesOverride(stack, {})).toThrow(/reads stack "dev-platform", but no state file was given for it/);
  expect(remoteStateFilesOverride({ resource: {} }, {})).toEqual({});
});
