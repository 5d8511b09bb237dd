/**
 * Turning a config file's bytes into a plain object, refusing what JSON and YAML would otherwise accept silently:
 * UTF-16 files (said so), duplicate keys (JSON keeps the last one; YAML refuses them, and so do we for both),
 * YAML tags beyond the plain types (`!foo`, `!!binary`, `!!set`: no config value is one), `.inf`/`.nan`, and
 * documents nested deeper than any config (a stack overflow otherwise). A UTF-8 byte order mark is accepted.
 * Returns the object or the problems, each `<path>: <what is wrong>`; never throws on any input.
 */
/** At most `max` characters of a value a user typed, for messages. */
export function clip(value: string, max = 200): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max).join("")}... (${chars.length} characters)`;
}

/**
 * The first candidate that passes `valid`, for a message's "e.g."; undefined when none does (then the message names
 * no example rather than one that would itself be refused).
 */
export function suggest(candidates: readonly string[], valid: (candidate: string) => boolean): string | undefined {
  return candidates.find((c) => c.length > 0 && valid(c));
}

/** No config is nested deeper than this (environments[0].projects[0].notebooks[0].name is 7 levels). */
export const MAX_DEPTH = 32;
/** The YAML tags whose values a config can hold. */
const PLAIN_TAGS = new Set(["tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
  "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"]);

export type Parsed = { readonly value: unknown } | { readonly problems: string[] };

/** Decodes the file's bytes as UTF-8 (dropping a byte order mark); UTF-16 and UTF-32 are refused with the fix. */
export function decode(bytes: Buffer): string | { problems: string[] } {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
    || (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0));
  if (utf16) return { problems: ["the file is UTF-16 (or UTF-32) encoded; save it as UTF-8"] };
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const pathOf = (path: readonly (string | number)[]) =>
  path.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${clip(k, 100)}` : clip(k, 100)), "") || "(top level)";

/** Walks a parsed value without recursion: refuses documents nested deeper than MAX_DEPTH and non-finite numbers. */
function checkValue(value: unknown): string[] {
  const problems: string[] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) return [`${pathOf(path.slice(0, 4))}...: the document is nested more than ${MAX_DEPTH} levels deep; no config field is`];
    if (typeof v === "number" && !Number.isFinite(v)) problems.push(`${pathOf(path)}: ${Number.isNaN(v) ? ".nan" : ".inf"} is not a number a config accepts; write a finite number`);
    else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        // Validation would drop it silently (assigning __proto__ sets a prototype): refuse it instead.
        if (k === "__proto__") problems.push(`${pathOf([...path, k])}: "__proto__" is not a key a config can use; remove it`);
        else stack.push({ v: x, path: [...path, k] });
      }
    }
  }
  return problems;
}

/**
 * Duplicate keys in a JSON text that JSON.parse accepted (it keeps the last one silently). A scan over the
 * tokens, keeping the path for the message; no recursion.
 */
function jsonDuplicateKeys(text: string): string[] {
  const problems: string[] = [];
  type Frame = { keys?: Set<string>; expectKey: boolean; path: (string | number)[]; index: number; key?: string };
  const stack: Frame[] = [];
  const childPath = (f: Frame | undefined): (string | number)[] => (!f ? [] : f.keys ? [...f.path, f.key ?? ""] : [...f.path, f.index]);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "[") {
      const path = childPath(stack[stack.length - 1]);
      if (stack.length > MAX_DEPTH) return problems; // checkValue reports the depth
      stack.push(c === "{" ? { keys: new Set(), expectKey: true, path, index: 0 } : { expectKey: false, path, index: 0 });
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.index++;
    } else if (c === "\"") {
      let j = i + 1;
      while (text[j] !== "\"") j += text[j] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) problems.push(`${pathOf([...top.path, key])}: the key "${clip(key, 100)}" appears twice in the same object; JSON would keep only the last one, so remove one`);
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = j;
    }
  }
  return problems;
}

/** An empty file (or one of only comments and blank lines): said so, with what a config needs. */
const EMPTY = "the file is empty (or holds only comments); a config needs at least an environments list: copy one from examples/ or leave out --config for the embedded default";

export function parseJson(text: string): Parsed {
  if (text.trim() === "") return { problems: [EMPTY] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { problems: [`not valid JSON: ${clip(String((e as Error).message).split("\n")[0])}`] };
  }
  const problems = [...checkValue(value), ...jsonDuplicateKeys(text)];
  return problems.length > 0 ? { problems } : { value };
}

export function parseYaml(text: string): Parsed {
  const YAML = require("yaml") as typeof import("yaml"); // loaded only for YAML files: it costs ~30 ms of every synth
  try {
    const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    const first = [...doc.errors, ...doc.warnings][0];
    if (first) {
      const line = first.pos ? text.slice(0, first.pos[0]).split("\n").length : undefined;
      const where = line ? ` (line ${line})` : "";
      if (first.code === "MULTIPLE_DOCS") {
        const count = YAML.parseAllDocuments(text).length;
        return { problems: [`not valid as a config: the file holds ${count > 1 ? count : "several"} YAML documents (separated by ---)${where}; a config is one document: keep one, or put each in its own file`] };
      }
      if (first.code === "DUPLICATE_KEY") return { problems: [`not valid YAML: a key appears twice in the same mapping${where}; remove one`] };
      if (first.code === "TAG_RESOLVE_FAILED") return { problems: [`not valid YAML: ${clip(first.message.split(" at line")[0].replace(/^Unresolved tag: /, "the unknown tag "), 100)}${where} is not allowed; config values are plain strings, numbers, booleans, lists and mappings`] };
      return { problems: [`not valid YAML${where}: ${clip(first.message.split("\n")[0])}`] };
    }
    const tags: string[] = [];
    YAML.visit(doc, (_, node) => {
      const tag = (node as { tag?: string } | null)?.tag;
      if (tag && !PLAIN_TAGS.has(tag)) {
        const pos = (node as { range?: [number, number, number] } | null)?.range;
        const line = pos ? text.slice(0, pos[0]).split("\n").length : undefined;
        tags.push(`the tag ${clip(tag, 60)}${line ? ` on line ${line}` : ""} is not allowed; config values are plain strings, numbers, booleans, lists and mappings`);
        return YAML.visit.BREAK;
      }
      return undefined;
    });
    if (tags.length > 0) return { problems: tags.map((t) => `not valid YAML: ${t}`) };
    const merges: string[] = [];
    YAML.visit(doc, {
      Pair(_, pair) {
        const key = pair.key as { value?: unknown; range?: [number, number, number] } | null;
        if (key?.value !== "<<") return undefined;
        const line = key.range ? text.slice(0, key.range[0]).split("\n").length : undefined;
        merges.push(`not valid as a config: a YAML merge key (<<)${line ? ` on line ${line}` : ""} is not supported (YAML 1.2 reads it as a field named "<<"); write the fields out in full`);
        return YAML.visit.BREAK;
      },
    });
    if (merges.length > 0) return { problems: merges };
    if (doc.contents === null) return { problems: [EMPTY] };
    const value = doc.toJS({ maxAliasCount: 100 });
    const problems = checkValue(value);
    return problems.length > 0 ? { problems } : { value };
  } catch (e) {
    if (e instanceof RangeError) return { problems: [`not valid YAML: the document is nested too deeply (more than ${MAX_DEPTH} levels is never a config)`] };
    return { problems: [`not valid YAML: ${clip(String((e as Error).message).split("\n")[0])}`] };
  }
}
