/**
 * The one reader of a synthesized output folder (`cdktf.out` or a scratch folder): stack JSON, the stacks present,
 * and the whole app as a `SynthModel`. The compliance pack, the cost estimate, the harness, the demo, the bench and
 * the tests read synthesized files through here; the layout itself is `checks/synthesized/conventions.ts`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { STACKS_FOLDER, stackFile } from "./conventions";
import { SynthModel } from "./model";

/** One stack's Terraform JSON, parsed. */
export function readStack(out: string, stack: string): Record<string, any> {
  return JSON.parse(readFileSync(stackFile(out, stack), "utf8"));
}

/** The stacks of an output folder (its `stacks/<name>` folders holding a `cdk.tf.json`), sorted by name. */
export function stacksIn(out: string): string[] {
  const root = join(out, STACKS_FOLDER);
  return existsSync(root) ? readdirSync(root).filter((name) => existsSync(stackFile(out, name))).sort() : [];
}

/** Reads every synthesized stack of an output folder, in the given order (default: `stacksIn`). */
export function loadSynthesized(out: string, stackNames?: readonly string[]): SynthModel {
  return new SynthModel((stackNames ?? stacksIn(out)).map((name) => ({ name, json: readStack(out, name) })));
}
