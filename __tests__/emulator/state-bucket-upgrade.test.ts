/**
 * Upgrading an existing state stack replaces nothing: the state stack of version 0.2.0 (its resources and outputs,
 * __tests__/fixtures/state-stack-v0.2.0.json, with today's provider and backend blocks) is applied by real Terraform
 * to the moto emulator on local state; today's synthesized state stack is then planned against that state, in the
 * same working directory. The plan may move resources and change them in place; it must destroy or replace none.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emulatorTargets } from "../../harness/emulator-gaps";
import { Moto, startMoto } from "../../harness/moto";
import { localStateOverride, stackWorkdir, Terraform, terraformEnv } from "../../harness/terraform";
import { configWith, synthConfig, tempDir } from "../helpers/synth";

jest.setTimeout(600_000);

const OLD = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "state-stack-v0.2.0.json"), "utf8"));

interface Change { address: string; previous_address?: string; change: { actions: string[] } }

let moto: Moto;
let tf: Terraform;
let current: Record<string, any>;
let changes: Change[];

beforeAll(async () => {
  moto = await startMoto();
  const synth = synthConfig(configWith({ emulator: { endpoint: moto.endpoint } }), "emu-state-upgrade");
  current = synth.stack("dev-state");
  const work = tempDir("emu-state-upgrade-tf");
  const dir = join(work, "dev-state");
  stackWorkdir(synth.outdir, "dev-state", dir, localStateOverride(dir));
  const stackFile = join(dir, "cdk.tf.json");
  // Version 0.2.0's resources with today's provider (pointing at the emulator) and backend: no moved blocks then.
  const { moved: _moved, ...rest } = current;
  const old = { ...rest, resource: OLD.resource, output: OLD.output };
  writeFileSync(stackFile, JSON.stringify(old, null, 2));
  tf = new Terraform(dir, terraformEnv(work), { timeoutMs: 300_000 });
  await tf.init();
  await tf.apply(emulatorTargets(old).args);
  // The upgrade: today's stack in the same directory, planned against the state 0.2.0 left.
  writeFileSync(stackFile, JSON.stringify(current, null, 2));
  await tf.plan(["-out=upgrade.tfplan"]);
  const shown = await tf.run(["show", "-json", "upgrade.tfplan"]);
  changes = (JSON.parse(shown.stdout).resource_changes ?? []) as Change[];
});

afterAll(async () => {
  await moto?.stop();
});

test("version 0.2.0's state bucket was applied: its public access block is at the address it had then", () => {
  const old = Object.keys(OLD.resource.aws_s3_bucket_public_access_block).find((id) => id.startsWith("state-bucket_public-access-block_"));
  expect(old).toBeDefined();
  expect(changes.find((c) => c.previous_address === `aws_s3_bucket_public_access_block.${old}`)).toMatchObject({
    address: expect.stringMatching(/^aws_s3_bucket_public_access_block\.state-bucket_public-access_[0-9A-F]{8}$/),
    change: { actions: ["no-op"] },
  });
});

test("the plan destroys and replaces nothing: only moves, in-place updates and what the emulator run left out", () => {
  const summary = changes.filter((c) => c.change.actions.join() !== "no-op").map((c) => `${c.change.actions.join("+")} ${c.address}`);
  expect(changes.filter((c) => c.change.actions.includes("delete"))).toEqual([]);
  // What does change, and why (the commit that made the state bucket a SecureBucket explains each):
  expect(summary.sort()).toEqual([
    // Left out of the emulator apply (harness/emulator-gaps.ts): created by this plan as by any first plan on moto.
    expect.stringMatching(/^create aws_s3_bucket_policy\.state-bucket_policy_[0-9A-F]{8}$/),
    // Explicit `force_destroy = false` (the provider's default, already in the state) and depends_on the key: no
    // change; the lifecycle rule's id becomes the SecureBucket's "housekeeping".
    expect.stringMatching(/^update aws_s3_bucket_lifecycle_configuration\.state-bucket_lifecycle_[0-9A-F]{8}$/),
  ]);
});

test("every address of version 0.2.0 is still there, or moved by a moved block of today's stack", () => {
  const addresses = (stack: Record<string, any>) =>
    Object.entries(stack.resource).flatMap(([type, byId]) => Object.keys(byId as object).map((id) => `${type}.${id}`));
  const now = new Set(addresses(current));
  const moves = new Map((current.moved ?? []).map((m: { from: string; to: string }) => [m.from, m.to]));
  for (const address of addresses(OLD)) expect(now.has(address) || now.has(moves.get(address) as string)).toBe(true);
});
