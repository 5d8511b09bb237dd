/** Applying synthesized stacks to the emulator, the way every emulator suite that needs several stacks does it. */
import { join } from "node:path";
import { emulatorOverride, emulatorTargets, withoutUnsetAttributes } from "../../harness/emulator-gaps";
import { localStateOverride, readStack, remoteStateFilesOverride, stackWorkdir, Terraform, terraformEnv } from "../../harness/terraform";
import { tempDir } from "./synth";

export interface AppliedStack {
  readonly name: string;
  readonly tf: Terraform;
  /** The `-target` arguments of the emulator run (plan again with the same). */
  readonly args: string[];
  /** Addresses the emulator run left out (harness/emulator-gaps.ts). */
  readonly left: string[];
}

/**
 * Applies the named stacks of a synth in order, each in its own working directory on local state; a stack that reads
 * another one's outputs reads that stack's state file. Attributes and resource types the emulator cannot take are left
 * out as `harness/emulator-gaps.ts` says.
 */
export async function applyOnEmulator(outdir: string, names: readonly string[], label: string): Promise<AppliedStack[]> {
  const work = tempDir(label);
  const env = terraformEnv(work);
  const stateFiles: Record<string, string> = {};
  const applied: AppliedStack[] = [];
  for (const name of names) {
    const dir = join(work, name);
    const json = readStack(outdir, name);
    const override = { ...localStateOverride(dir), ...remoteStateFilesOverride(json, stateFiles), ...emulatorOverride(json) };
    const tf = new Terraform(stackWorkdir(outdir, name, dir, override), env, { timeoutMs: 300_000 });
    const { args, left } = emulatorTargets(withoutUnsetAttributes(json));
    await tf.init();
    await tf.apply(args);
    stateFiles[name] = join(dir, "terraform.tfstate");
    applied.push({ name, tf, args, left });
  }
  return applied;
}
