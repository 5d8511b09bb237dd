/** Offline plans of stacks whose cross-stack inputs were never applied: placeholders resolved through the model. */
import { remoteStateDefaultsOverride } from "../../tooling/harness/terraform";
import { SynthModel } from "../../checks/synthesized/model";
import { tempDir } from "../helpers/synth";

test("offline placeholders have the shape of the attribute each read output carries, resolved through the model", () => {
  const app = new SynthModel([
    { name: "p", json: { resource: { aws_kms_key: { k: {} }, aws_vpc: { v: {} } }, output: {
      "cross-stack-output-key": { value: "${aws_kms_key.k.arn}" }, "cross-stack-output-vpc": { value: "${aws_vpc.v.id}" }, "cross-stack-output-odd": { value: "literal" } } } },
    { name: "c", json: { data: { terraform_remote_state: { "cross-stack-reference-input-p": {} } }, resource: { aws_x: { x: {
      a: "${data.terraform_remote_state.cross-stack-reference-input-p.outputs.cross-stack-output-key}",
      b: "${data.terraform_remote_state.cross-stack-reference-input-p.outputs.cross-stack-output-vpc}" } } } } },
    { name: "d", json: { data: { terraform_remote_state: { "cross-stack-reference-input-p": {} } }, resource: { aws_x: { x: {
      a: "${data.terraform_remote_state.cross-stack-reference-input-p.outputs.cross-stack-output-odd}" } } } } },
  ]);
  const dir = tempDir("remote-defaults");
  const override = remoteStateDefaultsOverride(app, "c", dir) as any;
  expect(override.data.terraform_remote_state["cross-stack-reference-input-p"].defaults).toEqual({
    "cross-stack-output-key": "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000",
    "cross-stack-output-vpc": "vpc-0123456789abcdef0",
  });
  expect(() => remoteStateDefaultsOverride(app, "d", dir)).toThrow(/reads output "cross-stack-output-odd" of p, which is not a reference to a resource/);
  expect(remoteStateDefaultsOverride(app, "p", dir)).toEqual({});
});
