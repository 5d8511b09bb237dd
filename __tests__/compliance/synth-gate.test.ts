/**
 * The pack on the real synth: the default config passes with zero failures (whatever resources it has by now), and
 * the synth entry point stops, writing nothing, when a rule fails.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { failures } from "../../checks/compliance/engine";
import { checkSynthesized } from "../../app/cli/gate";
import { KNOWN_GAPS } from "../../checks/compliance/known-gaps";
import { loadSynthesized } from "../../checks/synthesized/read";
import { RULES } from "../../checks/compliance/registry";
import type { Rule } from "../../checks/compliance/rule";
import { loadConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { configWith, synthConfig, tempDir } from "../helpers/synth";

describe("the default config", () => {
  const config = loadConfig();
  const synth = synthConfig(config, "compliance-default");
  const model = loadSynthesized(synth.outdir, synth.stackNames);
  const report = checkSynthesized(config, synth.outdir, synth.stackNames);

  test("has zero failures", () => {
    expect(failures(report).map((f) => `${f.rule.id} ${f.resource.address}: ${f.detail}`)).toEqual([]);
    expect(report.findings.length).toBeGreaterThan(0);
  });

  test("each rule checks exactly the synthesized resources of its types; rules for absent types do not apply", () => {
    for (const rule of RULES) {
      const expected = model.ofType(...rule.appliesTo).filter((r) => !rule.when || rule.when(r, model)).map((r) => r.address).sort();
      expect([rule.id, report.findings.filter((f) => f.rule === rule).map((f) => f.resource.address).sort()]).toEqual([rule.id, expected]);
    }
  });

  test("every suppressed finding carries its reason, and the known gaps are the default suppressions", () => {
    for (const f of report.findings.filter((x) => x.status === "suppressed")) expect(f.suppression?.reason.length).toBeGreaterThanOrEqual(30);
    expect(config.compliance.suppressions).toEqual(KNOWN_GAPS);
  });

  test("a short log retention with its recorded reason becomes a suppression of that environment's log groups", () => {
    const short = configWith({ logs: { retentionDays: 90, shortRetentionReason: "dev data only; the organisation trail keeps the audit record" } });
    const s = synthConfig(short, "compliance-retention");
    const r = checkSynthesized(short, s.outdir, s.stackNames);
    const retention = r.findings.filter((f) => f.rule.id === "log-group-retention");
    expect(retention.length).toBeGreaterThan(0);
    expect(retention.every((f) => f.status === "suppressed" && f.suppression?.reason.includes("organisation trail"))).toBe(true);
    expect(failures(r)).toEqual([]);
  });
});

test("the minimal one-zone dev profile (app/config/profiles/minimal-dev.yaml) passes with zero failures", () => {
  const config = loadConfig(join(__dirname, "..", "..", "app", "config", "profiles", "minimal-dev.yaml"));
  expect(config.environments[0].availabilityZones).toHaveLength(1);
  const s = synthConfig(config, "compliance-minimal");
  expect(failures(checkSynthesized(config, s.outdir, s.stackNames))).toEqual([]);
});

test("the Studio dev profile (examples/studio/environments.yaml) passes with zero failures, the domain's two rules included", () => {
  const config = loadConfig(join(__dirname, "..", "..", "examples", "studio", "environments.yaml"));
  expect(config.environments[0].projects[0].frontEnd).toBe("studio");
  const s = synthConfig(config, "compliance-studio");
  const report = checkSynthesized(config, s.outdir, s.stackNames);
  expect(failures(report)).toEqual([]);
  const domainRules = report.findings.filter((f) => f.rule.id.startsWith("sagemaker-domain-"));
  expect(domainRules.map((f) => `${f.rule.id} ${f.status}`).sort()).toEqual(["sagemaker-domain-kms-cmk pass", "sagemaker-domain-vpc-only pass"]);
});

describe("the synth gate (app/cli/main.ts)", () => {
  /** A rule every VPC fails, added to the real pack, so the gate has something to stop. */
  const alwaysFails: Rule = {
    id: "test-always-fails", title: "t", ids: ["CKV_AWS_0"], appliesTo: ["aws_vpc"],
    check: () => ({ status: "fail", detail: "planted failure" }), why: "test", fix: "remove the planted rule",
  };

  function synthesizeWithPlantedRule(args: { config?: string; out: string }): { stacks?: string[]; error?: Error; stderr: string } {
    let stderr = "";
    const write = jest.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
    try {
      let result: { stacks?: string[]; error?: Error } = {};
      jest.isolateModules(() => {
        jest.doMock("../../checks/compliance/registry", () => {
          const actual = jest.requireActual("../../checks/compliance/registry");
          return { ...actual, RULES: [...actual.RULES, alwaysFails] };
        });
        const { synthesize } = require("../../app/cli/main");
        try {
          result = { stacks: synthesize(args).map((s: { name: string }) => s.name) };
        } catch (e) {
          result = { error: e as Error };
        }
      });
      return { ...result, stderr };
    } finally {
      write.mockRestore();
      jest.dontMock("../../checks/compliance/registry");
    }
  }

  test("a failing rule fails the synth with rule, ids, resource and fix, and writes nothing", () => {
    const root = tempDir("gate");
    const out = join(root, "cdktf.out");
    const { error } = synthesizeWithPlantedRule({ out });
    expect(error?.name).toBe("ComplianceError");
    expect(error?.message).toMatch(/FAIL test-always-fails \[CKV_AWS_0\] dev-platform\/network\/vpc \(dev-platform\/aws_vpc\.[\w-]+\)/);
    expect(error?.message).toContain("fix: remove the planted rule");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root)).toEqual([]); // the scratch folder is gone too
  });

  test("compliance.mode = warn writes the output and prints the failures as warnings", () => {
    const root = tempDir("gate-warn");
    const file = join(root, "config.json");
    writeFileSync(file, JSON.stringify({ ...DEFAULT_CONFIG, compliance: { mode: "warn" } }));
    const { stacks, error, stderr } = synthesizeWithPlantedRule({ config: file, out: join(root, "cdktf.out") });
    expect(error).toBeUndefined();
    expect(stacks?.length).toBeGreaterThan(0);
    expect(existsSync(join(root, "cdktf.out", "stacks", stacks![0], "cdk.tf.json"))).toBe(true);
    expect(stderr).toMatch(/compliance warning: test-always-fails \[CKV_AWS_0\] dev-platform\/network\/vpc: planted failure/);
  });
});
