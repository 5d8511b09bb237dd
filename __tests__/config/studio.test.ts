/** The front-end config (Studio, notebooks, both) and its users: defaults, and the error each mistake produces (path + fix). */
import { validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { featureEndpoints } from "../../app/config/data-protection";
import { problems } from "../helpers/config";

/** The default config with its first project (and optionally environment) changed. */
function withProject(changes: Record<string, unknown>, envChanges: Record<string, unknown> = {}): unknown {
  const config = structuredClone(DEFAULT_CONFIG) as any;
  Object.assign(config.environments[0], envChanges);
  Object.assign(config.environments[0].projects[0], changes);
  return config;
}
const studio = (changes: Record<string, unknown> = {}, env: Record<string, unknown> = {}) => withProject({ notebooks: [], users: [{ username: "alice" }], ...changes }, env);

const P = "environments\\[0\\]\\.projects\\[0\\]";
const cases: [string, unknown, RegExp][] = [
  ["an unknown front end", studio({ frontEnd: "canvas" }), new RegExp(`^${P}\\.frontEnd: must be one of studio, notebooks, both$`)],
  ["Studio without users", withProject({ frontEnd: "studio", notebooks: [] }),
    new RegExp(`^${P}\\.users: frontEnd "studio" gives each user a Studio profile, but no users are listed; add users: \\[\\{ username: "alice" \\}\\]$`)],
  ["a user listed twice", studio({ users: [{ username: "alice" }, { username: "alice" }] }),
    new RegExp(`^${P}\\.users\\[1\\]\\.username: "alice" is already listed as users\\[0\\]; list each person once$`)],
  ["an e-mail address as a Studio user name", studio({ users: [{ username: "alice@example.com" }] }),
    new RegExp(`^${P}\\.users\\[0\\]\\.username: "alice@example\\.com" cannot be a Studio user profile name .* use a user name such as "alice"`)],
  ["a user instance type outside the project's list", studio({ users: [{ username: "alice", instanceTypes: ["ml.m5.large"] }] }),
    new RegExp(`^${P}\\.users\\[0\\]\\.instanceTypes\\[0\\]: "ml\\.m5\\.large" is not in the project's studio\\.instanceTypes \\(ml\\.t3\\.medium\\); add it there or remove it here$`)],
  ["an unknown instance type", studio({ studio: { instanceTypes: ["ml.t3.huge"] } }),
    new RegExp(`^${P}\\.studio\\.instanceTypes\\[0\\]: "ml\\.t3\\.huge" is not a SageMaker Studio app instance type`)],
  ["an instance type the pinned provider refuses", studio({ studio: { instanceTypes: ["ml.g7e.xlarge"] } }),
    new RegExp(`^${P}\\.studio\\.instanceTypes\\[0\\]: "ml\\.g7e\\.xlarge" is not a SageMaker Studio app instance type hashicorp/aws 5\\.100\\.0 accepts`)],
  ["an empty instance type list", studio({ studio: { instanceTypes: [] } }), new RegExp(`^${P}\\.studio\\.instanceTypes: list at least one instance type`)],
  ["an execution role of another account", studio({ users: [{ username: "alice", executionRoleArn: "arn:aws:iam::111122223333:role/alice" }] }),
    new RegExp(`^${P}\\.users\\[0\\]\\.executionRoleArn: the role is in account 111122223333, but Studio passes it in the environment's account 123456789012`)],
  ["an execution role that is no role ARN", studio({ users: [{ username: "alice", executionRoleArn: "alice-role" }] }),
    new RegExp(`^${P}\\.users\\[0\\]\\.executionRoleArn: must be an IAM role ARN`)],
  ["idle shutdown below Studio's minimum", studio({ studio: { idleShutdownMinutes: 30 } }),
    new RegExp(`^${P}\\.studio\\.idleShutdownMinutes: must be 60 to 525600 minutes`)],
  ["an unknown auth mode", studio({ studio: { authMode: "OIDC" } }), new RegExp(`^${P}\\.studio\\.authMode: must be "IAM"`)],
  ["an approved image that is no image ARN", studio({ studio: { approvedImageArns: ["python:3.11"] } }),
    new RegExp(`^${P}\\.studio\\.approvedImageArns\\[0\\]: must be a SageMaker image ARN`)],
  ["notebooks with frontEnd studio", withProject({ frontEnd: "studio", users: [{ username: "alice" }] }),
    new RegExp(`^${P}\\.notebooks: frontEnd is "studio", but notebook instances are listed; set frontEnd: both`)],
  ["a notebook owner who is not a user", withProject({ frontEnd: "both", users: [{ username: "bob" }] }),
    new RegExp(`^${P}\\.notebooks\\[0\\]\\.owner: "alice@example\\.com" is not in the project's users`)],
  ["Studio settings of a user with frontEnd notebooks", withProject({ users: [{ username: "alice", instanceTypes: ["ml.t3.medium"] }], notebooks: [] , frontEnd: "notebooks" }),
    new RegExp(`^${P}\\.users\\[0\\]: instance types and execution roles of users apply to Studio, and frontEnd is "notebooks"`)],
  ["the studio endpoint switched off while a project uses Studio", studio({}, ),
    /^environments\[0\]\.network\.interfaceEndpoints\.studio: "studio" is switched off, but projects\[0\]\.frontEnd \(studio\) needs it/],
];
// The last case needs the switch on the environment.
(cases[cases.length - 1][1] as any).environments[0].network = { vpcCidr: "10.20.0.0/16", interfaceEndpoints: { studio: false } };

test.each(cases)("rejects %s", (_name, input, message) => {
  const found = problems(input);
  expect(found.some((p) => message.test(p)) ? message : found).toEqual(message);
});

test("default front end: Studio for a project that lists users and no notebooks; notebooks for configs written before Studio", () => {
  const s = validateConfig(studio()).environments[0].projects[0];
  expect(s.frontEnd).toBe("studio");
  expect(s.studio).toEqual({ authMode: "IAM", instanceTypes: ["ml.t3.medium"], idleShutdownMinutes: 60, approvedImageArns: [] });
  expect(validateConfig(DEFAULT_CONFIG).environments[0].projects[0].frontEnd).toBe("notebooks");
  expect(validateConfig(withProject({ notebooks: [] })).environments[0].projects[0].frontEnd).toBe("notebooks");
  const both = validateConfig(withProject({ frontEnd: "both", users: [{ username: "alice" }], notebooks: [{ name: "alice", owner: "alice" }] })).environments[0].projects[0];
  expect(both.frontEnd).toBe("both");
});

test("the studio interface endpoint is switched on by a project that uses Studio, and only then", () => {
  expect(featureEndpoints(validateConfig(studio()).environments[0]).map((f) => f.endpoint)).toContain("studio");
  expect(featureEndpoints(validateConfig(DEFAULT_CONFIG).environments[0]).map((f) => f.endpoint)).not.toContain("studio");
});

test("an environment whose projects all use Studio may switch the notebook UI endpoint off; one with notebook instances may not", () => {
  const off = { network: { vpcCidr: "10.20.0.0/16", interfaceEndpoints: { notebook: false } } };
  expect(validateConfig(studio({}, off)).environments[0].network.interfaceEndpoints.notebook).toBe(false);
  expect(problems(withProject({}, off))).toEqual([expect.stringMatching(/^environments\[0\]\.network\.interfaceEndpoints\.notebook: "notebook" is switched off/)]);
});
