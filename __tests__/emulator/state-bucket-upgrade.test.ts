/**
 * Upgrading an existing state stack replaces nothing: the state stack of version 0.2.0 (its resources and outputs,
 * __tests__/fixtures/state-stack-v0.2.0.json, with today's provider and backend blocks) is applied by real Terraform
 * to the moto emulator on local state; today's synthesized state stack is then planned against that state, in the
 * same working directory. The plan may move resources and change them in place; it must destroy or replace none.
 * Then it is applied, and a second plan has nothing left to do.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emulatorTargets, EXCLUDED_TYPES } from "../../tooling/harness/emulator-gaps";
import { EmulatorRun } from "../../tooling/harness/emulator-run";
import { stackFile } from "../../checks/synthesized/conventions";
import { configWith } from "../helpers/synth";

jest.setTimeout(600_000);

const OLD = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "state-stack-v0.2.0.json"), "utf8"));

interface Change { address: string; previous_address?: string; change: { actions: string[] } }

let run: EmulatorRun;
let current: Record<string, any>;
let changes: Change[];
let upgradePlan: string;
let afterUpgrade: { changes: boolean; stdout: string };
/**
 * The emulator gaps of every resource of a type (`EXCLUDED_TYPES`). The state bucket's policy, left out of the
 * workflow's applies because moto then refuses the S3 backend's state reads, is applied here: this stack's own state
 * is a local file.
 */
beforeAll(async () => {
  // The shared emulator setup, with the environment's S3 backend (so the app has its state stack), synthesized as for
  // the bootstrap: the state stack on local state beside cdktf.out. The measurement itself swaps the stack's JSON by
  // hand in the run's own stack folder.
  run = await EmulatorRun.start({ label: "emu-state-upgrade", config: configWith(), state: "bucket" });
  run.synth(true);
  current = run.json("dev-state");
  const file = stackFile(run.out, "dev-state");
  // Version 0.2.0's resources with today's provider (pointing at the emulator) and backend: no moved blocks then.
  const { moved: _moved, ...rest } = current;
  const old = { ...rest, resource: OLD.resource, output: OLD.output };
  writeFileSync(file, JSON.stringify(old, null, 2));
  const tf = run.terraform("dev-state");
  await tf.init();
  await tf.apply(emulatorTargets(old, EXCLUDED_TYPES).args);
  // The upgrade: today's stack in the same directory, planned against the state 0.2.0 left.
  writeFileSync(file, JSON.stringify(current, null, 2));
  upgradePlan = (await tf.plan(["-out=upgrade.tfplan"])).stdout;
  const shown = await tf.run(["show", "-json", "upgrade.tfplan"]);
  changes = (JSON.parse(shown.stdout).resource_changes ?? []) as Change[];
  await tf.apply(["upgrade.tfplan"]);
  afterUpgrade = await tf.plan(emulatorTargets(current, EXCLUDED_TYPES).args);
});

afterAll(async () => {
  await run?.stop();
});

test("version 0.2.0's state bucket was applied: its public access block is at the address it had then", () => {
  const old = Object.keys(OLD.resource.aws_s3_bucket_public_access_block).find((id) => id.startsWith("state-bucket_public-access-block_"));
  expect(old).toBeDefined();
  expect(changes.find((c) => c.previous_address === `aws_s3_bucket_public_access_block.${old}`)).toMatchObject({
    address: expect.stringMatching(/^aws_s3_bucket_public_access_block\.state-bucket_public-access_[0-9A-F]{8}$/),
    change: { actions: ["no-op"] },
  });
});

test("the plan destroys and replaces nothing: one move, one in-place update", () => {
  const summary = changes.filter((c) => c.change.actions.join() !== "no-op").map((c) => `${c.change.actions.join("+")} ${c.address}`);
  expect(changes.filter((c) => c.change.actions.includes("delete"))).toEqual([]);
  expect(upgradePlan).toMatch(/^Plan: 0 to add, 1 to change, 0 to destroy\.$/m);
  // The lifecycle rule's id becomes the SecureBucket's "housekeeping" (same rule otherwise). The bucket's explicit
  // `force_destroy = false` (the provider's default, already in the state), its depends_on the key and the policy's
  // literal bucket ARN (the value its reference had) change nothing.
  expect(summary).toEqual([expect.stringMatching(/^update aws_s3_bucket_lifecycle_configuration\.state-bucket_lifecycle_[0-9A-F]{8}$/)]);
  expect(upgradePlan).toContain('~ id     = "expire-old-state-versions" -> "housekeeping"');
});

test("after the upgrade is applied, a second plan has no changes", () => {
  expect(afterUpgrade.stdout).toContain("No changes.");
  expect(afterUpgrade.changes).toBe(false);
});
