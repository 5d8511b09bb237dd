/**
 * The cost estimate is derived from the synthesized resources: these tests count the resources in a real synth and
 * check the estimate against the catalogue and price table, never against a hard-coded total.
 */
import { endpointEntry, ENDPOINT_CATALOGUE } from "../../lib/domain/catalogue/endpoints";
import { notebookHourPrice, PRICES, unitPrice } from "../../checks/cost/prices";
import type { SynthModel } from "../../checks/synthesized/model";
import { loadSynthesized } from "../../checks/synthesized/read";
import type { Config } from "../../app/config/schema";
import { cost } from "../../app/cli/cost";
import { endpointSetMonthlyUsd, estimateEnvironment, EnvironmentEstimate, REFERENCE_ARCHITECTURE_ENDPOINTS } from "../../checks/cost/estimate";
import { estimateConfig } from "../../app/cli/cost-report";
import { configWith, synthConfig } from "../helpers/synth";
import { app, merge, ref, rotatedKey, secureTrail, stack } from "../compliance/fixtures";

const ASSUMPTIONS = { notebookHoursPerMonth: 100, logIngestionGbPerMonth: 10, endpointDataGbPerMonth: 20, cloudTrailDataEventsPerMonth: 300_000, kmsRequestsPerMonth: 50_000 };

function synthEstimate(config: Config): { model: SynthModel; estimate: EnvironmentEstimate & { referenceEndpointsMonthlyUsd: number } } {
  const s = synthConfig(config, "cost");
  const model = loadSynthesized(s.outdir, s.stackNames);
  return { model, estimate: estimateConfig(model, config).environments[0] };
}

const line = (e: EnvironmentEstimate, item: string) => e.lines.find((l) => l.item === item);
const endpointLines = (e: EnvironmentEstimate) => e.lines.filter((l) => l.item.startsWith("interface endpoint ") && l.unit === "zone-month");

describe("cost of the default config, from its synth", () => {
  const config = configWith();
  const { model, estimate } = synthEstimate(config);
  const interfaceEndpoints = model.ofType("aws_vpc_endpoint").filter((e) => e.attrs.vpc_endpoint_type === "Interface");
  const zones = config.environments[0].availabilityZones.length;

  test("one line per synthesized interface endpoint: zones × the catalogue's per-zone price", () => {
    expect(endpointLines(estimate)).toHaveLength(interfaceEndpoints.length);
    for (const l of endpointLines(estimate)) {
      const entry = endpointEntry(l.item.replace("interface endpoint ", ""));
      expect(l.quantity).toBe(zones);
      expect(l.monthlyUsd).toBeCloseTo(zones * entry.monthlyUsdPerAz, 2);
    }
  });

  test("keys, rotation and log groups are counted from the synth; the total is the sum of the lines", () => {
    const keys = model.ofType("aws_kms_key");
    expect(line(estimate, "KMS customer-managed keys")?.quantity).toBe(keys.length);
    expect(line(estimate, "KMS rotation (2 billed rotations, from year 2)")?.quantity).toBe(2 * keys.filter((k) => k.attrs.enable_key_rotation === true).length);
    const groups = model.ofType("aws_cloudwatch_log_group");
    expect(line(estimate, `log ingestion (${groups.length} log group${groups.length === 1 ? "" : "s"})`)?.unitUsd).toBe(PRICES.regions["eu-west-1"].logsIngestPerGb);
    expect(estimate.monthlyUsd).toBeCloseTo(estimate.lines.reduce((s, l) => s + l.monthlyUsd, 0), 2);
  });

  test("the reference architecture's endpoint set is priced from the catalogue in the same zones", () => {
    const expected = REFERENCE_ARCHITECTURE_ENDPOINTS.reduce((s, n) => s + endpointEntry(n).monthlyUsdPerAz * zones, 0);
    expect(estimate.referenceEndpointsMonthlyUsd).toBeCloseTo(expected, 2);
    expect(() => endpointSetMonthlyUsd(["no-such-endpoint"], 1)).toThrow(/not in the endpoint catalogue/);
  });
});

describe("the estimate follows the config", () => {
  test("one zone halves the endpoint hours of two; switching an endpoint off removes its line", () => {
    const two = synthEstimate(configWith()).estimate;
    const one = synthEstimate(configWith({ availabilityZones: ["eu-west-1a"], network: { interfaceEndpoints: { monitoring: false } } })).estimate;
    expect(one.zones).toBe(1);
    expect(endpointLines(one).map((l) => l.item)).toEqual(endpointLines(two).map((l) => l.item).filter((i) => i !== "interface endpoint monitoring"));
    for (const l of endpointLines(one)) expect(l.monthlyUsd * 2).toBeCloseTo(line(two, l.item)!.monthlyUsd, 2);
  });

  test("log storage grows with the synthesized retention", () => {
    const storage = (days: number) => line(synthEstimate(configWith({ logs: { retentionDays: days } })).estimate, "log storage at steady state (ingestion × retention, uncompressed)")!.quantity;
    expect(storage(731) / storage(365)).toBeCloseTo(731 / 365, 1);
  });

  test("each environment is estimated from its own stacks only", () => {
    const config = configWith({}, {});
    const second = { ...structuredClone(config.environments[0]), name: "prod", availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], projects: [] };
    const both = { ...config, environments: [config.environments[0], second] } as Config;
    const s = synthConfig(both, "cost-two");
    const report = estimateConfig(loadSynthesized(s.outdir, s.stackNames), both);
    expect(report.environments.map((e) => [e.environment, e.zones])).toEqual([["dev", 2], ["prod", 3]]);
    const prodEndpoints = endpointLines(report.environments[1]);
    expect(prodEndpoints.every((l) => l.quantity === 3)).toBe(true);
  });
});

describe("priced from fixtures", () => {
  const model = app(stack("dev-project-x", merge(
    { aws_kms_key: { key: rotatedKey() }, aws_cloudtrail: { t: secureTrail() } },
    { aws_sagemaker_notebook_instance: {
      a: { instance_type: "ml.t3.medium", volume_size: 20 }, b: { instance_type: "ml.t3.medium" }, c: { instance_type: "ml.m5.xlarge", kms_key_id: ref("aws_kms_key", "key", "arn") },
      d: { instance_type: "ml.unknown.huge" },
    } },
  )));
  const est = (region: string) => estimateEnvironment(model, { environment: "dev", region, stacks: ["dev-project-x"], assumptions: ASSUMPTIONS });

  test("notebook hours by type: count × assumed hours × the type's hourly price; volumes default to 5 GB", () => {
    const e = est("us-east-1");
    const t3 = line(e, "notebook instances ml.t3.medium")!;
    expect(t3.quantity).toBe(2 * ASSUMPTIONS.notebookHoursPerMonth);
    expect(t3.monthlyUsd).toBeCloseTo(2 * 100 * PRICES.regions["us-east-1"].notebookHour!["ml.t3.medium"], 2);
    expect(line(e, "notebook ML storage volumes")?.quantity).toBe(20 + 5 + 5 + 5);
    expect(line(e, "notebook instances ml.unknown.huge")?.monthlyUsd).toBe(0);
    expect(e.notes.join("\n")).toMatch(/No price for notebook instance type ml\.unknown\.huge/);
  });

  test("CloudTrail data events are priced when a trail records them", () => {
    const l = line(est("us-east-1"), "CloudTrail S3 data events")!;
    expect(l.quantity).toBe(3);
    expect(l.monthlyUsd).toBeCloseTo(3 * PRICES.regions["us-east-1"].cloudTrailDataPer100k!, 2);
    const noData = app(stack("s", { aws_cloudtrail: { t: { ...secureTrail(), advanced_event_selector: undefined } } }));
    expect(estimateEnvironment(noData, { environment: "dev", region: "us-east-1", stacks: ["s"], assumptions: ASSUMPTIONS }).lines.map((x) => x.item)).not.toContain("CloudTrail S3 data events");
  });

  test("a region without its own prices uses the base region's, and says so", () => {
    expect(est("ap-south-1").notes.join("\n")).toMatch(/No ap-south-1 price .* us-east-1 list prices used/);
    expect(est("us-east-1").notes.join("\n")).not.toMatch(/list prices used/);
  });

  test("every catalogue endpoint has a price, and the reference set is in the catalogue", () => {
    for (const e of ENDPOINT_CATALOGUE) expect(e.monthlyUsdPerAz).toBeGreaterThan(0);
    for (const n of REFERENCE_ARCHITECTURE_ENDPOINTS) expect(() => endpointEntry(n)).not.toThrow();
  });
});

test("npm run cost prints each environment's total and where the prices come from", () => {
  let out = "";
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  try {
    expect(cost([])).toBe(0);
  } finally {
    spy.mockRestore();
  }
  expect(out).toMatch(/^environment dev \(eu-west-1, 2 zones\): \$\d+\.\d\d a month$/m);
  expect(out).toContain(`as of ${PRICES.asOf}`);
  expect(out).toContain("https://aws.amazon.com/privatelink/pricing/");
  expect(out).toMatch(/reference architecture's 15 interface endpoints/);
});

test("price look-ups read only the table's own entries: constructor and toString are no region or instance type", () => {
  expect(unitPrice("constructor", "kmsKeyMonth")).toEqual({ usd: PRICES.regions[PRICES.baseRegion].kmsKeyMonth, region: PRICES.baseRegion });
  expect(notebookHourPrice(PRICES.baseRegion, "toString")).toBeUndefined();
  expect(notebookHourPrice("__proto__", "constructor")).toBeUndefined();
});

describe("cost of a Studio project", () => {
  const config = configWith({ projects: [{ name: "fraud", users: [{ username: "alice" }, { username: "bob" }, { username: "carol", instanceTypes: ["ml.m5.large"] }],
    studio: { instanceTypes: ["ml.t3.medium", "ml.m5.large"] } }], cost: { studioAppHoursPerMonth: 100 } });
  const { estimate } = synthEstimate(config);

  test("the studio endpoint is priced per zone, and each user's app hours at their default instance type", () => {
    expect(line(estimate, "interface endpoint studio")).toMatchObject({ quantity: 2, unitUsd: endpointEntry("studio").monthlyUsdPerAz });
    expect(line(estimate, "Studio apps ml.t3.medium (2 users)")).toMatchObject({ quantity: 200, unit: "app-hour", unitUsd: PRICES.regions["us-east-1"].notebookHour!["ml.t3.medium"], basis: "assumption" });
    expect(line(estimate, "Studio apps ml.m5.large (1 user)")).toMatchObject({ quantity: 100, unitUsd: 0.115 });
    expect(estimate.notes.some((n) => n.includes("EFS home volumes"))).toBe(true);
  });

  test("the default config (notebook instances) has no Studio lines", () => {
    expect(synthEstimate(configWith()).estimate.lines.filter((l) => l.item.startsWith("Studio") || l.item === "interface endpoint studio")).toEqual([]);
  });
});
