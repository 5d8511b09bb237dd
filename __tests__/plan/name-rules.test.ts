/**
 * Every planned name held against the rule AWS applies: at the rule's limit a name is accepted (and synthesizes,
 * and a sample passes `terraform validate`: __tests__/terraform/name-rules.test.ts), one character more is refused at validation, before anything is
 * built, with the config path, the generated name, the rule and how much to shorten.
 */
import { ConfigError, validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { ConfigSchema } from "../../app/config/schema";
import { checkPlan } from "../../app/plan/check";
import { plan, NameKind } from "../../app/plan/plan";
import { NAME_RULES, nameProblem } from "../../app/plan/rules";
import { withChanges as config } from "../helpers/config";
import { synthConfig } from "../helpers/synth";

jest.setTimeout(180_000);

function problems(input: unknown): string[] {
  try {
    validateConfig(input);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

/** A name of exactly `length` characters that follows the rule of `kind`. */
function nameOf(kind: NameKind, length: number): string {
  const start = { "kms-alias": "alias/", "iam-path": "/", "state-key": "" }[kind as string] ?? "";
  const end = kind === "iam-path" ? "/" : "";
  return start + "a".repeat(length - start.length - end.length) + end;
}

describe("the rule of each kind of name, at its limit", () => {
  test.each(Object.entries(NAME_RULES) as [NameKind, (typeof NAME_RULES)[NameKind]][])("%s: the longest name accepted, one more character refused", (kind, rule) => {
    expect(nameProblem(kind, nameOf(kind, rule.max))).toBeUndefined();
    expect(nameProblem(kind, nameOf(kind, rule.max + 1))).toEqual({ problem: expect.stringContaining(`at most ${rule.max}`), over: 1 });
  });

  test.each([
    ["s3-bucket", "192.168.10.1", "IP address"], ["s3-bucket", "xn--data-bucket", "xn--"], ["s3-bucket", "sthree-data", "sthree-"],
    ["s3-bucket", "amzn-s3-demo-state", "amzn-s3-demo-"], ["s3-bucket", "state-s3alias", "-s3alias"], ["s3-bucket", "state--ol-s3", "--ol-s3"],
    ["s3-bucket", "state--x-s3", "--x-s3"], ["s3-bucket", "state..bucket", "adjacent dots"], ["s3-bucket", "State-bucket", "lower-case"],
    ["s3-bucket", "ab", "at least 3"], ["kms-alias", "alias/aws/state", "alias/aws/"], ["sagemaker", "nb--", "letters, digits and hyphens"],
    ["sagemaker", "nb_1", "letters, digits and hyphens"], ["codecommit", "repo.git", ".git"], ["dynamodb-table", "ab", "at least 3"],
    ["sns-topic", "alerts.fifo.x", "letters, digits, hyphens"], ["log-group", "/a b", "._-/#"], ["iam-role", "role name", "_+=,.@-"],
    ["security-group", "sg-data", "sg-"], ["state-key", "\u00e9".repeat(513), "1026 bytes"],
  ] as [NameKind, string, string][])("%s %s is refused (%s)", (kind, name, why) => {
    expect(nameProblem(kind, name)?.problem).toContain(why);
  });
});

describe("names built from the config", () => {
  // acme-<16>-<16>-access-logs-123456789012: 63 characters with 16-character environment and project names.
  const longestProject = "p".repeat(16);
  const env16 = "e".repeat(16);
  const bucket63 = config({ name: env16 }, { name: longestProject, notebooks: [] }, { prefix: "acme" });

  test("the longest project bucket name (63 characters) is accepted and synthesizes; one more is refused with the fix", () => {
    const p = plan(validateConfig(bucket63));
    const accessLogs = p.environments[0].projects[0].bucket("access-logs");
    expect(accessLogs.length).toBe(63);
    expect(problems(bucket63)).toEqual([]);
    const longer = config({ name: env16 }, { name: longestProject, notebooks: [] }, { prefix: "acmex" });
    const found = problems(longer);
    expect(found).toContain(`environments[0].projects[0].name: the access-logs bucket of project ${longestProject} would be named "acmex-${env16}-${longestProject}-access-logs-123456789012", which is 64 characters; S3 bucket names are at most 63; shorten the prefix, environment or project name by 1 character`);
  });

  test("the longest notebook instance name (63 characters) is accepted; one more is refused", () => {
    const nb = (n: number) => config({}, { notebooks: [{ name: "n".repeat(n), owner: "alice" }] });
    // sds-dev-fraud- is 14 characters
    expect(problems(nb(49))).toEqual([]);
    expect(problems(nb(50)).join("\n")).toMatch(/^environments\[0\]\.projects\[0\]\.notebooks\[0\]\.name: .*is 64 characters; SageMaker names are at most 63; shorten .* by 1 character/m);
  });

  test("the state object key: 1,024 bytes accepted, 1,025 refused at backend.keyPrefix", () => {
    // the longest key is the project stack's: <keyPrefix>dev-project-fraud/terraform.tfstate (35 characters after the prefix)
    const keyPrefix = (n: number) => `${"k".repeat(n - 1)}/`;
    expect(problems(config({ backend: { type: "s3", keyPrefix: keyPrefix(1024 - 35) } }))).toEqual([]);
    expect(problems(config({ backend: { type: "s3", keyPrefix: keyPrefix(1025 - 35) } }))).toEqual([
      expect.stringMatching(/^environments\[0\]\.backend\.keyPrefix: the state object key of dev-project-fraud would be named "k{200}\.\.\. \(1025 characters\)", which is 1025 bytes; S3 object keys \(the state key\) are at most 1024; shorten backend\.keyPrefix by 1 character$/),
    ]);
  });

  test.each([
    ["192.168.10.10", "IP address"], ["xn--state-bucket", "xn--"], ["sthree-state", "sthree-"], ["amzn-s3-demo-state", "amzn-s3-demo-"],
    ["team-state-s3alias", "-s3alias"], ["team-state--ol-s3", "--ol-s3"], ["team-state--x-s3", "--x-s3"], ["team..state", "adjacent dots"],
  ])("a user-supplied state bucket %p is refused (%s) at backend.bucket", (bucket, why) => {
    const found = problems(config({ backend: { type: "s3", bucket } }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^environments\[0\]\.backend\.bucket: the state bucket would be named /);
    expect(found[0]).toContain(why);
  });

  test("limits the config's field lengths cannot reach: at the longest prefix, environment and project names every other name fits", () => {
    // prefix 10, environment 16, project 16 characters: only the project buckets can overflow (they are checked above).
    const c = config({ name: "e".repeat(16), projects: [{ ...DEFAULT_CONFIG.environments[0].projects![0], name: "p".repeat(16), notebooks: [] }] }, {}, { prefix: "x".repeat(10) });
    const p = plan(validateConfig({ ...c, environments: [{ ...c.environments[0], projects: [] }] }));
    expect(checkPlan(p)).toEqual([]);
    const withProject = plan(ConfigSchema.parse(c)); // the schema alone: the plan check would refuse the buckets
    const over = checkPlan(withProject);
    expect(over.length).toBeGreaterThan(0);
    expect(over.every((m) => /bucket .* S3 bucket names are at most 63/.test(m))).toBe(true);
    const roles = withProject.names.filter((n) => n.kind === "iam-role").map((n) => n.name.length);
    expect(Math.max(...roles)).toBe(64); // <44-character base>-endpoint-invocation: exactly IAM's limit
  });
});

describe("projects whose names patterns would reach each other", () => {
  const twoProjects = (a: string, b: string) => {
    const c = config();
    const p0 = c.environments[0].projects[0];
    c.environments[0].projects = [{ ...p0, name: a, notebooks: [] }, { ...p0, name: b, notebooks: [] }];
    return c;
  };

  test("fraud and fraud-x are refused, whichever comes first", () => {
    for (const [a, b, at] of [["fraud", "fraud-x", 1], ["fraud-x", "fraud", 0]] as const) {
      expect(problems(twoProjects(a, b))).toEqual([expect.stringMatching(new RegExp(`^environments\\[0\\]\\.projects\\[${at}\\]\\.name: "fraud-x" starts with the project name "fraud" and a hyphen, so fraud's name patterns \\(sds-dev-fraud-\\*\\)`))]);
    }
  });

  test.each(["tfstate", "cloudtrail", "security", "vpc", "sagemaker"])("a project named %p (an environment resource's name) is refused", (name) => {
    const c = config({}, { name });
    expect(problems(c)).toEqual([expect.stringMatching(new RegExp(`^environments\\[0\\]\\.projects\\[0\\]\\.name: the project's name patterns \\(sds-dev-${name}-\\*\\) would match`))]);
  });

  test("fraud and fraudx are accepted, and no wildcard pattern of fraud's stack matches a resource of fraudx", () => {
    const synth = synthConfig(validateConfig(twoProjects("fraud", "fraudx")), "overlap");
    const patterns = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === "string") { if (v.includes("*") && v.includes("fraud")) patterns.add(v); }
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    const stack = synth.stack("dev-project-fraud");
    walk(stack);
    for (const policy of Object.values<any>(stack.resource.aws_iam_policy ?? {})) walk(JSON.parse(policy.policy));
    expect(patterns.size).toBeGreaterThan(3);
    const p = plan(validateConfig(twoProjects("fraud", "fraudx")));
    const other = p.environments[0].projects[1];
    const arns = p.names.filter((n) => n.project === "fraudx").flatMap((n) => [n.name,
      `arn:aws:s3:::${n.name}`, `arn:aws:s3:::${n.name}/x`, `arn:aws:iam::123456789012:role/sagemaker-project/${n.name}`,
      `arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/${n.name}`, `arn:aws:kms:eu-west-1:123456789012:${n.name}`]);
    expect(arns).toContain(`arn:aws:s3:::${other.bucket("data")}`);
    const glob = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    const crossing = [...patterns].flatMap((g) => arns.filter((a) => glob(g).test(a)).map((a) => `${g} matches ${a}`));
    expect(crossing).toEqual([]);
  });
});
