/** Test helpers for the command line: run `main` in-process capturing its output, and fingerprint a folder. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { main } from "../../app/cli/main";

/** Every file and folder under `dir`, with a hash of each file's bytes. */
export function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        entries[`${relative(dir, p)}/`] = "dir";
        walk(p);
      } else entries[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return entries;
}

/** Runs the command line in-process; `stderr` holds everything it wrote (stderr and stdout). */
export function run(...args: string[]): { code: number; stderr: string } {
  let stderr = "";
  const capture = (chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  };
  const err = jest.spyOn(process.stderr, "write").mockImplementation(capture);
  const out = jest.spyOn(process.stdout, "write").mockImplementation(capture);
  try {
    return { code: main(args), stderr };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

/**
 * A previous output folder for a bad-input suite: before all tests, the environment is cleared of the app's
 * variables, `main` synthesizes the default config into `out`, `plant` adds what a user's folder holds (Terraform's
 * files), and `before()` is the folder's snapshot then; after all tests the environment is restored.
 */
export function previousOutput(work: string, plant: (out: string) => void): { out: string; before: () => Record<string, string> } {
  const out = join(work, "cdktf.out");
  const saved = { ...process.env };
  let taken: Record<string, string> = {};
  beforeAll(() => {
    process.env.SDS_CONFIG = "";
    process.env.CDKTF_OUTDIR = "";
    delete process.env.SDS_DEBUG;
    expect(run("--out", out).code).toBe(0);
    plant(out);
    taken = snapshot(out);
  });
  afterAll(() => {
    process.env = saved;
  });
  return { out, before: () => taken };
}
