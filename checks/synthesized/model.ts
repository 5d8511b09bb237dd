/**
 * The synthesized app as the compliance rules, the cost estimate and the harness see it: every resource of every stack, with its Terraform address,
 * its construct path and its attributes exactly as written to `cdk.tf.json` (snake_case, `${...}` references).
 * References are resolved here, including cdktf's cross-stack references (`data.terraform_remote_state` outputs), so
 * that rules can ask "which aws_s3_bucket_versioning belongs to this bucket?" or "is this kms_key_id a key of ours?".
 * Pure: built from parsed JSON; the files are read by `checks/synthesized/read.ts` (`loadSynthesized`), cdktf's naming is
 * `checks/synthesized/conventions.ts`.
 */
import { producerOf } from "./conventions";

export type Attrs = Record<string, unknown>;

export interface SynthResource {
  readonly stack: string;
  /** Terraform type, e.g. "aws_s3_bucket". */
  readonly type: string;
  /** Logical id inside the stack. */
  readonly name: string;
  /** `<stack>/<type>.<name>`: unique in the app. */
  readonly address: string;
  /** `<stack>/<construct>/<path>` from cdktf's metadata (stable and readable), or the address. */
  readonly path: string;
  readonly attrs: Attrs;
}

export interface StackJson {
  readonly name: string;
  readonly json: Record<string, any>;
}

/** `type.name` of a managed resource, or `data.type.name`, as written inside `${...}`. */
const REF = /(?<![\w.-])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)/g;

/**
 * Every lookup a rule makes is answered from an index built once (by type, by stack and type, and per
 * `attachedTo(type, attr)` pair the targets each resource's attribute refers to), so checking an app grows
 * linearly with its resources: a scan of every resource of a type for every bucket made 500 projects take 20 s.
 */
export class SynthModel {
  readonly resources: readonly SynthResource[];
  private readonly byKey = new Map<string, SynthResource>();
  private readonly byType = new Map<string, SynthResource[]>();
  private readonly byStackType = new Map<string, SynthResource[]>();
  private readonly stackJson = new Map<string, Record<string, any>>();
  private readonly outputs = new Map<string, Record<string, any>>();
  private readonly position = new Map<SynthResource, number>();
  private readonly attachments = new Map<string, AttachmentIndex>();

  constructor(readonly stacks: readonly StackJson[]) {
    const all: SynthResource[] = [];
    for (const { name: stack, json } of stacks) {
      this.stackJson.set(stack, json);
      this.outputs.set(stack, json.output ?? {});
      for (const [type, byName] of Object.entries<Record<string, Attrs>>(json.resource ?? {})) {
        for (const [name, attrs] of Object.entries(byName)) {
          const path = (attrs["//"] as any)?.metadata?.path;
          const r: SynthResource = { stack, type, name, address: `${stack}/${type}.${name}`, path: typeof path === "string" ? path : `${stack}/${type}.${name}`, attrs };
          this.position.set(r, all.length);
          all.push(r);
          this.byKey.set(r.address, r);
          push(this.byType, type, r);
          push(this.byStackType, `${stack}/${type}`, r);
        }
      }
    }
    this.resources = all;
  }

  /** Resources of the given types, in stack order. */
  ofType(...types: string[]): SynthResource[] {
    if (types.length === 1) return [...(this.byType.get(types[0]) ?? [])];
    return this.inOrder(types.flatMap((t) => this.byType.get(t) ?? []));
  }

  /** Resources of the given type in one stack. */
  inStack(stack: string, type: string): SynthResource[] {
    return [...(this.byStackType.get(`${stack}/${type}`) ?? [])];
  }

  /** The synthesized JSON of a stack (its `data`, `output`, ... blocks). */
  stack(name: string): Record<string, any> | undefined {
    return this.stackJson.get(name);
  }

  /**
   * The resources a value refers to (in `${...}` expressions, anywhere inside strings, arrays and objects), seen from
   * `stack`. Cross-stack references are followed through the producing stack's output to the resource behind it.
   */
  referenced(stack: string, value: unknown, depth = 0): SynthResource[] {
    const found: SynthResource[] = [];
    for (const s of strings(value)) {
      for (const expr of interpolations(s)) {
        for (const m of expr.matchAll(REF)) {
          const [, data, type, name] = m;
          const producer = data && type === "terraform_remote_state" ? producerOf(name) : undefined;
          if (producer && depth < 5) {
            const out = /\.outputs\.([\w-]+)/.exec(expr.slice(m.index))?.[1];
            const output = out ? this.outputs.get(producer)?.[out] : undefined;
            if (output) found.push(...this.referenced(producer, output.value, depth + 1));
          } else if (!data) {
            const r = this.byKey.get(`${stack}/${type}.${name}`);
            if (r) found.push(r);
          }
        }
      }
    }
    return unique(found);
  }

  /** The first resource of `type` that `value` refers to, if any. */
  resolve(stack: string, value: unknown, type: string): SynthResource | undefined {
    return this.referenced(stack, value).find((r) => r.type === type);
  }

  /**
   * The resource and attribute behind a stack's output (`${aws_kms_key.k.arn}` → the key, "arn"), following
   * cross-stack reads; undefined when the output is not a reference to a resource of the app.
   */
  outputSource(stack: string, output: string, depth = 0): { resource: SynthResource; attribute?: string } | undefined {
    for (const s of strings(this.outputs.get(stack)?.[output]?.value)) {
      for (const expr of interpolations(s)) {
        for (const m of expr.matchAll(REF)) {
          const [, data, type, name] = m;
          const rest = expr.slice(m.index + m[0].length);
          const producer = data && type === "terraform_remote_state" ? producerOf(name) : undefined;
          const next = /^\.outputs\.([\w-]+)/.exec(rest)?.[1];
          const found = producer && next && depth < 5 ? this.outputSource(producer, next, depth + 1)
            : !data && this.byKey.has(`${stack}/${type}.${name}`) ? { resource: this.byKey.get(`${stack}/${type}.${name}`)!, attribute: /^\.([\w-]+)/.exec(rest)?.[1] }
            : undefined;
          if (found) return found;
        }
      }
    }
    return undefined;
  }

  /**
   * Resources of `type` whose attribute `attr` points at `target`: by reference (`${aws_s3_bucket.x.id}`), or by the
   * literal value of the target's `literalAttr` (e.g. a bucket name written out), in any stack.
   */
  attachedTo(target: SynthResource, type: string, attr: string, literalAttr?: string): SynthResource[] {
    const index = this.attachmentIndex(type, attr);
    const literal = literalAttr ? target.attrs[literalAttr] : undefined;
    const byReference = index.byTarget.get(target) ?? [];
    const byLiteral = literal !== undefined && !isToken(literal) ? (index.byLiteral.get(literal) ?? []) : [];
    return byLiteral.length === 0 ? [...byReference] : this.inOrder(unique([...byReference, ...byLiteral]));
  }

  /** Built on first use: for each resource of `type`, the targets its `attr` refers to, and its literal value. */
  private attachmentIndex(type: string, attr: string): AttachmentIndex {
    const key = `${type}.${attr}`;
    let index = this.attachments.get(key);
    if (index) return index;
    index = { byTarget: new Map(), byLiteral: new Map() };
    for (const r of this.byType.get(type) ?? []) {
      const v = r.attrs[attr];
      if (v !== undefined && !isToken(v) && (typeof v !== "object" || v === null)) push(index.byLiteral, v, r);
      for (const target of this.referenced(r.stack, v)) push(index.byTarget, target, r);
    }
    this.attachments.set(key, index);
    return index;
  }

  private inOrder(rs: SynthResource[]): SynthResource[] {
    return rs.sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }
}

interface AttachmentIndex {
  /** Resources whose attribute refers to the key (resources of the app). */
  readonly byTarget: Map<SynthResource, SynthResource[]>;
  /** Resources whose attribute is the key, a literal (not an expression). */
  readonly byLiteral: Map<unknown, SynthResource[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** True when a string contains a Terraform expression. */
export function isToken(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** The bodies of the `${...}` expressions in a string (nested braces balanced). */
export function interpolations(s: string): string[] {
  const out: string[] = [];
  for (let i = s.indexOf("${"); i !== -1; i = s.indexOf("${", i + 2)) {
    if (i > 0 && s[i - 1] === "$") continue; // `$${` is a literal `${`
    let depth = 0;
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === "{") depth++;
      else if (s[j] === "}" && --depth === 0) {
        out.push(s.slice(i + 2, j));
        break;
      }
    }
  }
  return out;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/**
 * A nested block as one object: Terraform JSON accepts a block as an object or as a list of objects; cdktf writes
 * either. Returns the first (or only) one.
 */
export function block(value: unknown): Attrs | undefined {
  if (Array.isArray(value)) return value.find((v) => v && typeof v === "object") as Attrs | undefined;
  return value && typeof value === "object" ? (value as Attrs) : undefined;
}

/** Every object of a repeatable block (`ingress`, `rule`, `event_selector`, ...). */
export function blocks(value: unknown): Attrs[] {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === "object") as Attrs[];
  return value && typeof value === "object" ? [value as Attrs] : [];
}

/** True for `true` and `"true"` (Terraform JSON accepts both). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}
