/** Config rules of the compliance and cost sections: every bad input names the path and the fix. */
import { ConfigError, validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { KNOWN_GAPS } from "../../checks/compliance/known-gaps";

function problems(change: (c: any) => void): string[] {
  const c = structuredClone(DEFAULT_CONFIG) as any;
  change(c);
  try {
    validateConfig(c);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
}

const REASON = "a reason long enough for a reviewer to check it";

describe("compliance config", () => {
  test("defaults: enforce, with the product's known gaps as suppressions", () => {
    const c = structuredClone(DEFAULT_CONFIG) as any;
    delete c.compliance;
    expect(validateConfig(c).compliance).toEqual({ mode: "enforce", suppressions: KNOWN_GAPS });
  });

  test.each<[string, (c: any) => void, RegExp]>([
    ["an unknown rule id", (c) => (c.compliance = { suppressions: [{ rule: "s3-logging", resource: "*", reason: REASON }] }), /compliance\.suppressions\[0\]\.rule: "s3-logging" is not a compliance rule; known: .*s3-access-logging/],
    ["a missing reason", (c) => (c.compliance = { suppressions: [{ rule: "s3-access-logging", resource: "*" }] }), /compliance\.suppressions\[0\]\.reason: is required/],
    ["a reason too short to explain anything", (c) => (c.compliance = { suppressions: [{ rule: "s3-access-logging", resource: "*", reason: "not needed   " }] }), /compliance\.suppressions\[0\]\.reason: must explain in at least 30 characters/],
    ["an empty resource", (c) => (c.compliance = { suppressions: [{ rule: "s3-access-logging", resource: "", reason: REASON }] }), /compliance\.suppressions\[0\]\.resource/],
    ["an unknown mode", (c) => (c.compliance = { mode: "off" }), /compliance\.mode/],
    ["an unknown field", (c) => (c.compliance = { failOnWarnings: true }), /compliance: unknown field "failOnWarnings"/],
  ])("rejects %s", (_, change, message) => {
    expect(problems(change).join("\n")).toMatch(message);
  });
});

describe("cost assumptions config", () => {
  test("defaults are filled in per environment", () => {
    expect(validateConfig(DEFAULT_CONFIG).environments[0].cost).toEqual({
      notebookHoursPerMonth: 730, studioAppHoursPerMonth: 176, logIngestionGbPerMonth: 5, endpointDataGbPerMonth: 10, cloudTrailDataEventsPerMonth: 1_000_000, kmsRequestsPerMonth: 100_000,
    });
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ["more notebook hours than a month has", { notebookHoursPerMonth: 800 }, /environments\[0\]\.cost\.notebookHoursPerMonth/],
    ["negative log volume", { logIngestionGbPerMonth: -1 }, /environments\[0\]\.cost\.logIngestionGbPerMonth/],
    ["a fractional event count", { cloudTrailDataEventsPerMonth: 1.5 }, /environments\[0\]\.cost\.cloudTrailDataEventsPerMonth/],
    ["an unknown assumption", { gpuHours: 3 }, /environments\[0\]\.cost: unknown field "gpuHours"/],
  ])("rejects %s", (_, cost, message) => {
    expect(problems((c) => (c.environments[0].cost = cost)).join("\n")).toMatch(message);
  });
});
