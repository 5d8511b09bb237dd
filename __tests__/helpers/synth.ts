/** Test helpers: synthesize a config into a fresh folder and read stacks back. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import type { Config, ConfigInput } from "../../app/config/schema";
import { buildApp } from "../../app/app";
import type { SynthModel } from "../../checks/synthesized/model";
import { loadSynthesized, readStack } from "../../checks/synthesized/read";

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `sds-${label}-`));
}

/** The default config with changes applied to its first environment. */
export function configWith(envChanges: Record<string, unknown> = {}, top: Partial<ConfigInput> = {}): Config {
  const base = structuredClone(DEFAULT_CONFIG) as any;
  base.environments[0] = { ...base.environments[0], ...envChanges };
  return validateConfig({ ...base, ...top });
}

export interface Synthesized {
  readonly outdir: string;
  readonly stackNames: string[];
  stack(name: string): Record<string, any>;
  /** Every stack of the synth, as the model the compliance pack and the harness read (read once, on first use). */
  app(): SynthModel;
}

export function synthConfig(config: Config, label = "synth"): Synthesized {
  const outdir = tempDir(label);
  const { app, stackNames } = buildApp(config, outdir);
  app.synth();
  let model: SynthModel | undefined;
  return { outdir, stackNames, stack: (name) => readStack(outdir, name), app: () => (model ??= loadSynthesized(outdir, stackNames)) };
}

/** All resources of a type in a synthesized stack, as [logical id, attributes]. */
export function resources(stack: Record<string, any>, type: string): [string, Record<string, any>][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

/**
 * Whether a synthesized `aws_cloudtrail` records an S3 object's data events, evaluated as CloudTrail matches its
 * advanced selectors' resources.ARN condition: some StartsWith value is a prefix and no NotStartsWith value is.
 */
export function trailRecordsObject(trail: Record<string, any>, objectArn: string): boolean {
  return (trail.advanced_event_selector as Record<string, any>[]).some((selector) => {
    const arn = (selector.field_selector as Record<string, any>[]).find((f) => f.field === "resources.ARN");
    const starts: string[] = arn?.starts_with ?? [];
    const notStarts: string[] = arn?.not_starts_with ?? [];
    return starts.some((p) => objectArn.startsWith(p)) && !notStarts.some((p) => objectArn.startsWith(p));
  });
}

/**
 * The script of a lifecycle configuration as synthesized: plain base64, or Terraform's `${base64encode("...")}` when
 * the script holds references (those stay as `${...}` in the returned text).
 */
export function lifecycleScript(value: string): string {
  const m = /^\$\{base64encode\(("[\s\S]*")\)\}$/.exec(value);
  return m ? JSON.parse(m[1]) : Buffer.from(value, "base64").toString("utf8");
}
