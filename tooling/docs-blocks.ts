/**
 * The documentation tables that have a source in code, rendered from that source. Each table sits in a docs file
 * between two markers:
 *
 *   <!-- generated:NAME (npm run docs) -->
 *   ...
 *   <!-- end generated:NAME -->
 *
 * `npm run docs` rewrites every block (tooling/docs.ts); __tests__/docs/generated.test.ts fails when a block in the
 * repository differs from what the code renders, so no table is a hand copy that drifts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { z } from "zod";
import { ENDPOINT_CATALOGUE } from "../lib/domain/catalogue/endpoints";
import { KNOWN_GAPS } from "../checks/compliance/known-gaps";
import { RULES } from "../checks/compliance/registry";
import { featureEndpoints } from "../app/config/data-protection";
import { ConfigSchema } from "../app/config/schema";
import { EMULATOR_GAPS } from "./harness/emulator-gaps";

/** The repository root (this file is in tooling/, or bundled into .build/tooling/). */
export function repoRoot(from = __dirname): string {
  return from.includes(`${join(".build", "tooling")}`) ? join(from, "..", "..") : join(from, "..");
}

/** Markdown files that may hold generated blocks, relative to the repository root. */
export function docFiles(root: string): string[] {
  return ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ").trim();
const code = (text: string) => `\`${text}\``;
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");

function rulesTable(): string {
  return table(["rule", "standard ids", "applies to", "passes when"],
    [...RULES].sort((a, b) => a.id.localeCompare(b.id)).map((r) => [code(r.id), r.ids.join(", "), r.appliesTo.map(code).join(", "), r.title]));
}

function knownGapsTable(): string {
  const ids = (rule: string) => RULES.find((r) => r.id === rule)?.ids.join(", ") ?? "";
  return table(["rule", "resources", "why"], KNOWN_GAPS.map((g) => [`${code(g.rule)} (${ids(g.rule)})`, g.resource === "*" ? "every resource it applies to" : code(g.resource), g.reason]));
}

function emulatorGapsTable(): string {
  return table(["subject", "what moto 5.2.1 does", "handling"], EMULATOR_GAPS.map((g) => [
    code(g.subject.replace(/ \(.*\)$/, "")) + (/ \(.*\)$/.exec(g.subject)?.[0] ?? ""),
    g.reason,
    g.handling + (g.onlyFor ? ` (only what is attached to ${g.onlyFor})` : ""),
  ]));
}

function endpointsTable(): string {
  // Which feature switches an endpoint on, asked of the code that decides it (app/config/data-protection.ts).
  const everything = featureEndpoints({
    accountId: "123456789012", region: "eu-west-1", network: { interfaceEndpoints: {} },
    dataProtection: { administratorArns: [], planPrincipalArns: [], breakGlassArns: [], bucketsOnDestroy: "delete-if-empty", noncurrentVersionDays: 90 },
    packageMirror: { enabled: true }, projects: [{ name: "any", codeRepository: { type: "codecommit" } }],
  });
  const feature = (name: string) => everything.find((f) => f.endpoint === name)?.feature.replace(/\[\d+\]/, "[]");
  return table(["name", "service", "default", "endpoint policy", "$ per zone-month", "why it is there"], ENDPOINT_CATALOGUE.map((e) => [
    code(e.name), code(e.servicePattern), e.defaultOn ? "on" : feature(e.name) ? `off; on with ${code(feature(e.name)!)}` : "off",
    e.supportsPolicy ? (e.foreignResources ? "own-account principals" : "own-account principals and resources") : `none: ${e.noPolicyBecause}`, e.monthlyUsdPerAz.toFixed(2), e.why,
  ]));
}

// ---- the config reference: the zod schema as JSON Schema, described by the doc comments of config/*.ts ----

type JsonSchema = Record<string, any>;

/** Doc comments of the object literals in config/*.ts, keyed by the sorted list of their keys. */
function configComments(root: string): Map<string, Record<string, string>> {
  const byKeys = new Map<string, Record<string, string>>();
  const dir = join(root, "app", "config");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(join(dir, file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node) && ts.isCallExpression(node.parent) && /\.(strictObject|object)$/.test(node.parent.expression.getText(source))) {
        const comments: Record<string, string> = {};
        for (const p of node.properties) {
          if (!p.name) continue;
          const name = p.name.getText(source).replace(/^"|"$/g, "");
          const ranges = ts.getLeadingCommentRanges(text, p.getFullStart()) ?? [];
          const doc = ranges.map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith("/**")).pop();
          comments[name] = doc ? doc.replace(/^\/\*\*|\*\/$/g, "").split("\n").map((l) => l.replace(/^\s*\* ?/, "")).join(" ").replace(/\s+/g, " ").trim() : "";
        }
        // Two literals with the same keys (e.g. `{ type }`) cannot be told apart: neither describes the other's fields.
        const keys = Object.keys(comments).sort().join(",");
        byKeys.set(keys, byKeys.has(keys) ? {} : comments);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return byKeys;
}

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return code(JSON.stringify(s.const));
  if (s.enum) return s.enum.map((v: unknown) => code(JSON.stringify(v))).join(" | ");
  if (s.type === "array") return `list of ${s.items?.type === "object" ? "objects" : typeOf(s.items ?? {})}`;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object") return `map of ${typeOf(s.additionalProperties)}`;
  if (s.type === "integer" || s.type === "number") {
    const min = s.minimum !== undefined && s.minimum > -1e15 ? s.minimum : undefined;
    const max = s.maximum !== undefined && s.maximum < 1e15 ? s.maximum : undefined;
    return min !== undefined || max !== undefined ? `${s.type} ${min ?? ""}–${max ?? ""}` : s.type;
  }
  return s.type ?? "any";
}

function defaultOf(s: JsonSchema, doc: string): string {
  const fromDoc = /@default (.+)$/.exec(doc)?.[1];
  if (s.default === undefined) return fromDoc ?? "";
  if (s.type === "object" && !s.additionalProperties?.type) return fromDoc ?? "";
  if (Array.isArray(s.default) && s.default.length > 2) return fromDoc ?? "see below";
  return code(JSON.stringify(s.default));
}

function configRows(s: JsonSchema, path: string, comments: Map<string, Record<string, string>>, rows: string[][]): void {
  const branches: JsonSchema[] | undefined = s.oneOf ?? s.anyOf;
  if (branches) {
    for (const b of branches) {
      const tag = b.properties?.type?.const;
      configRows({ ...b, default: undefined }, tag ? `${path} (type ${tag})` : path, comments, rows);
    }
    return;
  }
  const object = s.type === "array" && s.items?.type === "object" ? s.items : s.type === "object" && s.properties ? s : undefined;
  if (!object) return;
  const prefix = s.type === "array" ? `${path}[]` : path;
  const docs = comments.get(Object.keys(object.properties).sort().join(",")) ?? {};
  for (const [key, child] of Object.entries<JsonSchema>(object.properties)) {
    const field = prefix ? `${prefix}.${key}` : key;
    const doc = docs[key] ?? "";
    const isRequired = (object.required ?? []).includes(key) && child.default === undefined;
    const nested = (child.type === "object" && child.properties) || (child.type === "array" && child.items?.type === "object") || child.oneOf || child.anyOf;
    rows.push([code(field), nested ? (child.type === "array" ? "list of objects" : "object") : typeOf(child), isRequired ? "required" : defaultOf(child, doc), doc.replace(/@default .+$/, "").trim()]);
    if (nested) configRows(child, field, comments, rows);
  }
}

function configTable(root: string): string {
  const schema = z.toJSONSchema(ConfigSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const rows: string[][] = [];
  configRows(schema, "", configComments(root), rows);
  return table(["field", "type", "default", "what it is"], rows);
}

/** Every generated block by name. */
export function renderBlocks(root = repoRoot()): Record<string, string> {
  return {
    "compliance-rules": rulesTable(),
    "known-gaps": knownGapsTable(),
    "emulator-gaps": emulatorGapsTable(),
    "endpoint-catalogue": endpointsTable(),
    "config-reference": configTable(root),
  };
}

const BLOCK = /<!-- generated:([a-z-]+) \(npm run docs\) -->\n[\s\S]*?<!-- end generated:\1 -->/g;

/** The text with every generated block replaced by its rendering; `names` are the blocks it holds. */
export function refresh(text: string, blocks: Record<string, string>): { text: string; names: string[] } {
  const names: string[] = [];
  const out = text.replace(BLOCK, (_, name: string) => {
    if (!(name in blocks)) throw new Error(`unknown generated block "${name}"; known: ${Object.keys(blocks).join(", ")}`);
    names.push(name);
    return `<!-- generated:${name} (npm run docs) -->\n${blocks[name]}\n<!-- end generated:${name} -->`;
  });
  return { text: out, names };
}
