/**
 * Where the report commands write: a report file is written only where nothing is, or over a report of the same kind
 * this app wrote before (recognised by its content); never over the config, a source file, a link to one, a special
 * file or anything else. A report folder must be a normal folder (not under /proc, /sys or /dev); missing folders are
 * made one level at a time, so nothing hangs on a virtual file system.
 */
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { makeFolders } from "../output-folder";
import { CommandError } from "./args";

/** A previous report larger than this is not read to recognise it (the largest compliance.json is a few MB). */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;
const VIRTUAL = /^\/(proc|sys|dev)(\/|$)/;

/** The real path of `p` or of its nearest existing ancestor with the rest appended. */
function real(p: string): string {
  const abs = resolve(p);
  let d = abs;
  while (!existsSync(d)) d = resolve(d, "..");
  return realpathSync(d) + abs.slice(d.length);
}

/** Makes `dir` (named by `flag`) when missing; refuses a path that is not a normal folder. */
export function reportFolder(flag: string, dir: string): void {
  if (VIRTUAL.test(real(dir))) throw new CommandError(`${flag} ${dir} is on a virtual file system (${real(dir).split("/").slice(0, 2).join("/")}); give a normal folder, e.g. ${flag} reports`);
  try {
    makeFolders(resolve(dir));
  } catch (e) {
    throw new CommandError(`${flag} ${dir}: cannot create it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give a folder you can write, e.g. ${flag} reports`);
  }
  if (!statSync(dir).isDirectory()) throw new CommandError(`${flag} ${dir} is not a folder; give a folder, e.g. ${flag} reports`);
}

/**
 * Writes `text` to `path` when nothing is there or `isReport` recognises the JSON there as an earlier report of the
 * same kind (`what`); else throws CommandError naming the file, with nothing written.
 */
export function writeReport(flag: string, path: string, text: string, what: string, isReport: (value: any) => boolean): void {
  if (VIRTUAL.test(real(path))) throw new CommandError(`${flag} ${path} is on a virtual file system; give a normal file, e.g. ${flag} reports/${what.split(" ")[0]}.json`);
  let st;
  try {
    st = statSync(path);
  } catch {
    st = undefined;
  }
  if (st) {
    const refuse = (why: string) => new CommandError(`${flag} ${path} ${why}; this command only replaces a ${what} it wrote: choose another file, or delete it first`);
    if (!st.isFile()) throw refuse("exists and is not a file");
    if (st.size > MAX_REPORT_BYTES) throw refuse(`exists (${st.size} bytes) and is not a ${what}`);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, "utf8"));
    } catch {
      throw refuse(`exists and is not a ${what}`);
    }
    if (!isReport(value)) throw refuse(`exists and is not a ${what}`);
  }
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new CommandError(`${flag} ${path}: cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); choose another file`);
  }
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);
/** `npm run cost -- --json`: `{ environments: [...], prices: { asOf, currency, source } }` and nothing else. */
export const isCostReport = (v: unknown) => isObject(v) && Object.keys(v).sort().join() === "environments,prices" && Array.isArray(v.environments) && isObject(v.prices) && typeof v.prices.asOf === "string";
/** `npm run check`'s compliance.json. */
export const isComplianceReport = (v: unknown) => isObject(v) && typeof v.mode === "string" && isObject(v.counts) && Array.isArray(v.rules) && Array.isArray(v.findings);
/** `npm run check`'s compliance.sarif (its tool is sds-compliance). */
export const isComplianceSarif = (v: unknown) => isObject(v) && v.version === "2.1.0" && Array.isArray(v.runs) && v.runs[0]?.tool?.driver?.name === "sds-compliance";
