/**
 * The report forms: the `npm run check` command's table, JSON and SARIF 2.1.0 files, checked for the structure
 * code-scanning tools read.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../../checks/compliance/engine";
import { RULES } from "../../checks/compliance/registry";
import { formatTable, toSarif } from "../../checks/compliance/report";
import { check } from "../../app/cli/check";
import { app, stack } from "./fixtures";
import { tempDir } from "../helpers/synth";

function captureStdout(run: () => number): { code: number; out: string } {
  let out = "";
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  try {
    return { code: run(), out };
  } finally {
    spy.mockRestore();
  }
}

describe("npm run check", () => {
  const dir = tempDir("check");
  const { code, out } = captureStdout(() => check(["--report-dir", dir]));
  const json = JSON.parse(readFileSync(join(dir, "compliance.json"), "utf8"));
  const sarif = JSON.parse(readFileSync(join(dir, "compliance.sarif"), "utf8"));

  test("passes on the default config and prints one row per check with rule, standard ids, resource and status", () => {
    expect(code).toBe(0);
    expect(out).toMatch(/^rule\s+standard ids\s+resource\s+status$/m);
    expect(out).toMatch(/^vpc-flow-logs\s+FSBP EC2\.6, CIS 3\.7, CKV2_AWS_11\s+dev-platform\/network\/vpc\s+pass$/m);
    const rows = out.split("\n").filter((l) => / (pass|FAIL|warn|suppressed)$/.test(l));
    expect(rows).toHaveLength(json.findings.length);
  });

  test("then counts what the config creates against the AWS quotas, one row per quota and place", () => {
    expect(out).toMatch(/^Roles per account\s+account 123456789012 \(all Regions\)\s+\d+\s+1,000 \(default\)\s+ok$/m);
    expect(out).toMatch(/^Trails per Region\s+account 123456789012 \(multi-region trails: every Region\)\s+1\s+5 \(hard\)\s+ok$/m);
    expect(out).not.toContain("quota error");
  });

  test("writes JSON with every rule and every finding", () => {
    expect(json.rules.map((r: any) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(json.counts.fail).toBe(0);
    expect(json.findings.every((f: any) => f.rule && f.resource && f.standardIds.length && ["pass", "suppressed"].includes(f.status))).toBe(true);
  });

  test("writes SARIF 2.1.0 with the rules in tool.driver.rules", () => {
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.name).toBe("sds-compliance");
    expect(sarif.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(sarif.runs[0].results.filter((r: any) => r.level === "error" && !r.suppressions)).toEqual([]);
  });
});

test("npm run check --synth-dir reads an existing synth and locates results in it", () => {
  const root = tempDir("check-existing");
  const synthDir = join(root, "out");
  mkdirSync(join(synthDir, "stacks", "dev-platform"), { recursive: true });
  writeFileSync(join(synthDir, "stacks", "dev-platform", "cdk.tf.json"), JSON.stringify({ resource: { aws_subnet: { pub: { map_public_ip_on_launch: true } } } }));
  const { code, out } = captureStdout(() => check(["--synth-dir", synthDir, "--report-dir", root]));
  expect(code).toBe(1);
  expect(out).toMatch(/subnet-no-public-ip\s+FSBP EC2\.15, CKV_AWS_130\s+dev-platform\/aws_subnet\.pub\s+FAIL/);
  const sarif = JSON.parse(readFileSync(join(root, "compliance.sarif"), "utf8"));
  expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(`${synthDir}/stacks/dev-platform/cdk.tf.json`);
});

describe("SARIF results", () => {
  const model = app(stack("dev-platform", { aws_subnet: { pub: { map_public_ip_on_launch: true }, priv: {} } }));
  const suppressions = [{ rule: "subnet-no-public-ip", resource: "dev-platform/aws_subnet.pub", reason: "test reason long enough to be accepted" }];

  test("a failure is an error result located in the stack's cdk.tf.json and at the resource address", () => {
    const sarif = toSarif(evaluate(model, RULES)) as any;
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r.ruleId).toBe("subnet-no-public-ip");
    expect(sarif.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(r.level).toBe("error");
    expect(r.message.text).toContain("map_public_ip_on_launch is true");
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe("cdktf.out/stacks/dev-platform/cdk.tf.json");
    expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toBe("dev-platform/aws_subnet.pub");
  });

  test("a suppressed failure carries a SARIF suppression with the reason; warn mode gives warnings", () => {
    const suppressed = (toSarif(evaluate(model, RULES, { suppressions })) as any).runs[0].results[0];
    expect(suppressed.suppressions).toEqual([{ kind: "external", justification: suppressions[0].reason }]);
    expect((toSarif(evaluate(model, RULES, { mode: "warn" })) as any).runs[0].results[0].level).toBe("warning");
  });

  test("the table shows the suppression and its reason", () => {
    const table = formatTable(evaluate(model, RULES, { suppressions }));
    expect(table).toMatch(/subnet-no-public-ip\s+FSBP EC2\.15, CKV_AWS_130\s+dev-platform\/aws_subnet\.pub\s+suppressed/);
    expect(table).toContain(`suppressed: ${suppressions[0].reason}`);
  });
});
