/**
 * Config of the compliance rule pack (enforcement mode, suppressions) and of the cost estimate's usage assumptions.
 * `schema.ts` plugs `Compliance` into the top level and `CostAssumptions` into the environment; the suppressions'
 * rule ids are checked in its cross-field checks.
 */
import { z } from "zod";
import { KNOWN_GAPS } from "../../checks/compliance/known-gaps";

// --- compliance and cost (issue 7) ---
/** A deliberate exception to a compliance rule; shown in every report. */
const Suppression = z.strictObject({
  /** Rule id, e.g. "s3-access-logging" (`npm run check` lists them). */
  rule: z.string(),
  /** Glob (`*` = any characters) over construct paths and Terraform addresses, e.g. "*\/access-logs/bucket". */
  resource: z.string().min(1),
  /** Why the control is deliberately not met: at least 30 characters a reviewer can check. */
  reason: z.string().trim().min(30, { error: "must explain in at least 30 characters why the control is deliberately not met" }),
});

export const Compliance = z.strictObject({
  /** "enforce": a failing rule fails the synth. "warn": failures are printed as warnings (for experiments only). */
  mode: z.enum(["enforce", "warn"]).default("enforce"),
  /** Deliberate exceptions. @default the product's known gaps (checks/compliance/known-gaps.ts) */
  suppressions: z.array(Suppression).default(() => KNOWN_GAPS.map((g) => ({ ...g }))),
}).default(() => ({ mode: "enforce" as const, suppressions: KNOWN_GAPS.map((g) => ({ ...g })) }));

/** Usage assumptions of the monthly cost estimate (`npm run cost`); prices come from checks/cost/prices.ts. */
export const CostAssumptions = z.strictObject({
  /** Hours each notebook instance runs a month (730 = never stopped). */
  notebookHoursPerMonth: z.number().min(0).max(744).default(730),
  /** Hours each Studio user runs an app a month (176 = 8 hours on 22 working days; idle shutdown stops the rest). */
  studioAppHoursPerMonth: z.number().min(0).max(744).default(176),
  /** GB of log events ingested a month, all log groups of the environment together. */
  logIngestionGbPerMonth: z.number().min(0).default(5),
  /** GB through the interface endpoints a month, all together. */
  endpointDataGbPerMonth: z.number().min(0).default(10),
  /** CloudTrail data events (S3 object reads and writes) a month. */
  cloudTrailDataEventsPerMonth: z.number().int().min(0).default(1_000_000),
  /** KMS API requests a month, all keys together (S3 bucket keys keep this low). */
  kmsRequestsPerMonth: z.number().int().min(0).default(100_000),
}).default({ notebookHoursPerMonth: 730, studioAppHoursPerMonth: 176, logIngestionGbPerMonth: 5, endpointDataGbPerMonth: 10, cloudTrailDataEventsPerMonth: 1_000_000, kmsRequestsPerMonth: 100_000 });
// --- end compliance and cost ---
