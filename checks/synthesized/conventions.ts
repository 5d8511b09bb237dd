/**
 * How cdktf 0.21 lays out a synthesized app, in one place: the files of an output folder and the names it gives the
 * blocks that carry cross-stack references. Pure (no file access): `checks/synthesized/read.ts` reads the files, `checks/synthesized/model.ts`
 * resolves references with these names. Nothing else in the app spells them out.
 *
 *   <out>/manifest.json                      the stacks synthesized (name → folder, dependencies)
 *   <out>/stacks/<stack>/cdk.tf.json         one stack's Terraform JSON
 *   data.terraform_remote_state.cross-stack-reference-input-<producer>        a consumer's read of a producer's state
 *   output.cross-stack-output-<type><construct-id><attribute>                 what a producer publishes for it
 */
import { join } from "node:path";

/** The manifest of an output folder. */
export const MANIFEST_FILE = "manifest.json";
/** Folder of the stacks inside an output folder. */
export const STACKS_FOLDER = "stacks";
/** Terraform JSON of one stack, inside its folder. */
export const STACK_FILE = "cdk.tf.json";
/** Name prefix of the `terraform_remote_state` data source a consumer reads a producer's outputs through. */
export const REMOTE_STATE_PREFIX = "cross-stack-reference-input-";
/** Name prefix of the outputs a producer publishes for its consumers. */
export const CROSS_STACK_OUTPUT_PREFIX = "cross-stack-output-";

/** Folder of a stack inside an output folder: `<out>/stacks/<stack>`. */
export function stackFolder(out: string, stack: string): string {
  return join(out, STACKS_FOLDER, stack);
}

/** Path of a stack's Terraform JSON: `<out>/stacks/<stack>/cdk.tf.json`. */
export function stackFile(out: string, stack: string): string {
  return join(stackFolder(out, stack), STACK_FILE);
}

/** One cross-stack read: the consumer's `terraform_remote_state` block and the producer stack it reads. */
export interface RemoteStateRead {
  /** Name of the `data.terraform_remote_state` block in the consumer. */
  readonly source: string;
  /** The stack whose state it reads. */
  readonly producer: string;
  /** The producer's outputs the consumer refers to (`...outputs.<name>`), sorted. */
  readonly outputs: readonly string[];
}

/** The producer a `terraform_remote_state` block name reads, or undefined when it is not a cdktf cross-stack read. */
export function producerOf(source: string): string | undefined {
  return source.startsWith(REMOTE_STATE_PREFIX) ? source.slice(REMOTE_STATE_PREFIX.length) : undefined;
}

/**
 * Every cross-stack read of a stack's JSON, with the outputs it uses. A `terraform_remote_state` that cdktf did not
 * write (no `cross-stack-reference-input-` prefix) is an error: the harness would not know whose state it reads.
 */
export function remoteStateReads(stack: Record<string, any>): RemoteStateRead[] {
  const sources = Object.keys(stack.data?.terraform_remote_state ?? {});
  if (sources.length === 0) return [];
  const text = JSON.stringify(stack);
  return sources.map((source) => {
    const producer = producerOf(source);
    if (!producer) throw new Error(`terraform_remote_state "${source}" is not a cdktf cross-stack reference (${REMOTE_STATE_PREFIX}<stack>)`);
    const outputs = new Set<string>();
    const marker = `data.terraform_remote_state.${source}.outputs.`;
    for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + marker.length)) {
      const name = /^[\w-]+/.exec(text.slice(i + marker.length))?.[0];
      if (name) outputs.add(name);
    }
    return { source, producer, outputs: [...outputs].sort() };
  });
}
