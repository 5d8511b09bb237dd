/**
 * Configs AWS (or safety) would refuse, refused at synth: tag keys, ARNs, name collisions across the plan, networks,
 * and the quality of the message (one fault, one line; long values clipped; a suggested fix that is itself valid).
 * Every case runs the command line (`main`, in-process) against a previous output folder and asserts the exit code,
 * the config path and the reason in the message, the number of problems, no stack trace, and the previous output
 * byte for byte as it was. A case with a `fix` applies the value the message suggests and proves the config is then
 * accepted.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { REGIONS } from "../../lib/domain/catalogue/regions";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { ConfigError, validateConfig } from "../../app/load";
import { checkPlan } from "../../app/plan/check";
import { NameKind, plan, Plan } from "../../app/plan/plan";
import { previousOutput, run, snapshot } from "../helpers/cli";
import { tempDir } from "../helpers/synth";

jest.setTimeout(120_000);

const work = tempDir("bad-input-aws");
const { out, before } = previousOutput(work, (folder) => writeFileSync(join(folder, "stacks", "dev-platform", "terraform.tfstate"), "{\"version\": 4}"));

// ---- building configs ----
type Config = any;
const base = (): Config => structuredClone(DEFAULT_CONFIG);
const change = (f: (c: Config) => void) => (): Config => {
  const c = base();
  f(c);
  return c;
};
const env0 = (c: Config) => c.environments[0];
const project0 = (c: Config) => c.environments[0].projects[0];
const studio = (c: Config, users: unknown[]) => Object.assign(project0(c), { notebooks: [], users });
const prod = (extra: Record<string, unknown> = {}) => ({ name: "prod", accountId: "210987654321", region: "us-east-1", availabilityZones: ["us-east-1a"],
  dataProtection: { administratorArns: ["arn:aws:iam::210987654321:role/sds-terraform"] }, ...extra });
/** The first `"..."` after `marker` in a message: the value it suggests. */
const suggested = (message: string, marker: string): string => {
  const m = new RegExp(`${marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} "([^"]+)"`).exec(message);
  if (!m) throw new Error(`no suggestion after ${marker} in: ${message}`);
  return m[1];
};

interface Case {
  readonly what: string;
  readonly config: () => Config | { raw: string };
  /** Text of the one problem (or of every problem given). */
  readonly expect: readonly (string | RegExp)[];
  /** Applies the suggested value of the message to the config: it must then be accepted. */
  readonly fix?: (c: Config, message: string) => void;
}

const E = "environments[0]";
const P = "environments[0].projects[0]";
const longRole = (n: number) => `arn:aws:iam::123456789012:role/${"r".repeat(n)}`;

const CASES: Case[] = [
  // ---- tags ----
  { what: "an environment tag Environment (the generated environment in another case)",
    config: change((c) => { env0(c).tags = { Environment: "dev" }; }),
    expect: [`${E}.tags.Environment: "Environment" differs only in case from the tag "environment" the app sets itself, and IAM compares tag keys case-insensitively`],
    fix: (c, m) => { env0(c).tags = { [suggested(m, "e.g.")]: "dev" }; } },
  { what: "a project tag Project", config: change((c) => { project0(c).tags = { Project: "x" }; }),
    expect: [`${P}.tags.Project: "Project" differs only in case from the tag "project"`], fix: (c, m) => { project0(c).tags = { [suggested(m, "e.g.")]: "x" }; } },
  { what: "an environment tag Owner (set through the owner field)", config: change((c) => { env0(c).tags = { Owner: "team" }; delete env0(c).owner; }),
    expect: [`${E}.tags.Owner: "Owner" differs only in case from the tag "owner" the app sets itself`, "set the value with the owner field instead"],
    fix: (c) => { env0(c).tags = {}; env0(c).owner = "team"; } },
  { what: "a project tag Name (subnets and groups carry Name)", config: change((c) => { project0(c).tags = { name: "x" }; }), expect: [`${P}.tags.name: "name" differs only in case from the tag "Name"`] },
  { what: "a user tag username (the access-control tag)", config: change((c) => { env0(c).tags = { username: "alice" }; }),
    expect: [`${E}.tags.username: "username" is the tag key the policies compare with the caller's session tag (aws:PrincipalTag/username)`, "pass as the user it names"],
    fix: (c, m) => { env0(c).tags = { [suggested(m, "e.g.")]: "alice" }; } },
  { what: "a project tag UserName", config: change((c) => { project0(c).tags = { UserName: "alice" }; }), expect: [`${P}.tags.UserName: "UserName" is the tag key the policies compare`] },
  { what: "environment tag Team and project tag team", config: change((c) => { env0(c).tags = { Team: "a" }; project0(c).tags = { team: "b" }; }),
    expect: [`${P}.tags.team: "team" differs only in case from the tag key "Team" at ${E}.tags.Team`] },
  // ---- ARNs: partition ----
  { what: "an aws-cn data scientist principal in eu-west-1", config: change((c) => { project0(c).identity.dataScientistPrincipals = ["arn:aws-cn:iam::123456789012:role/ds"]; }),
    expect: [`${P}.identity.dataScientistPrincipals[0]: the ARN is in partition aws-cn, but eu-west-1 is in aws`, "use arn:aws:iam::"] },
  { what: "an aws-us-gov CI/CD principal", config: change((c) => { project0(c).identity.cicdPrincipals = ["arn:aws-us-gov:iam::123456789012:role/ci"]; }), expect: [`${P}.identity.cicdPrincipals[0]: the ARN is in partition aws-us-gov`] },
  { what: "an aws-cn application principal", config: change((c) => { project0(c).identity.applicationPrincipals = ["arn:aws-cn:iam::123456789012:role/app"]; }), expect: [`${P}.identity.applicationPrincipals[0]: the ARN is in partition aws-cn`] },
  { what: "an aws-cn key administrator", config: change((c) => { env0(c).dataProtection.breakGlassArns = ["arn:aws-cn:iam::123456789012:role/bg"]; }), expect: [`${E}.dataProtection.breakGlassArns[0]: the ARN is in partition aws-cn`] },
  { what: "arn:aws administrators in cn-north-1", config: change((c) => {
    Object.assign(env0(c), { region: "cn-north-1", availabilityZones: ["cn-north-1a"], projects: [], audit: { trail: "account" } });
  }), expect: [`${E}.dataProtection.administratorArns[0]: the ARN is in partition aws, but cn-north-1 is in aws-cn`, "use arn:aws-cn:iam::"],
  fix: (c) => { env0(c).dataProtection.administratorArns = ["arn:aws-cn:iam::123456789012:role/sds-terraform"]; } },
  { what: "a Studio execution role in aws-cn", config: change((c) => studio(c, [{ username: "alice", executionRoleArn: "arn:aws-cn:iam::123456789012:role/alice" }])),
    expect: [`${P}.users[0].executionRoleArn: the ARN is in partition aws-cn`] },
  { what: "a Studio image in aws-us-gov", config: change((c) => { studio(c, [{ username: "alice" }]); project0(c).studio = { approvedImageArns: ["arn:aws-us-gov:sagemaker:eu-west-1:123456789012:image/team"] }; }),
    expect: [`${P}.studio.approvedImageArns[0]: the ARN is in partition aws-us-gov`] },
  { what: "a repository secret in aws-cn", config: change((c) => { project0(c).codeRepository = { type: "external", url: "https://git.example.com/t/r.git", secretArn: "arn:aws-cn:secretsmanager:eu-west-1:123456789012:secret:git" }; }),
    expect: [`${P}.codeRepository.secretArn: the ARN is in partition aws-cn`] },
  { what: "an alert queue in aws-cn", config: change((c) => { env0(c).audit.alertSubscriptions = [{ protocol: "sqs", endpoint: "arn:aws-cn:sqs:eu-west-1:123456789012:alerts" }]; }),
    expect: [`${E}.audit.alertSubscriptions[0].endpoint: the ARN is in partition aws-cn`] },
  { what: "an organization trail in aws-us-gov", config: change((c) => { env0(c).audit = { trail: "organization", organizationTrailArn: "arn:aws-us-gov:cloudtrail:us-gov-west-1:111122223333:trail/org" }; }),
    expect: [`${E}.audit.organizationTrailArn: the ARN is in partition aws-us-gov`] },
  // ---- ARNs: AWS's limits ----
  { what: "a 65-character role name", config: change((c) => { env0(c).dataProtection.administratorArns = [longRole(65)]; }),
    expect: [`${E}.dataProtection.administratorArns[0]: the role name is 65 characters; IAM role names are at most 64: shorten it by 1`] },
  { what: "a role path of 513 characters", config: change((c) => { project0(c).identity.cicdPrincipals = [`arn:aws:iam::123456789012:role/${"p".repeat(511)}/ci`]; }),
    expect: [`${P}.identity.cicdPrincipals[0]: the role's path is 513 characters; IAM paths are at most 512`] },
  { what: "a 65-character user name", config: change((c) => { project0(c).identity.dataScientistPrincipals = [`arn:aws:iam::123456789012:user/${"u".repeat(65)}`]; }),
    expect: [`${P}.identity.dataScientistPrincipals[0]: the user name is 65 characters; IAM user names are at most 64`] },
  { what: "a 129-character SAML provider", config: change((c) => { project0(c).identity.dataScientistPrincipals = [`arn:aws:iam::123456789012:saml-provider/${"s".repeat(129)}`]; }),
    expect: [`${P}.identity.dataScientistPrincipals[0]: the SAML provider name is 129 characters; IAM SAML provider names are at most 128`] },
  { what: "a 64-character image name", config: change((c) => { studio(c, [{ username: "alice" }]); project0(c).studio = { approvedImageArns: [`arn:aws:sagemaker:eu-west-1:123456789012:image/${"i".repeat(64)}`] }; }),
    expect: [`${P}.studio.approvedImageArns[0]: the image name is 64 characters; SageMaker image names are at most 63`] },
  { what: "a secret ARN over 2,048 characters", config: change((c) => { project0(c).codeRepository = { type: "external", url: "https://git.example.com/t/r.git", secretArn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${"s".repeat(2000)}` }; }),
    expect: [`${P}.codeRepository.secretArn: the secret ARN is 2053 characters; SageMaker takes at most 2048`] },
  { what: "a repository URL over 1,024 characters", config: change((c) => { project0(c).codeRepository = { type: "external", url: `https://git.example.com/${"r".repeat(1001)}` }; }),
    expect: [`${P}.codeRepository.url: the URL is 1025 characters; SageMaker takes repository URLs of at most 1024`] },
  { what: "a 5,000-character role ARN of another account (one short line each)", config: change((c) => { env0(c).dataProtection.administratorArns = [`arn:aws:iam::210987654321:role/${"x".repeat(5000)}`]; }),
    expect: [/administratorArns\[0\]: arn:aws:iam::210987654321:role\/x+\.\.\. \(5031 characters\) is in account 210987654321/, /administratorArns\[0\]: the role name is 5000 characters/] },
  // ---- collisions over the whole plan ----
  { what: "two environments with one state bucket", config: change((c) => { env0(c).backend = { type: "s3", bucket: "team-state" }; c.environments.push(prod({ backend: { type: "s3", bucket: "team-state" } })); }),
    expect: ["environments[1].backend.bucket: the state bucket would be named \"team-state\", like the state bucket (environments[0].backend.bucket, environment dev), and S3 bucket names are global; change backend.bucket"] },
  { what: "a state bucket named like another environment's trail bucket", config: change((c) => { c.environments.push(prod({ backend: { type: "s3", bucket: "sds-dev-cloudtrail-123456789012" } })); }),
    expect: ["environments[1].backend.bucket: the state bucket would be named \"sds-dev-cloudtrail-123456789012\", like the trail bucket (environments[0].name, environment dev)"] },
  { what: "two environments of one account and region with one lock table", config: change((c) => {
    env0(c).backend = { type: "s3", locking: "dynamodb", dynamodbTable: "tf-locks" };
    c.environments.push(prod({ accountId: "123456789012", region: "eu-west-1", availabilityZones: ["eu-west-1a"], audit: { sageMakerLogGroups: false },
      dataProtection: { administratorArns: ["arn:aws:iam::123456789012:role/sds-terraform"] }, backend: { type: "s3", locking: "dynamodb", dynamodbTable: "tf-locks" } }));
  }), expect: ["environments[1].backend.dynamodbTable: the state lock table would be named \"tf-locks\", like the state lock table (environments[0].backend.dynamodbTable, environment dev), and such names are unique in account 123456789012 in eu-west-1"] },
  { what: "two environments whose HCP Terraform workspaces coincide", config: change((c) => {
    env0(c).backend = { type: "cloud", organization: "acme", workspacePrefix: "a-x-" };
    c.environments.push(prod({ name: "x-dev", backend: { type: "cloud", organization: "acme", workspacePrefix: "a-" } }));
  }), expect: [/environments\[1\]\.backend\.workspacePrefix: the HCP Terraform workspace of x-dev-platform would be named "a-x-dev-platform", like the HCP Terraform workspace of dev-platform .*they are unique among the workspaces of organisation acme on app\.terraform\.io/] },
  { what: "Studio users alice and Alice (one profile)", config: change((c) => studio(c, [{ username: "alice" }, { username: "Alice" }])),
    expect: [`${P}.users[1].username: "Alice" and users[0] would be one Studio user profile`] },
  { what: "an upper-case Studio username", config: change((c) => studio(c, [{ username: "Alice" }])),
    expect: [`${P}.users[0].username: "Alice" has upper-case letters; SageMaker checks permissions against the lower-cased ARN of the user profile`, "use \"alice\""],
    fix: (c, m) => studio(c, [{ username: suggested(m, "use") }]) },
  // ---- network ----
  { what: "a /28 VPC with every default endpoint", config: change((c) => { Object.assign(env0(c), { availabilityZones: ["eu-west-1a"], network: { vpcCidr: "10.20.0.0/28" } }); }),
    expect: [`${E}.network.vpcCidr: /28 subnets have 16 addresses, but each needs 20 (5 reserved by AWS, 10 for the interface endpoints (one network interface each), 1 for notebook instances, 4 for job instances); use a /24 or larger VPC`],
    fix: (c, m) => { env0(c).network.vpcCidr = `10.20.0.0/${suggested(m.replace(/use a \/(\d+)/, "use a \"$1\""), "use a")}`; } },
  { what: "/28 subnets with Studio users", config: change((c) => { studio(c, Array.from({ length: 8 }, (_, i) => ({ username: `user${i}` }))); env0(c).network = { vpcCidr: "10.20.0.0/16", subnetPrefixLength: 28 }; }),
    expect: [`${E}.network.subnetPrefixLength: /28 subnets have 16 addresses, but each needs 28 (5 reserved by AWS, 11 for the interface endpoints (one network interface each), 8 for Studio users' apps, 4 for job instances); use subnetPrefixLength 27 or less`] },
  { what: "a zone letter eu-west-1 does not have", config: change((c) => { env0(c).availabilityZones = ["eu-west-1a", "eu-west-1d"]; }),
    expect: [`${E}.availabilityZones[1]: "eu-west-1d" is not a zone of eu-west-1, whose zones are eu-west-1a, eu-west-1b, eu-west-1c`] },
  { what: "three zones in us-west-1 (an account has two)", config: change((c) => { Object.assign(env0(c), { region: "us-west-1", availabilityZones: ["us-west-1a", "us-west-1b", "us-west-1c"], projects: [] }); }),
    expect: [`${E}.availabilityZones: 3 zones given, but an account has 2 in us-west-1`] },
  // ---- one fault, one line; files in the user's words ----
  { what: "an upper-case project name (no second, bogus Studio line)", config: change((c) => { project0(c).name = "Fraud"; }), expect: [`${P}.name: must be 2-16 lower-case letters`] },
  { what: "a bad user (no line about the front end)", config: change((c) => studio(c, [{ username: "alice smith" }])), expect: [`${P}.users[0].username: must be a user name`] },
  { what: "a bad zone in an unknown region (the region only, and the zone count)", config: change((c) => { env0(c).region = "eu-west-9"; }), expect: [`${E}.region: "eu-west-9" is not an AWS region`] },
  { what: "a username that is no profile name: the suggestion is one", config: change((c) => studio(c, [{ username: "-alice@example.com" }])),
    expect: [`${P}.users[0].username: "-alice@example.com" cannot be a Studio user profile name`, "such as \"alice\""], fix: (c, m) => studio(c, [{ username: suggested(m, "such as") }]) },
  { what: "environments dev and dev-x while devx exists: the suggestion is free", config: change((c) => { c.environments.push(prod({ name: "dev-x" }), prod({ name: "devx", region: "us-east-2", availabilityZones: ["us-east-2a"] })); }),
    expect: ["environments[1].name: \"dev-x\" starts with \"dev-\"", "(e.g. \"devx2\")"], fix: (c, m) => { c.environments[1].name = suggested(m, "e.g."); } },
  { what: "an empty file", config: () => ({ raw: "" }), expect: ["the file is empty (or holds only comments); a config needs at least an environments list"] },
  { what: "a file of comments only", config: () => ({ raw: "# nothing yet\n\n" }), expect: ["the file is empty (or holds only comments)"] },
  { what: "a YAML merge key", config: () => ({ raw: "prefix: sds\nbase: &b { region: eu-west-1 }\nenvironments:\n  - <<: *b\n    name: dev\n" }),
    expect: ["a YAML merge key (<<) on line 4 is not supported (YAML 1.2 reads it as a field named \"<<\"); write the fields out in full"] },
  { what: "several YAML documents", config: () => ({ raw: "prefix: sds\n---\nprefix: x\n---\nprefix: y\n" }),
    expect: ["the file holds 3 YAML documents (separated by ---) (line 2); a config is one document"] },
];

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;

describe.each(CASES.map((c, i) => [c.what, c, i] as const))("%s", (_what, c, i) => {
  test("is refused with the path and the reason, one line per fault, no stack trace, the previous output untouched", () => {
    const input = c.config();
    const file = join(work, `case-${i}.yaml`);
    writeFileSync(file, "raw" in input ? input.raw : stringify(input));
    const r = run("--config", file, "--out", out);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("  "));
    const matching = (e: string | RegExp) => lines.filter((l) => (typeof e === "string" ? l.includes(e) : e.test(l)));
    for (const e of c.expect) expect(matching(e).length).toBeGreaterThan(0);
    // Every problem is one of the expected: a planted fault gives its line and nothing else.
    expect(lines.filter((l) => !c.expect.some((e) => (typeof e === "string" ? l.includes(e) : e.test(l))))).toEqual([]);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(Math.max(...r.stderr.split("\n").map((l) => l.length))).toBeLessThan(700);
    expect(snapshot(out)).toEqual(before());
  });
  if (c.fix) {
    test("the fix the message suggests is accepted", () => {
      const input = c.config();
      const message = (() => {
        try {
          validateConfig(input);
        } catch (e) {
          return (e as ConfigError).problems.join("\n");
        }
        throw new Error("accepted");
      })();
      c.fix!(input, message);
      expect(() => validateConfig(input)).not.toThrow();
    });
  }
});

describe("accepted as AWS accepts it", () => {
  test("Unicode letters in tag keys and values, owner and cost centre", () => {
    const c = change((x) => {
      env0(x).tags = { "Größe": "Zoë Müller", "部署": "データ" };
      env0(x).owner = "Zoë Müller";
      project0(x).costCentre = "Forschung & Entwicklung".replace("&", "+");
    })();
    const e = plan(validateConfig(c)).environments[0];
    expect(e.tags).toMatchObject({ "Größe": "Zoë Müller", "部署": "データ", owner: "Zoë Müller" });
  });

  test.each(Object.keys(REGIONS))("the region %s, with its zones, and ARNs of its partition", (region) => {
    const partition = REGIONS[region].partition;
    const c = change((x) => {
      Object.assign(env0(x), { region, availabilityZones: [...REGIONS[region].zones].slice(0, REGIONS[region].usable ?? 6).map((l) => `${region}${l}`) });
      env0(x).dataProtection.administratorArns = [`arn:${partition}:iam::123456789012:role/sds-terraform`];
      project0(x).identity = { dataScientistPrincipals: [`arn:${partition}:iam::123456789012:role/ds`], cicdPrincipals: [`arn:${partition}:iam::123456789012:role/ci`] };
    })();
    expect(() => validateConfig(c)).not.toThrow();
  });

  test("regions added since 2024 are in the catalogue", () => {
    for (const r of ["ap-southeast-5", "ap-southeast-7", "mx-central-1", "ap-east-2", "ap-southeast-6", "ca-west-1", "il-central-1"]) expect(REGIONS[r]?.partition).toBe("aws");
  });

  test("limits are inclusive: a 64-character role name, a 63-character image name, a 1,024-character URL", () => {
    const c = change((x) => {
      env0(x).dataProtection.administratorArns = [longRole(64)];
      project0(x).codeRepository = { type: "external", url: `https://git.example.com/${"r".repeat(1000)}` };
    })();
    expect(() => validateConfig(c)).not.toThrow();
    const s = change((x) => { studio(x, [{ username: "alice" }]); project0(x).studio = { approvedImageArns: [`arn:aws:sagemaker:eu-west-1:123456789012:image/${"i".repeat(63)}`] }; })();
    expect(() => validateConfig(s)).not.toThrow();
  });
});

describe("every kind of planned name is compared with every other of its kind, in its scope", () => {
  /** The plan of the default config with Studio, a package mirror and a lock table, and a copy of its first environment as a second one. */
  function doubled(second: { accountId: string; region: string }): Plan {
    const c = change((x) => {
      project0(x).users = [{ username: "alice" }];
      project0(x).frontEnd = "both";
      project0(x).notebooks[0].owner = "alice";
      env0(x).packageMirror = { enabled: true };
      env0(x).backend = { type: "s3", locking: "both" };
    })();
    const p = plan(validateConfig(c));
    const e = p.environments[0];
    const copy = { ...e, name: "prod", index: 1, config: { ...e.config, name: "prod", ...second } };
    return { ...p, environments: [e, copy], names: [...p.names, ...p.names.map((n) => ({ ...n, environment: "prod", path: n.path.replace("environments[0]", "environments[1]") }))] };
  }
  const kindsOf = (problems: string[], p: Plan) => new Set(p.names.filter((n) => problems.some((m) => m.startsWith(`${n.path}: ${n.what} would be named "${n.name}", like`))).map((n) => n.kind));
  const ALL: NameKind[] = ["s3-bucket", "iam-role", "iam-policy", "kms-alias", "log-group", "sagemaker", "codecommit", "dynamodb-table", "sns-topic", "eventbridge-rule",
    "cloudtrail", "codeartifact-domain", "codeartifact-repository", "state-key", "metric-filter", "metric-alarm"];

  test("the same account and region: every kind collides but the VPC's security groups and the shared role path", () => {
    const p = doubled({ accountId: "123456789012", region: "eu-west-1" });
    const kinds = kindsOf(checkPlan(p), p);
    expect([...kinds].sort()).toEqual([...ALL].sort());
  });

  // The copy keeps the state bucket's name, so its state keys land in the same bucket too.
  test("another region of the account: S3 bucket names (global), IAM names (per account) and the keys of the one state bucket", () => {
    const p = doubled({ accountId: "123456789012", region: "us-east-1" });
    expect([...kindsOf(checkPlan(p), p)].sort()).toEqual(["iam-policy", "iam-role", "s3-bucket", "state-key"]);
  });

  test("another account: S3 bucket names and the keys of the one state bucket only", () => {
    const p = doubled({ accountId: "210987654321", region: "eu-west-1" });
    expect([...kindsOf(checkPlan(p), p)].sort()).toEqual(["s3-bucket", "state-key"]);
  });

  test("Studio user profiles of one domain compare without regard to case; notebook instances and profiles are apart", () => {
    const c = validateConfig(change((x) => { project0(x).users = [{ username: "alice" }]; project0(x).frontEnd = "both"; project0(x).notebooks[0].owner = "alice"; })());
    const p = plan(c);
    const profile = p.names.find((n) => n.what.startsWith("the Studio user profile"))!;
    const doubledProfile: Plan = { ...p, names: [...p.names, { ...profile, name: "ALICE", path: `${P}.users[1].username` }] };
    expect(checkPlan(doubledProfile)).toEqual([expect.stringMatching(/^environments\[0\]\.projects\[0\]\.users\[1\]\.username: the Studio user profile of alice of project fraud would be named "ALICE", like the Studio user profile .*unique in account 123456789012 in eu-west-1, whatever their case/)]);
    const notebookNamedLikeProfile: Plan = { ...p, names: [...p.names, { ...p.names.find((n) => n.namespace === "notebook instances")!, name: profile.name }] };
    expect(checkPlan(notebookNamedLikeProfile)).toEqual([]);
  });
});
