/**
 * A CloudWatch Logs JSON filter-pattern matcher for tests: `{ <expression> }` where an expression is comparisons joined
 * by `&&` and `||` (`&&` binds tighter) and grouped with parentheses. A comparison is `$.a.b[0] = value`, `!=`, the
 * numeric `<`, `<=`, `>`, `>=`, `IS NULL`, `NOT EXISTS`, `IS TRUE`, `IS FALSE`. Values are double-quoted or bare;
 * `*` in a string value matches any run of characters. A selector that reaches no value fails every comparison
 * except NOT EXISTS (the patterns under test always compare fields CloudTrail records carry).
 * Reference: the CloudWatch Logs user guide, "Filter pattern syntax for JSON log events".
 */

type Node =
  | { readonly op: "&&" | "||"; readonly left: Node; readonly right: Node }
  | { readonly op: "cmp"; readonly path: readonly (string | number)[]; readonly cmp: string; readonly value?: string | number };

const TOKEN = /\s*(\$(?:\.[A-Za-z0-9_-]+|\[\d+\])+|"(?:[^"\\]|\\.)*"|&&|\|\||!=|<=|>=|[=<>(){}]|NOT\s+EXISTS\b|IS\s+(?:NULL|TRUE|FALSE)\b|[^\s(){}&|!=<>"]+)/y;

function tokenize(pattern: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < pattern.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(pattern);
    if (!m) {
      if (pattern.slice(at).trim() === "") break;
      throw new Error(`filter pattern: cannot read "${pattern.slice(at, at + 20)}"`);
    }
    out.push(m[1].replace(/\s+/g, " "));
  }
  return out;
}

/** Parses a JSON filter pattern; throws on anything it does not understand (so a typo in a pattern fails its test). */
export function parseFilterPattern(pattern: string): Node {
  const t = tokenize(pattern);
  let i = 0;
  const next = (): string => {
    if (i >= t.length) throw new Error(`filter pattern: unexpected end of ${pattern}`);
    return t[i++];
  };
  const expect = (s: string) => {
    const got = next();
    if (got !== s) throw new Error(`filter pattern: expected ${s}, got ${got} in ${pattern}`);
  };
  const or = (): Node => {
    let left = and();
    while (t[i] === "||") { i++; left = { op: "||", left, right: and() }; }
    return left;
  };
  const and = (): Node => {
    let left = term();
    while (t[i] === "&&") { i++; left = { op: "&&", left, right: term() }; }
    return left;
  };
  const term = (): Node => {
    if (t[i] === "(") { i++; const n = or(); expect(")"); return n; }
    const sel = next();
    if (!sel.startsWith("$")) throw new Error(`filter pattern: expected a selector, got ${sel} in ${pattern}`);
    const path = [...sel.slice(1).matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
    const cmp = next();
    if (["NOT EXISTS", "IS NULL", "IS TRUE", "IS FALSE"].includes(cmp)) return { op: "cmp", path, cmp };
    if (!["=", "!=", "<", "<=", ">", ">="].includes(cmp)) throw new Error(`filter pattern: unknown operator ${cmp} in ${pattern}`);
    const raw = next();
    const value = raw.startsWith("\"") ? JSON.parse(raw) as string : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    return { op: "cmp", path, cmp, value };
  };
  expect("{");
  const root = or();
  expect("}");
  if (i !== t.length) throw new Error(`filter pattern: trailing ${t.slice(i).join(" ")} in ${pattern}`);
  return root;
}

const MISSING = Symbol("missing");

function select(event: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = event;
  for (const p of path) {
    if (v === null || typeof v !== "object" || !(p in (v as object))) return MISSING;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function glob(value: string): RegExp {
  return new RegExp(`^${value.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

function evaluate(n: Node, event: unknown): boolean {
  if (n.op !== "cmp") return n.op === "&&" ? evaluate(n.left, event) && evaluate(n.right, event) : evaluate(n.left, event) || evaluate(n.right, event);
  const v = select(event, n.path);
  switch (n.cmp) {
    case "NOT EXISTS": return v === MISSING;
    case "IS NULL": return v === null;
    case "IS TRUE": return v === true;
    case "IS FALSE": return v === false;
  }
  if (v === MISSING || v === null || typeof v === "object") return false;
  if (typeof n.value === "number") {
    const x = Number(v);
    if (Number.isNaN(x)) return false;
    const results: Record<string, boolean> = { "=": x === n.value, "!=": x !== n.value, "<": x < n.value, "<=": x <= n.value, ">": x > n.value, ">=": x >= n.value };
    return results[n.cmp];
  }
  const equal = glob(String(n.value)).test(String(v));
  if (n.cmp === "=") return equal;
  if (n.cmp === "!=") return !equal;
  throw new Error(`filter pattern: ${n.cmp} needs a number, got ${String(n.value)}`);
}

/** Whether CloudWatch Logs would count `event` (a CloudTrail record as the trail writes it to the log group). */
export function filterMatches(pattern: string, event: unknown): boolean {
  return evaluate(parseFilterPattern(pattern), event);
}
