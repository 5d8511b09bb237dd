/** AWS quotas counted from synthesized stacks, summed over the environments that share an account or Region. */
import { QUOTAS } from "../../checks/quotas/table";
import { countQuotas, formatQuotaError, formatQuotaTable, formatQuotaWarning, quotaErrors, quotaWarnings, trailSelectorValues } from "../../checks/quotas/count";
import { validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import type { Config } from "../../app/config/schema";
import { app, Resources, stack } from "./fixtures";

/** A config of environments (no projects), `accounts[i]` and `regions[i]` for environment i. */
function environments(accounts: string[], regions: string[] = accounts.map(() => "eu-west-1")): Config {
  const base = DEFAULT_CONFIG.environments[0];
  return validateConfig({
    ...DEFAULT_CONFIG,
    environments: accounts.map((accountId, i) => ({
      ...base, name: `e${i}`, accountId, region: regions[i], availabilityZones: [`${regions[i]}a`], projects: [],
      audit: { ...base.audit, sageMakerLogGroups: false }, dataProtection: { administratorArns: [`arn:aws:iam::${accountId}:role/admin`] },
    })),
  });
}

const trail = (multiRegion = true, values = 1): Resources => ({
  aws_cloudtrail: { t: { name: "trail", is_multi_region_trail: multiRegion, advanced_event_selector: [{ field_selector: [{ field: "eventCategory", equals: ["Management"] }, { field: "resources.ARN", starts_with: Array.from({ length: values - 1 }, (_, i) => `arn:aws:s3:::b${i}/`) }] }] } },
});
const many = (type: string, count: number): Resources => ({ [type]: Object.fromEntries(Array.from({ length: count }, (_, i) => [`r${i}`, {}])) });

test("the quota table quotes every value with its source", () => {
  for (const q of Object.values(QUOTAS)) {
    expect(q.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(q.value).toBeGreaterThan(0);
    if (!q.adjustable) expect(q.fix).toBeTruthy();
  }
});

test("selector values are counted across every operator of every selector", () => {
  const model = app(stack("e0-platform", { aws_cloudtrail: { t: { advanced_event_selector: [
    { field_selector: [{ field: "eventCategory", equals: ["Management"] }] },
    { field_selector: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.ARN", starts_with: ["a", "b"], not_starts_with: ["c"] }] },
  ] } } }));
  expect(trailSelectorValues(model.ofType("aws_cloudtrail")[0])).toBe(5);
});

test("a sixth multi-region trail in one account is refused, whatever the Regions, naming the environment that takes it over", () => {
  const config = environments(Array(6).fill("111111111111"), ["eu-west-1", "eu-west-1", "eu-central-1", "us-east-1", "us-east-1", "eu-west-2"]);
  const model = app(...config.environments.map((e) => stack(`${e.name}-platform`, trail())));
  const [error, ...more] = quotaErrors(countQuotas(config, model));
  expect(more).toEqual([]);
  expect(error).toMatchObject({ id: "trails", count: 6, account: "111111111111" });
  const message = formatQuotaError(config, error);
  expect(message).toMatch(/^environments\[5\]\.audit\.trail: account 111111111111 .* would hold 6 against AWS's "Trails per Region" limit of 5, which cannot be raised/);
  expect(message).toContain("environments e0, e1, e2, e3, e4, e5");
  expect(message).toContain(QUOTAS.trails.source);
  expect(message).toContain("audit.trail: organization");
});

test("five trails in one account, or six spread over two accounts, pass", () => {
  const five = environments(Array(5).fill("111111111111"));
  expect(quotaErrors(countQuotas(five, app(...five.environments.map((e) => stack(`${e.name}-platform`, trail())))))).toEqual([]);
  const two = environments([...Array(3).fill("111111111111"), ...Array(3).fill("222222222222")]);
  expect(quotaErrors(countQuotas(two, app(...two.environments.map((e) => stack(`${e.name}-platform`, trail())))))).toEqual([]);
});

test("single-region trails count in their own Region only", () => {
  const config = environments(Array(6).fill("111111111111"), ["eu-west-1", "eu-west-1", "eu-west-1", "us-east-1", "us-east-1", "us-east-1"]);
  const model = app(...config.environments.map((e) => stack(`${e.name}-platform`, trail(false))));
  expect(quotaErrors(countQuotas(config, model))).toEqual([]);
});

test("a trail over 500 selector values is refused", () => {
  const config = environments(["111111111111"]);
  const [error] = quotaErrors(countQuotas(config, app(stack("e0-platform", trail(true, 501)))));
  expect(error).toMatchObject({ id: "trailSelectorValues", count: 501 });
  expect(formatQuotaError(config, error)).toContain("limit of 500, which cannot be raised");
  expect(quotaErrors(countQuotas(config, app(stack("e0-platform", trail(true, 500)))))).toEqual([]);
});

test("IAM roles are summed over every environment of an account across Regions; one warning line says how to raise the quota", () => {
  const config = environments(["111111111111", "111111111111", "222222222222"], ["eu-west-1", "us-east-1", "eu-west-1"]);
  const model = app(stack("e0-project-a", many("aws_iam_role", 600)), stack("e1-project-b", many("aws_iam_role", 401)), stack("e2-project-c", many("aws_iam_role", 999)));
  const report = countQuotas(config, model);
  expect(quotaErrors(report)).toEqual([]);
  const warnings = quotaWarnings(report);
  expect(warnings.map((u) => [u.id, u.account, u.count])).toEqual([["iamRoles", "111111111111", 1001]]);
  const line = formatQuotaWarning(config, warnings[0]);
  expect(line).not.toContain("\n");
  expect(line).toContain("would hold 1,001");
  expect(line).toContain("\"Roles per account\"");
  expect(line).toContain("environments e0, e1");
  expect(line).toContain("aws service-quotas request-service-quota-increase --region us-east-1 --service-code iam --quota-code L-FE177D64 --desired-value 1001");
});

test("per-Region quotas count each Region apart; interface endpoints are counted per VPC", () => {
  const config = environments(Array(6).fill("111111111111"), ["eu-west-1", "eu-west-1", "eu-west-1", "eu-west-1", "eu-west-1", "us-east-1"]);
  const vpcs = app(...config.environments.map((e) => stack(`${e.name}-platform`, many("aws_vpc", 1))));
  expect(quotaWarnings(countQuotas(config, vpcs))).toEqual([]);
  const six = app(...config.environments.map((e) => stack(`${e.name}-platform`, many("aws_vpc", e.region === "eu-west-1" ? 1 : 0))), stack("e0-extra", many("aws_vpc", 1)));
  const [warning] = quotaWarnings(countQuotas(config, six));
  expect(warning).toMatchObject({ id: "vpcs", count: 6, region: "eu-west-1" });
  expect(formatQuotaWarning(config, warning)).toContain("--region eu-west-1 --service-code vpc --quota-code L-F678F1CE");

  const endpoints = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`ep${i}`, { vpc_id: "${aws_vpc.v.id}", vpc_endpoint_type: i === 50 ? "Gateway" : "Interface" }]));
  const one = environments(["111111111111"]);
  expect(quotaWarnings(countQuotas(one, app(stack("e0-platform", { aws_vpc: { v: {} }, aws_vpc_endpoint: endpoints }))))).toEqual([]);
  endpoints.ep50 = { vpc_id: "${aws_vpc.v.id}", vpc_endpoint_type: "Interface" };
  const [over] = quotaWarnings(countQuotas(one, app(stack("e0-platform", { aws_vpc: { v: {} }, aws_vpc_endpoint: endpoints }))));
  expect(over).toMatchObject({ id: "interfaceEndpointsPerVpc", count: 51, where: "VPC e0-platform/aws_vpc.v" });
});

test("the quota table lists every count with its limit", () => {
  const config = environments(["111111111111"]);
  const table = formatQuotaTable(config, countQuotas(config, app(stack("e0-platform", { ...trail(), ...many("aws_kms_key", 2) }))));
  expect(table).toMatch(/Customer Master Keys \(CMKs\)\s+account 111111111111 eu-west-1\s+2\s+100,000 \(default\)\s+ok/);
  expect(table).toMatch(/Trails per Region\s+.*\s+1\s+5 \(hard\)\s+ok/);
});
