/** The one reader of synthesized JSON: cdktf's layout and cross-stack naming, read from a real synth. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CROSS_STACK_OUTPUT_PREFIX, remoteStateReads, stackFile } from "../../checks/synthesized/conventions";
import { loadSynthesized, readStack, stacksIn } from "../../checks/synthesized/read";
import { configWith, synthConfig, tempDir } from "../helpers/synth";

const synth = synthConfig(configWith(), "synth-read");

test("the stacks of an output folder are its folders holding a cdk.tf.json; the model reads them all", () => {
  expect(stacksIn(synth.outdir)).toEqual([...synth.stackNames].sort());
  const app = loadSynthesized(synth.outdir);
  expect(app.stacks.map((s) => s.name)).toEqual([...synth.stackNames].sort());
  expect(app.stack("dev-platform")).toEqual(readStack(synth.outdir, "dev-platform"));
  // A folder without cdk.tf.json (a stack kept only for its state) is not a synthesized stack.
  const out = tempDir("synth-read-kept");
  mkdirSync(join(out, "stacks", "gone"), { recursive: true });
  mkdirSync(join(out, "stacks", "here"), { recursive: true });
  writeFileSync(stackFile(out, "here"), JSON.stringify({ resource: { aws_vpc: { v: {} } } }));
  expect(stacksIn(out)).toEqual(["here"]);
  expect(stacksIn(join(out, "nothing"))).toEqual([]);
});

test("a project stack's cross-stack reads name the platform stack and the outputs it uses; each output resolves to its resource", () => {
  const app = synth.app();
  const reads = remoteStateReads(synth.stack("dev-project-fraud"));
  expect(reads.map((r) => r.producer)).toEqual(["dev-platform"]);
  expect(reads[0].outputs.length).toBeGreaterThan(3);
  for (const output of reads[0].outputs) {
    expect(output.startsWith(CROSS_STACK_OUTPUT_PREFIX)).toBe(true);
    const source = app.outputSource("dev-platform", output);
    expect(source?.resource.stack).toBe("dev-platform");
    // ids, and the S3 prefix list the project's compute group allows HTTPS to
    expect(["id", "prefix_list_id"]).toContain(source?.attribute);
  }
  expect(reads[0].outputs.map((o) => app.outputSource("dev-platform", o)!.resource.type)).toEqual(expect.arrayContaining(["aws_vpc", "aws_subnet", "aws_security_group", "aws_vpc_endpoint"]));
  expect(remoteStateReads(synth.stack("dev-platform"))).toEqual([]);
});

test("a terraform_remote_state cdktf did not write is refused, not guessed", () => {
  expect(() => remoteStateReads({ data: { terraform_remote_state: { other: { backend: "local" } } } })).toThrow(/"other" is not a cdktf cross-stack reference/);
});
