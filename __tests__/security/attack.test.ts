/**
 * The attack suite of issue #12: every scenario of scenarios.ts, simulated against the policies of the REAL
 * synthesized app (identity policy + permissions boundary + resource policy + VPC endpoint policy together), for the
 * default config, a config with two environments (two accounts, two regions) and two projects each, and a config
 * with two environments in one account (two regions).
 * One synth per config, shared by all its scenarios. See docs/threat-model.md for what each class proves.
 */
import { ConfigError } from "../../app/load";
import { defaultConfig, prefixCollisionConfig, sameAccountConfig, twoEnvironmentConfig } from "./configs";
import { concretePolicy, matches, PerimeterApp, simulate } from "./perimeter-sim";
import { CLASSES, ClassId, crossProjectScenarios, environmentScenarios, projectScenarios, Scenario } from "./scenarios";

function suite(app: PerimeterApp): Scenario[] {
  const all: Scenario[] = [];
  const projects = app.config.environments.flatMap((e) => e.projects.map((p) => ({ env: e.name, project: p.name })));
  for (const e of app.config.environments) all.push(...environmentScenarios(app, e.name));
  for (const p of projects) all.push(...projectScenarios(app, p.env, p.project));
  for (const a of projects) for (const v of projects) if (a !== v) all.push(...crossProjectScenarios(app, a, v));
  return all;
}

const defaultApp = new PerimeterApp(defaultConfig(), "attack-default");
const twoApp = new PerimeterApp(twoEnvironmentConfig(), "attack-two-envs");
const sameAccountApp = new PerimeterApp(sameAccountConfig(), "attack-same-account");
const SUITES: [string, Scenario[]][] = [
  ["default config", suite(defaultApp)],
  ["two environments x two projects", suite(twoApp)],
  ["two environments in one account", suite(sameAccountApp)],
];
const APPS: Record<string, PerimeterApp> = { "default config": defaultApp, "two environments x two projects": twoApp, "two environments in one account": sameAccountApp };

describe.each(SUITES)("%s", (label, scenarios) => {
  const app = APPS[label];
  const byClass = (Object.keys(CLASSES) as ClassId[]).map((c) => [`${c} ${CLASSES[c]}`, scenarios.filter((s) => s.cls === c)] as const);

  describe.each(byClass)("%s", (_cls, rows) => {
    it.each(rows.map((s) => [`${s.name} -> ${s.expect}`, s] as const))("%s", async (_name, s) => {
      const outcome = await simulate(app, { actor: s.actor, action: s.action, resource: s.target.arn, resourceAccount: s.target.account,
        resourcePolicy: s.target.policy, network: s.network, context: s.context });
      const named = Object.keys(s.context ?? {});
      // A key the scenario names but the simulator ignores makes the scenario meaningless (typo, wrong action).
      expect(outcome.ignored.filter((k) => named.includes(k))).toEqual([]);
      expect({ principal: s.actor.label, decision: outcome.decision, deniedBy: outcome.deniedBy, ok: matches(outcome.decision, s.expect) })
        .toEqual({ principal: s.actor.label, decision: outcome.decision, deniedBy: outcome.deniedBy, ok: true });
      if (s.by) expect(outcome.deniedBy).toContain(s.by);
    });
  });

  it("has deny cases in every attack class and allow cases on every legitimate path", () => {
    for (const c of Object.keys(CLASSES) as ClassId[]) {
      const rows = scenarios.filter((s) => s.cls === c);
      expect([c, rows.some((s) => s.expect !== "Allowed")]).toEqual([c, true]);
      if (c.startsWith("L") || c === "C1") expect([c, rows.some((s) => s.expect === "Allowed")]).toEqual([c, true]);
    }
  });
});

/**
 * Every Deny statement of the perimeter - the boundary, the roles' policies, every bucket policy - is named as the
 * enforcer (`by`) of at least one scenario, whose test then checks it really is among the deniers. A new Deny without
 * an attack that proves it fails here.
 */
test.each(SUITES.map(([label, scenarios]) => [label, APPS[label], scenarios] as const))(
  "%s: every Deny statement of boundaries, role policies and bucket policies is proven by a scenario", (_label, app, scenarios) => {
    const proven = new Set(scenarios.flatMap((s) => (s.by ? [s.by] : [])));
    const denies = new Set<string>();
    for (const r of app.model.ofType("aws_iam_policy", "aws_s3_bucket_policy")) {
      const layer = r.type === "aws_s3_bucket_policy" ? "resource" : /[/-]boundary$/.test(r.path) ? "boundary" : "identity";
      for (const st of concretePolicy(app.model, r).Statement) if (st.Effect === "Deny") denies.add(`${layer}:${st.Sid}`);
    }
    expect([...denies].filter((d) => !proven.has(d)).sort()).toEqual([]);
  });

test.each(SUITES.map(([label]) => [label, APPS[label]] as const))(
  "%s: the resolver turns every policy of the app into concrete JSON (only IAM policy variables left)", (_label, app) => {
    const leftovers: string[] = [];
    let count = 0;
    for (const r of app.model.resources) {
      for (const attr of ["policy", "assume_role_policy"]) {
        if (typeof r.attrs[attr] !== "string") continue;
        count++;
        const text = JSON.stringify(concretePolicy(app.model, r, attr));
        for (const m of text.matchAll(/\$\{([^}]*)\}/g)) if (!m[1].startsWith("aws:")) leftovers.push(`${r.address}.${attr}: ${m[0]}`);
      }
    }
    expect({ count: count > 20, leftovers }).toEqual({ count: true, leftovers: [] });
  });

/**
 * Compute isolation in the network: each project's compute group admits only its own members (all traffic) and
 * reaches only its own members, the interface endpoints (443) and S3 (443); no rule of one project's groups names
 * another project's; the endpoint group takes 443 from every project's groups and the client networks, nothing else.
 */
test.each(SUITES.map(([label]) => [label, APPS[label]] as const))("%s: one project's compute group cannot reach another's (the rules)", (_label, app) => {
  for (const e of app.config.environments) {
    const groups = Object.fromEntries(e.projects.map((p) => [p.name, app.computeSecurityGroup(e.name, p.name)]));
    const endpoints = app.endpointSecurityGroup(e.name);
    for (const [project, sg] of Object.entries(groups)) {
      const rules = app.securityGroupRules(sg);
      expect(rules.filter((r) => r.type === "ingress")).toEqual([{ type: "ingress", protocol: "-1", self: true, peerGroup: undefined, cidrs: undefined, prefixLists: undefined }]);
      const egress = rules.filter((r) => r.type === "egress");
      expect(egress.filter((r) => r.protocol === "-1").every((r) => r.self)).toBe(true);
      expect(egress.filter((r) => !r.self).map((r) => [r.protocol, r.peerGroup ?? r.prefixLists?.length]).sort()).toEqual([["tcp", 1], ["tcp", endpoints]].sort());
      expect(egress.some((r) => r.cidrs)).toBe(false);
      const others = Object.entries(groups).filter(([p]) => p !== project).map(([, g]) => g);
      for (const r of rules) expect([project, others.includes(r.peerGroup ?? "")]).toEqual([project, false]);
    }
    const admitted = app.securityGroupRules(endpoints).filter((r) => r.peerGroup).map((r) => r.peerGroup);
    expect(admitted).toEqual(expect.arrayContaining(Object.values(groups)));
  }
});

test("the suite runs at least 100 scenarios on each config, names unique", () => {
  for (const [label, scenarios] of SUITES) {
    expect([label, scenarios.length >= 100]).toEqual([label, true]);
    const names = scenarios.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  }
});

// Another project's resources by name pattern: a project whose name is another's plus a hyphen would put its buckets,
// roles, keys' principal pattern and notebooks under the other's `<base>-*` patterns, so the config is refused.
test("a project named like another plus a hyphen (fraud / fraud-eu) is refused before anything is built", () => {
  expect(() => prefixCollisionConfig()).toThrow(ConfigError);
  expect(() => prefixCollisionConfig()).toThrow(/"fraud-eu" starts with the project name "fraud" and a hyphen/);
});
