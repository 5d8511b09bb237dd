/** The cost estimate for the terminal (and the JSON `npm run cost -- --json` prints). */
import { PRICES } from "../../checks/cost/prices";
import type { SynthModel } from "../../checks/synthesized/model";
import type { Config } from "../config/schema";
import { plan } from "../plan/plan";
import { endpointSetMonthlyUsd, EnvironmentEstimate, estimateEnvironment, REFERENCE_ARCHITECTURE_ENDPOINTS } from "../../checks/cost/estimate";

/**
 * The synthesized stacks of an environment, as the plan lists them (not guessed from tags: a config's own
 * `environment` tag would mislead that guess).
 */
export function environmentStacks(app: SynthModel, config: Config, environment: string): string[] {
  const synthesized = new Set(app.stacks.map((s) => s.name));
  return plan(config).stacks.filter((s) => s.environment === environment && synthesized.has(s.name)).map((s) => s.name);
}

export interface CostReport {
  readonly environments: readonly (EnvironmentEstimate & { readonly referenceEndpointsMonthlyUsd: number })[];
  readonly prices: { readonly asOf: string; readonly currency: string; readonly source: readonly string[] };
}

export function estimateConfig(app: SynthModel, config: Config): CostReport {
  return {
    environments: config.environments.map((env) => {
      const estimate = estimateEnvironment(app, { environment: env.name, region: env.region, stacks: environmentStacks(app, config, env.name), assumptions: env.cost });
      return { ...estimate, referenceEndpointsMonthlyUsd: endpointSetMonthlyUsd(REFERENCE_ARCHITECTURE_ENDPOINTS, env.availabilityZones.length) };
    }),
    prices: { asOf: PRICES.asOf, currency: PRICES.currency, source: PRICES.source },
  };
}

const usd = (n: number) => `$${n.toFixed(2)}`;

export function formatCost(report: CostReport): string {
  const out: string[] = [];
  for (const e of report.environments) {
    out.push(`environment ${e.environment} (${e.region}, ${e.zones} zone${e.zones === 1 ? "" : "s"}): ${usd(e.monthlyUsd)} a month`);
    const w = Math.max(...e.lines.map((l) => l.item.length), 4);
    out.push(`  ${"item".padEnd(w)}  ${"quantity".padStart(10)}  ${"unit".padEnd(14)}  ${"unit price".padStart(10)}  ${"monthly".padStart(9)}  basis`);
    for (const l of e.lines) {
      out.push(`  ${l.item.padEnd(w)}  ${String(+l.quantity.toFixed(2)).padStart(10)}  ${l.unit.padEnd(14)}  ${("$" + l.unitUsd).padStart(10)}  ${usd(l.monthlyUsd).padStart(9)}  ${l.basis}`);
    }
    out.push(`  for comparison: the reference architecture's ${REFERENCE_ARCHITECTURE_ENDPOINTS.length} interface endpoints in ${e.zones} zone${e.zones === 1 ? "" : "s"} cost ${usd(e.referenceEndpointsMonthlyUsd)} a month (hours only)`);
    for (const n of e.notes) out.push(`  note: ${n}`);
    out.push("");
  }
  out.push(`Prices: ${report.prices.currency} on-demand list prices as of ${report.prices.asOf} (checks/cost/prices.ts; endpoint hours from lib/domain/catalogue/endpoints.ts); sources: ${report.prices.source.join(", ")}.`);
  out.push("Usage assumptions come from each environment's `cost` config section; change them to match your usage.");
  return out.join("\n");
}
