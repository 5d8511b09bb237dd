/**
 * The monthly cost estimate of an environment, derived from its synthesized resources: what exists (endpoints and
 * their zones, keys, trails, log groups and their retention, notebooks and their types) times unit prices
 * (checks/cost/prices.ts, the endpoint catalogue) times usage assumptions (config `cost`). Pure: no files, no config
 * loading; `app/cli/cost.ts` feeds it.
 */
import { ENDPOINT_CATALOGUE, EndpointEntry, serviceName } from "../../lib/domain/catalogue/endpoints";
import { notebookHourPrice, Price, PRICES, PriceKey, PriceTable, unitPrice } from "./prices";
import type { SynthModel, SynthResource } from "../synthesized/model";
import { cloudtrailS3DataEvents } from "../compliance/rules/cloudtrail-s3-data-events";
import { isTrue } from "../synthesized/model";

/** The usage a price is multiplied by (the config's `cost` section). */
export interface CostAssumptions {
  readonly notebookHoursPerMonth: number;
  /** Hours each Studio user runs an app a month. @default 176 */
  readonly studioAppHoursPerMonth?: number;
  readonly logIngestionGbPerMonth: number;
  readonly endpointDataGbPerMonth: number;
  readonly cloudTrailDataEventsPerMonth: number;
  readonly kmsRequestsPerMonth: number;
}

export interface CostLine {
  readonly category: "network" | "encryption" | "audit" | "logs" | "compute";
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitUsd: number;
  readonly monthlyUsd: number;
  /** "resources": counted from the synthesized stacks; "assumption": a usage figure from the config. */
  readonly basis: "resources" | "assumption";
}

export interface EnvironmentEstimate {
  readonly environment: string;
  readonly region: string;
  readonly zones: number;
  readonly lines: readonly CostLine[];
  readonly monthlyUsd: number;
  /** Caveats: prices taken from another region, unknown instance types, what is not estimated. */
  readonly notes: readonly string[];
}

/** CloudWatch Logs bills retention on archived data; the estimate counts uncompressed GB (an upper bound). */
const DAYS_PER_MONTH = 365 / 12;
/** A log group without retention keeps everything; the estimate counts one year of it. */
const NEVER_EXPIRE_MONTHS = 12;
/** SageMaker's default notebook volume when volume_size is not set. */
const DEFAULT_NOTEBOOK_VOLUME_GB = 5;

export const NOT_ESTIMATED = "Not estimated (usage-dependent): S3 storage and requests, SageMaker training/processing/hosting, data transfer, SNS, EventBridge, CodeCommit and CodeArtifact usage.";

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface EstimateInput {
  readonly environment: string;
  readonly region: string;
  /** The environment's stacks in the synthesized app. */
  readonly stacks: readonly string[];
  readonly assumptions: CostAssumptions;
  /** @default PRICES */
  readonly prices?: PriceTable;
}

/** The catalogue entry of an interface endpoint, by its service name in `region`. */
export function endpointForService(service: string, region: string): EndpointEntry | undefined {
  return ENDPOINT_CATALOGUE.find((e) => serviceName(e, region) === service);
}

export function estimateEnvironment(app: SynthModel, input: EstimateInput): EnvironmentEstimate {
  const { region, assumptions: a } = input;
  const table = input.prices ?? PRICES;
  const notes = new Set<string>();
  const stacks = new Set(input.stacks);
  const of = (type: string) => app.ofType(type).filter((r) => stacks.has(r.stack));
  const price = (key: PriceKey): number => note(unitPrice(region, key, table));
  const note = (p: Price): number => {
    if (p.region !== region) notes.add(`No ${region} price in checks/cost/prices.ts for some items; ${p.region} list prices used for them.`);
    return p.usd;
  };
  const lines: CostLine[] = [];
  const add = (l: Omit<CostLine, "monthlyUsd">) => lines.push({ ...l, monthlyUsd: round2(l.quantity * l.unitUsd) });

  // Network: interface endpoints are billed per zone (one ENI per subnet) per hour; gateway endpoints are free.
  const endpoints = of("aws_vpc_endpoint");
  const zonesSeen = new Set<number>();
  for (const e of endpoints.filter((x) => x.attrs.vpc_endpoint_type === "Interface")) {
    const zones = Array.isArray(e.attrs.subnet_ids) ? e.attrs.subnet_ids.length : 1;
    zonesSeen.add(zones);
    const entry = endpointForService(String(e.attrs.service_name), region);
    if (!entry) notes.add(`${e.attrs.service_name} is not in the endpoint catalogue; priced like the catalogue's first entry.`);
    add({ category: "network", item: `interface endpoint ${entry?.name ?? e.attrs.service_name}`, quantity: zones, unit: "zone-month", unitUsd: (entry ?? ENDPOINT_CATALOGUE[0]).monthlyUsdPerAz, basis: "resources" });
  }
  const gateways = endpoints.filter((x) => x.attrs.vpc_endpoint_type === "Gateway");
  if (gateways.length) add({ category: "network", item: "gateway endpoints (S3)", quantity: gateways.length, unit: "endpoint-month", unitUsd: 0, basis: "resources" });
  if (endpoints.length > gateways.length) add({ category: "network", item: "interface endpoint data processed", quantity: a.endpointDataGbPerMonth, unit: "GB", unitUsd: price("endpointDataPerGb"), basis: "assumption" });

  // Encryption: every key, plus the rotation surcharge (steady state: two billed rotations), plus requests.
  const keys = of("aws_kms_key");
  if (keys.length) {
    add({ category: "encryption", item: "KMS customer-managed keys", quantity: keys.length, unit: "key-month", unitUsd: price("kmsKeyMonth"), basis: "resources" });
    const rotated = keys.filter((k) => isTrue(k.attrs.enable_key_rotation)).length;
    if (rotated) add({ category: "encryption", item: "KMS rotation (2 billed rotations, from year 2)", quantity: rotated * 2, unit: "rotation-month", unitUsd: price("kmsRotationMonth"), basis: "resources" });
    add({ category: "encryption", item: "KMS requests", quantity: a.kmsRequestsPerMonth / 10_000, unit: "10k requests", unitUsd: price("kmsPer10kRequests"), basis: "assumption" });
  }

  // Audit: the first copy of management events is free; S3 data events are billed per event.
  const trails = of("aws_cloudtrail");
  if (trails.some((t) => cloudtrailS3DataEvents.check(t, app).status === "pass")) {
    add({ category: "audit", item: "CloudTrail S3 data events", quantity: a.cloudTrailDataEventsPerMonth / 100_000, unit: "100k events", unitUsd: price("cloudTrailDataPer100k"), basis: "assumption" });
  }

  // Logs: ingestion split evenly over the log groups; storage at steady state = a month's ingestion × retention.
  const groups = of("aws_cloudwatch_log_group");
  if (groups.length) {
    add({ category: "logs", item: `log ingestion (${groups.length} log group${groups.length === 1 ? "" : "s"})`, quantity: a.logIngestionGbPerMonth, unit: "GB", unitUsd: price("logsIngestPerGb"), basis: "assumption" });
    const storedGb = groups.reduce((sum, g) => sum + (a.logIngestionGbPerMonth / groups.length) * retentionMonths(g), 0);
    add({ category: "logs", item: "log storage at steady state (ingestion × retention, uncompressed)", quantity: round2(storedGb), unit: "GB-month", unitUsd: price("logsStoragePerGbMonth"), basis: "assumption" });
  }

  // Compute: notebook instance hours by type, and their ML storage volumes.
  const byType = new Map<string, SynthResource[]>();
  for (const n of of("aws_sagemaker_notebook_instance")) byType.set(String(n.attrs.instance_type), [...(byType.get(String(n.attrs.instance_type)) ?? []), n]);
  for (const [type, notebooks] of byType) {
    const hourly = notebookHourPrice(region, type, table);
    if (!hourly) notes.add(`No price for notebook instance type ${type} in checks/cost/prices.ts; its hours are not in the total.`);
    add({ category: "compute", item: `notebook instances ${type}`, quantity: notebooks.length * a.notebookHoursPerMonth, unit: "instance-hour", unitUsd: hourly ? note(hourly) : 0, basis: "assumption" });
  }
  const volumeGb = [...byType.values()].flat().reduce((sum, n) => sum + Number(n.attrs.volume_size ?? DEFAULT_NOTEBOOK_VOLUME_GB), 0);
  if (volumeGb) add({ category: "compute", item: "notebook ML storage volumes", quantity: volumeGb, unit: "GB-month", unitUsd: price("notebookStoragePerGbMonth"), basis: "resources" });

  // Studio: each user profile runs its default app type for the assumed hours (the domain's default, or the user's own).
  const domains = of("aws_sagemaker_domain");
  const studioByType = new Map<string, number>();
  for (const p of of("aws_sagemaker_user_profile")) {
    const domain = app.resolve(p.stack, p.attrs.domain_id, "aws_sagemaker_domain");
    const type = defaultAppType(p.attrs.user_settings) ?? defaultAppType(domain?.attrs.default_user_settings) ?? "ml.t3.medium";
    studioByType.set(type, (studioByType.get(type) ?? 0) + 1);
  }
  for (const [type, users] of studioByType) {
    const hourly = notebookHourPrice(region, type, table);
    if (!hourly) notes.add(`No price for Studio app instance type ${type} in checks/cost/prices.ts; its hours are not in the total.`);
    add({ category: "compute", item: `Studio apps ${type} (${users} user${users === 1 ? "" : "s"})`, quantity: users * (a.studioAppHoursPerMonth ?? 176), unit: "app-hour", unitUsd: hourly ? note(hourly) : 0, basis: "assumption" });
  }
  if (domains.length) notes.add("Studio: the domains' EFS home volumes (per GB stored) are not estimated.");

  notes.add(NOT_ESTIMATED);
  return {
    environment: input.environment,
    region,
    zones: Math.max(0, ...zonesSeen),
    lines,
    monthlyUsd: round2(lines.reduce((s, l) => s + l.monthlyUsd, 0)),
    notes: [...notes],
  };
}

/** The default instance type of a Studio user settings block (JupyterLab first). */
function defaultAppType(settings: unknown): string | undefined {
  const s = settings as { jupyter_lab_app_settings?: { default_resource_spec?: { instance_type?: string } } } | undefined;
  return s?.jupyter_lab_app_settings?.default_resource_spec?.instance_type;
}

function retentionMonths(group: SynthResource): number {
  const days = Number(group.attrs.retention_in_days ?? 0);
  return days > 0 ? days / DAYS_PER_MONTH : NEVER_EXPIRE_MONTHS;
}

/** The interface endpoints of the aws-samples secure-data-science-reference-architecture, by catalogue name. */
export const REFERENCE_ARCHITECTURE_ENDPOINTS = [
  "sagemaker.api", "sagemaker.runtime", "notebook", "sts", "logs", "monitoring", "ecr.api", "ecr.dkr", "kms", "ssm",
  "codecommit", "git-codecommit", "codeartifact.api", "codeartifact.repositories", "servicecatalog",
] as const;

/** Monthly cost of a set of catalogue endpoints in `zones` zones (hours only, no data processing). */
export function endpointSetMonthlyUsd(names: readonly string[], zones: number): number {
  return round2(names.reduce((sum, name) => {
    const entry = ENDPOINT_CATALOGUE.find((e) => e.name === name);
    if (!entry) throw new Error(`"${name}" is not in the endpoint catalogue`);
    return sum + entry.monthlyUsdPerAz * zones;
  }, 0));
}
