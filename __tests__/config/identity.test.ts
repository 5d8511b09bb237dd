/** The identity and notebook config: what a user may write, and the error each mistake produces (path + fix). */
import { validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { ConfigSchema } from "../../app/config/schema";
import { NOTEBOOK_INSTANCE_TYPES } from "../../lib/domain/catalogue/notebook-instance-types";
import { _InstanceType } from "@aws-sdk/client-sagemaker";
import { plan } from "../../app/plan/plan";
import { problems } from "../helpers/config";

/** The default config with its first project (and optionally environment / prefix) changed. */
function withProject(changes: Record<string, unknown>, envChanges: Record<string, unknown> = {}, prefix?: string): unknown {
  const config = structuredClone(DEFAULT_CONFIG) as any;
  Object.assign(config.environments[0], envChanges);
  Object.assign(config.environments[0].projects[0], changes);
  if (prefix) config.prefix = prefix;
  return config;
}
const notebook = (n: Record<string, unknown>) => ({ notebooks: [{ name: "alice", owner: "alice@example.com", ...n }] });


const P = "environments\\[0\\]\\.projects\\[0\\]";
const cases: [string, unknown, RegExp][] = [
  ["an unknown notebook instance type", withProject(notebook({ instanceType: "ml.t3.huge" })),
    new RegExp(`^${P}\\.notebooks\\[0\\]\\.instanceType: "ml\\.t3\\.huge" is not a SageMaker notebook instance type \\(e\\.g\\. ml\\.t3\\.medium\\)$`)],
  ["a volume below 5 GB", withProject(notebook({ volumeSizeGb: 4 })), new RegExp(`^${P}\\.notebooks\\[0\\]\\.volumeSizeGb: must be at least 5 GB$`)],
  ["a volume above 16384 GB", withProject(notebook({ volumeSizeGb: 16385 })), new RegExp(`^${P}\\.notebooks\\[0\\]\\.volumeSizeGb: must be at most 16384 GB$`)],
  ["a platform the pinned provider rejects", withProject(notebook({ platformIdentifier: "notebook-al2023-v1" })),
    new RegExp(`^${P}\\.notebooks\\[0\\]\\.platformIdentifier: must be one of notebook-al1-v1, notebook-al2-v1, notebook-al2-v2, notebook-al2-v3`)],
  ["a notebook name twice", withProject({ notebooks: [{ name: "alice", owner: "alice" }, { name: "alice", owner: "bob" }] }),
    new RegExp(`^${P}\\.notebooks\\[1\\]\\.name: "alice" is already the name of notebooks\\[0\\]; notebook names must be unique in a project$`)],
  ["a notebook name with capitals", withProject(notebook({ name: "Alice" })), new RegExp(`^${P}\\.notebooks\\[0\\]\\.name: must be lower-case letters, digits and single hyphens`)],
  ["a notebook name too long for SageMaker", withProject(notebook({ name: "a".repeat(50) })),
    new RegExp(`^${P}\\.notebooks\\[0\\]\\.name: the instance of notebook a+ of project fraud would be named "sds-dev-fraud-a+", which is 64 characters; SageMaker names are at most 63; shorten the notebook name by 1 character$`)],
  ["an owner that is no user name", withProject(notebook({ owner: "alice smith" })), new RegExp(`^${P}\\.notebooks\\[0\\]\\.owner: must be a user name`)],
  ["a data scientist principal with a wildcard", withProject({ identity: { dataScientistPrincipals: ["arn:aws:iam::123456789012:role/ds-*"] } }),
    new RegExp(`^${P}\\.identity\\.dataScientistPrincipals\\[0\\]: must be an IAM ARN without wildcards`)],
  ["an IAM group as a principal (groups cannot assume roles)", withProject({ identity: { dataScientistPrincipals: ["arn:aws:iam::123456789012:group/ds"] } }),
    new RegExp(`^${P}\\.identity\\.dataScientistPrincipals\\[0\\]: must be an IAM ARN without wildcards`)],
  ["a SAML provider as the CI/CD principal", withProject({ identity: { cicdPrincipals: ["arn:aws:iam::123456789012:saml-provider/idp"] } }),
    new RegExp(`^${P}\\.identity\\.cicdPrincipals\\[0\\]: must be an IAM ARN without wildcards, e\\.g\\. "arn:aws:iam::123456789012:role/ci-deployer"`)],
  ["an unknown identity field", withProject({ identity: { admins: [] } }), new RegExp(`^${P}\\.identity: unknown field "admins"`)],
  ["auto-stop longer than a day", withProject({ notebookAutoStopMinutes: 1441 }), new RegExp(`^${P}\\.notebookAutoStopMinutes: must be 0 \\(off\\) to 1440 minutes$`)],
  ["the SageMaker API endpoint switched off", withProject({}, { network: { interfaceEndpoints: { "sagemaker.api": false } } }),
    /^environments\[0\]\.network\.interfaceEndpoints\.sagemaker\.api: "sagemaker\.api" is switched off, but data scientists open notebooks only through it/],
];

test.each(cases)("rejects %s", (_name, input, message) => {
  const found = problems(input);
  expect(found.some((p) => message.test(p)) ? message : found).toEqual(message);
});

test("defaults: notebooks get ml.t3.medium, 20 GB, the newest platform the provider accepts, auto-stop after an hour", () => {
  const config = validateConfig(withProject({ notebooks: [{ name: "bob", owner: "bob" }] }));
  const project = config.environments[0].projects[0];
  expect(project.notebooks[0]).toEqual({ name: "bob", owner: "bob", instanceType: "ml.t3.medium", volumeSizeGb: 20, platformIdentifier: "notebook-al2-v3" });
  expect(project.notebookAutoStopMinutes).toBe(60);
  const bare = validateConfig(withProject({ identity: undefined, notebooks: undefined })).environments[0].projects[0];
  expect(bare.identity).toEqual({ dataScientistPrincipals: [], cicdPrincipals: [], serviceCatalog: false, applicationPrincipals: [], requireMfa: false, requireSourceIdentity: false, dataScientistConsole: false });
  expect(bare.notebooks).toEqual([]);
});

test("accepts every principal kind for data scientists", () => {
  const principals = ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:saml-provider/corp-idp",
    "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DS_0123456789abcdef"];
  expect(validateConfig(withProject({ identity: { dataScientistPrincipals: principals } })).environments[0].projects[0].identity.dataScientistPrincipals).toEqual(principals);
});

test("the notebook instance types are exactly the SageMaker API's", () => {
  expect([...NOTEBOOK_INSTANCE_TYPES].sort()).toEqual(Object.values(_InstanceType).sort());
});

test("role names fit IAM's 64 characters even with the longest prefix, environment and project names", () => {
  // The schema alone: with these names the project buckets exceed S3's 63 characters, which the plan check refuses.
  const config = ConfigSchema.parse(withProject({ name: "fraud-detection1" }, { name: "development-eu-1" }, "sdsplatfrm"));
  const roles = Object.values(plan(config).environments[0].projects[0].roles);
  expect(Math.max(...roles.map((r) => r.name.length))).toBe(64);
});
