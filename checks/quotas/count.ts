/**
 * What each AWS account and Region will hold once every stack of the config is applied, counted from the
 * synthesized app (so the count cannot drift from what Terraform will create) and summed over every environment and
 * project that share the account or Region, against the quotas of checks/quotas/table.ts. A hard limit refuses the
 * config (ConfigError: exit 1, nothing written); an adjustable quota above its default is one warning line.
 * Only what this config creates is counted: resources already in the account use the same quotas.
 */
import { Quota, QuotaId, QUOTAS } from "./table";
/** What the count reads of the config (the app's `Config` is one): each environment's name, account and Region. */
type EnvironmentConfig = { readonly name: string; readonly accountId: string; readonly region: string };
type Config = { readonly environments: readonly EnvironmentConfig[] };
import type { SynthModel, SynthResource } from "../synthesized/model";
import { blocks, isTrue } from "../synthesized/model";

export interface QuotaUsage {
  readonly id: QuotaId;
  readonly quota: Quota;
  /** Where the count applies, in words: "account 123456789012", "account 123456789012 eu-west-1", "trail ...". */
  readonly where: string;
  readonly account: string;
  /** The Region of a per-Region (or per-trail, per-VPC) count. */
  readonly region?: string;
  readonly count: number;
  /** Indexes (in config.environments) of the environments whose stacks hold what is counted, in config order. */
  readonly environments: readonly number[];
}

export interface QuotaReport {
  /** One entry per quota and place where this config creates anything that counts against it. */
  readonly usages: readonly QuotaUsage[];
}

/** Values of one synthesized field selector, in every operator Terraform writes. */
const SELECTOR_OPERATORS = ["equals", "not_equals", "starts_with", "not_starts_with", "ends_with", "not_ends_with"];

/** Values across all conditions of all advanced event selectors of a synthesized `aws_cloudtrail`. */
export function trailSelectorValues(trail: SynthResource): number {
  return blocks(trail.attrs.advanced_event_selector).reduce((n, sel) =>
    n + blocks(sel.field_selector).reduce((m, f) => m + SELECTOR_OPERATORS.reduce((k, op) => k + (Array.isArray(f[op]) ? (f[op] as unknown[]).length : 0), 0), 0), 0);
}

/** Counts the synthesized app against every quota of the table. */
export function countQuotas(config: Config, app: SynthModel): QuotaReport {
  const envIndex = new Map<string, number>();
  const environmentOf = (stack: string): number => {
    let i = envIndex.get(stack);
    if (i === undefined) {
      // Every stack name starts with `<environment>-`, and no environment name is another's followed by "-" (schema).
      i = config.environments.findIndex((e) => stack.startsWith(`${e.name}-`));
      envIndex.set(stack, i);
    }
    return i;
  };
  const env = (r: SynthResource): EnvironmentConfig | undefined => config.environments[environmentOf(r.stack)];
  const usages: QuotaUsage[] = [];
  const add = (id: QuotaId, where: string, account: string, region: string | undefined, rs: readonly SynthResource[], count = rs.length) => {
    usages.push({ id, quota: QUOTAS[id], where, account, region, count, environments: [...new Set(rs.map((r) => environmentOf(r.stack)))].sort((a, b) => a - b) });
  };
  const groupBy = <K>(rs: readonly SynthResource[], key: (r: SynthResource) => K): Map<K, SynthResource[]> => {
    const out = new Map<K, SynthResource[]>();
    for (const r of rs) {
      const k = key(r);
      const list = out.get(k);
      if (list) list.push(r);
      else out.set(k, [r]);
    }
    return out;
  };

  for (const id of Object.keys(QUOTAS) as QuotaId[]) {
    const quota: Quota = QUOTAS[id];
    const counted = app.ofType(...quota.counts).filter((r) => env(r) !== undefined);
    if (id === "trails") {
      // A multi-region trail exists in every Region of its account: it counts against each Region's quota.
      for (const [account, trails] of groupBy(counted, (r) => env(r)!.accountId)) {
        const multi = trails.filter((t) => isTrue(t.attrs.is_multi_region_trail));
        for (const [region, single] of groupBy(trails.filter((t) => !multi.includes(t)), (r) => env(r)!.region)) {
          add(id, `account ${account} ${region}`, account, region, [...multi, ...single]);
        }
        if (multi.length === trails.length) add(id, `account ${account} (multi-region trails: every Region)`, account, undefined, multi);
      }
    } else if (quota.scope === "trail") {
      for (const trail of counted) {
        const e = env(trail)!;
        add(id, `trail ${String(trail.attrs.name ?? trail.name)} (${trail.stack})`, e.accountId, e.region, [trail], trailSelectorValues(trail));
      }
    } else if (quota.scope === "vpc") {
      const interfaces = counted.filter((r) => r.attrs.vpc_endpoint_type === "Interface");
      for (const [vpc, endpoints] of groupBy(interfaces, (r) => app.resolve(r.stack, r.attrs.vpc_id, "aws_vpc")?.address ?? String(r.attrs.vpc_id))) {
        const e = env(endpoints[0])!;
        add(id, `VPC ${vpc}`, e.accountId, e.region, endpoints);
      }
    } else if (quota.scope === "region") {
      for (const [key, rs] of groupBy(counted, (r) => `${env(r)!.accountId} ${env(r)!.region}`)) {
        const [account, region] = key.split(" ");
        add(id, `account ${account} ${region}`, account, region, rs);
      }
    } else {
      for (const [account, rs] of groupBy(counted, (r) => env(r)!.accountId)) add(id, `account ${account} (all Regions)`, account, undefined, rs);
    }
  }
  return { usages };
}

/** Usages above a hard limit: the config must change. */
export function quotaErrors(report: QuotaReport): QuotaUsage[] {
  return report.usages.filter((u) => !u.quota.adjustable && u.count > u.quota.value);
}

/** Usages above an adjustable quota's default: the account may need an increase. */
export function quotaWarnings(report: QuotaReport): QuotaUsage[] {
  return report.usages.filter((u) => u.quota.adjustable && u.count > u.quota.value);
}

const n = (x: number) => x.toLocaleString("en-US");

function environmentNames(config: Config, u: QuotaUsage): string {
  return u.environments.map((i) => config.environments[i].name).join(", ");
}

/**
 * A hard limit exceeded, as a config problem: the path of the environment that takes the count over the limit,
 * the count, the quota with its source, and what to change.
 */
export function formatQuotaError(config: Config, u: QuotaUsage): string {
  const q = u.quota;
  // Point at the first environment whose resources take the count past the limit (config order).
  const culprit = u.id === "trails" ? u.environments[q.value] ?? u.environments[u.environments.length - 1] : u.environments[u.environments.length - 1];
  const path = u.id === "trails" ? `environments[${culprit}].audit.trail` : `environments[${culprit}]`;
  return `${path}: ${u.where} would hold ${n(u.count)} against AWS's "${q.name}" limit of ${n(q.value)}, which cannot be raised ` +
    `(environments ${environmentNames(config, u)}; ${q.source})${q.fix ? `; ${q.fix}` : ""}`;
}

/** An adjustable quota above its default, as one line: the count, the quota, and how to raise it. */
export function formatQuotaWarning(config: Config, u: QuotaUsage): string {
  const q = u.quota;
  // Account-wide quotas (IAM, S3 buckets) are managed in us-east-1 for the commercial partition.
  const region = u.region ?? "us-east-1";
  const raise = q.code
    ? `aws service-quotas request-service-quota-increase --region ${region} --service-code ${q.service} --quota-code ${q.code} --desired-value ${u.count}`
    : `the Service Quotas console, service "${q.service}", quota "${q.name}", Region ${region}`;
  return `quota warning: ${u.where} would hold ${n(u.count)} (${q.counts.join(", ")}, environments ${environmentNames(config, u)}), ` +
    `above AWS's default of ${n(q.value)} for "${q.name}" (${q.service}); check the account's value and raise it before apply: ${raise}`;
}

/** The whole count as a table (`npm run check`): every quota and place, count, limit, status. */
export function formatQuotaTable(config: Config, report: QuotaReport): string {
  const rows = report.usages.map((u) => [u.quota.name, u.where, n(u.count), `${n(u.quota.value)}${u.quota.adjustable ? " (default)" : " (hard)"}`,
    u.count <= u.quota.value ? "ok" : u.quota.adjustable ? "raise" : "OVER"]);
  const header = ["quota", "where", "count", "limit", "status"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line),
    ...quotaWarnings(report).map((u) => formatQuotaWarning(config, u))].join("\n");
}
