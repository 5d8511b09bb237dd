/**
 * The bad-input suite: every case runs the command line (`main`, in-process) against a previous output folder
 * and asserts the exit code, the config path (or --out, or the file's problem) in the message, that no stack
 * trace is printed, and that the previous output folder - with Terraform's files planted in it - is byte for byte
 * what it was. Then the success paths of the output folder: swapped whole, Terraform's files kept, folders of
 * removed stacks gone.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { previousOutput, run, snapshot } from "../helpers/cli";
import { tempDir } from "../helpers/synth";

jest.setTimeout(120_000);

const work = tempDir("bad-input");
const { out, before } = previousOutput(work, (folder) => {
  // What Terraform leaves in a stack folder after init and a local apply.
  mkdirSync(join(folder, "stacks", "dev-platform", ".terraform", "providers"), { recursive: true });
  writeFileSync(join(folder, "stacks", "dev-platform", ".terraform", "providers", "marker"), "provider");
  writeFileSync(join(folder, "stacks", "dev-platform", "terraform.tfstate"), "{\"version\": 4}");
  writeFileSync(join(work, "a-file"), "not a folder");
  execFileSync("mkfifo", [join(work, "fifo.yaml")]);
});

// ---- the cases ----

type Input = { config: unknown; ext?: "yaml" | "json" } | { raw: string | Buffer; ext: "yaml" | "json" } | { args: string[] };
interface Case { readonly what: string; readonly input: Input; readonly expect: string | RegExp; readonly code?: number }

const base = (): any => structuredClone(DEFAULT_CONFIG);
/** The default config with its first environment changed. */
const env = (changes: Record<string, unknown>): Input => {
  const c = base();
  Object.assign(c.environments[0], changes);
  return { config: c };
};
/** The default config with its first project changed. */
const project = (changes: Record<string, unknown>): Input => {
  const c = base();
  Object.assign(c.environments[0].projects[0], changes);
  return { config: c };
};
const notebook = (changes: Record<string, unknown>) => project({ notebooks: [{ name: "alice", owner: "alice", ...changes }] });
const top = (changes: Record<string, unknown>): Input => ({ config: { ...base(), ...changes } });
const secondEnv = (changes: Record<string, unknown>): Input => {
  const c = base();
  c.environments.push({ name: "prod", accountId: "210987654321", region: "us-east-1", availabilityZones: ["us-east-1a"], ...changes });
  return { config: c };
};
const projects = (...names: string[]): Input => {
  const c = base();
  const p0 = c.environments[0].projects[0];
  c.environments[0].projects = names.map((name) => ({ ...p0, name, notebooks: [] }));
  return { config: c };
};
const external = (changes: Record<string, unknown>) => project({ codeRepository: { type: "external", url: "https://git.example.com/team/repo.git", ...changes } });
const s3 = (changes: Record<string, unknown>) => env({ backend: { type: "s3", ...changes } });
const cloud = (changes: Record<string, unknown>) => env({ backend: { type: "cloud", organization: "acme", ...changes } });
const yaml = (text: string): Input => ({ raw: text, ext: "yaml" });
const E = "environments[0]";
const P = "environments[0].projects[0]";

const CASES: Case[] = [
  // top level
  { what: "an upper-case prefix", input: top({ prefix: "SDS" }), expect: "prefix: must be 2-10 lower-case" },
  { what: "an 11-character prefix", input: top({ prefix: "abcdefghijk" }), expect: "prefix: must be 2-10" },
  { what: "a numeric prefix", input: top({ prefix: 42 }), expect: "prefix: expected string, got 42" },
  { what: "no environments", input: { config: { prefix: "sds" } }, expect: "environments: is required" },
  { what: "an empty environment list", input: top({ environments: [] }), expect: "environments: at least one environment" },
  { what: "an unknown top-level field", input: top({ regoin: "eu-west-1" }), expect: "(top level): unknown field \"regoin\"" },
  { what: "an unknown compliance mode", input: top({ compliance: { mode: "off" } }), expect: "compliance.mode:" },
  { what: "a suppression of an unknown rule", input: top({ compliance: { suppressions: [{ rule: "no-such-rule", resource: "*", reason: "x".repeat(40) }] } }), expect: "compliance.suppressions[0].rule: \"no-such-rule\" is not a compliance rule" },
  { what: "a suppression without a real reason", input: top({ compliance: { suppressions: [{ rule: "s3-versioning", resource: "*", reason: "because" }] } }), expect: "compliance.suppressions[0].reason: must explain" },
  // environment names and identity
  { what: "an upper-case environment name", input: env({ name: "Dev" }), expect: `${E}.name: must be 2-16` },
  { what: "an environment name ending in a hyphen", input: env({ name: "dev-" }), expect: `${E}.name: must be 2-16` },
  { what: "a 17-character environment name", input: env({ name: "e".repeat(17) }), expect: `${E}.name: must be 2-16` },
  { what: "an 11-digit account", input: env({ accountId: "12345678901" }), expect: `${E}.accountId: must be a 12-digit` },
  { what: "a numeric account", input: env({ accountId: 123456789012 }), expect: `${E}.accountId: expected string, got 123456789012` },
  { what: "the region constructor", input: env({ region: "constructor" }), expect: `${E}.region: "constructor" is not an AWS region` },
  { what: "the region __proto__", input: env({ region: "__proto__" }), expect: `${E}.region: "__proto__" is not an AWS region` },
  { what: "the region toString", input: env({ region: "toString" }), expect: `${E}.region: "toString" is not an AWS region` },
  { what: "the region hasOwnProperty", input: env({ region: "hasOwnProperty" }), expect: `${E}.region: "hasOwnProperty" is not an AWS region` },
  { what: "an unknown region", input: env({ region: "eu-west-9" }), expect: `${E}.region: "eu-west-9" is not an AWS region` },
  { what: "seven zones", input: env({ availabilityZones: ["a", "b", "c", "d", "e", "f", "g"].map((z) => `eu-west-1${z}`) }), expect: `${E}.availabilityZones: 7 zones given` },
  { what: "a zone of another region", input: env({ availabilityZones: ["us-east-1a"] }), expect: `${E}.availabilityZones[0]: "us-east-1a" is not a zone of eu-west-1` },
  { what: "a zone twice", input: env({ availabilityZones: ["eu-west-1a", "eu-west-1a"] }), expect: `${E}.availabilityZones[1]: "eu-west-1a" is listed twice` },
  // network
  { what: "a /33 VPC", input: env({ network: { vpcCidr: "10.20.0.0/33" } }), expect: `${E}.network.vpcCidr: "10.20.0.0/33" is not an IPv4 CIDR` },
  { what: "a VPC CIDR with leading zeros", input: env({ network: { vpcCidr: "010.020.0.0/16" } }), expect: `${E}.network.vpcCidr: "010.020.0.0/16" is not written in canonical form; write 10.20.0.0/16` },
  { what: "a VPC CIDR with host bits", input: env({ network: { vpcCidr: "10.20.0.1/16" } }), expect: `${E}.network.vpcCidr: "10.20.0.1/16" has host bits set` },
  { what: "a public VPC CIDR", input: env({ network: { vpcCidr: "8.8.0.0/16" } }), expect: `${E}.network.vpcCidr: 8.8.0.0/16 is not in a private range` },
  { what: "a /8 VPC", input: env({ network: { vpcCidr: "10.0.0.0/8" } }), expect: `${E}.network.vpcCidr: /8 is outside what a VPC allows` },
  { what: "a /29 subnet", input: env({ network: { vpcCidr: "10.20.0.0/16", subnetPrefixLength: 29 } }), expect: `${E}.network.subnetPrefixLength:` },
  { what: "subnets that do not fit the zones", input: env({ network: { vpcCidr: "10.20.0.0/28", subnetPrefixLength: 28 } }), expect: `${E}.network.subnetPrefixLength: /28 subnets leave room for 1` },
  { what: "an unknown interface endpoint", input: env({ network: { interfaceEndpoints: { foo: true } } }), expect: `${E}.network.interfaceEndpoints.foo: "foo" is not in the endpoint catalogue` },
  { what: "the sagemaker.api endpoint switched off", input: env({ network: { interfaceEndpoints: { "sagemaker.api": false } } }), expect: `${E}.network.interfaceEndpoints.sagemaker.api: "sagemaker.api" is switched off` },
  { what: "a bare * as allowed bucket", input: env({ network: { s3AllowedBuckets: ["*"] } }), expect: `${E}.network.s3AllowedBuckets[0]: must name buckets with at least 3 letters or digits` },
  { what: "*.* as allowed bucket", input: env({ network: { s3AllowedBuckets: ["*.*"] } }), expect: `${E}.network.s3AllowedBuckets[0]: must name buckets` },
  { what: "an upper-case allowed bucket", input: env({ network: { s3AllowedBuckets: ["Corp-Data"] } }), expect: `${E}.network.s3AllowedBuckets[0]: must be an S3 bucket name` },
  // logs
  { what: "a retention CloudWatch does not offer", input: env({ logs: { retentionDays: 42 } }), expect: `${E}.logs.retentionDays: must be one of CloudWatch's retention periods` },
  { what: "a short retention without a reason", input: env({ logs: { retentionDays: 30 } }), expect: `${E}.logs.retentionDays: 30 days is below the 365` },
  { what: "a retention of .inf", input: yaml("environments:\n  - name: dev\n    accountId: '123456789012'\n    region: eu-west-1\n    availabilityZones: [eu-west-1a]\n    logs: { retentionDays: .inf }\n"), expect: `${E}.logs.retentionDays: .inf is not a number` },
  { what: "a retention of .nan", input: yaml("environments:\n  - name: dev\n    accountId: '123456789012'\n    region: eu-west-1\n    availabilityZones: [eu-west-1a]\n    logs: { retentionDays: .nan }\n"), expect: `${E}.logs.retentionDays: .nan is not a number` },
  // tags
  { what: "a tag key starting with aws:", input: env({ tags: { "aws:team": "ds" } }), expect: `${E}.tags.aws:team: tag keys starting with "aws:" are reserved` },
  { what: "a tag key starting with AWS:", input: env({ tags: { "AWS:team": "ds" } }), expect: `${E}.tags.AWS:team: tag keys starting with "aws:" are reserved` },
  { what: "a 257-character tag value", input: env({ tags: { team: "v".repeat(257) } }), expect: `${E}.tags.team: tag values are at most 256` },
  { what: "a tag value with < and >", input: env({ tags: { team: "<ds>" } }), expect: `${E}.tags.team: the value "<ds>" has characters AWS does not allow in tags` },
  { what: "a tag key with !", input: env({ tags: { "team!": "ds" } }), expect: `${E}.tags.team!: tag keys are 1-128` },
  { what: "49 tags (51 with a resource's own)", input: env({ tags: Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`t${i}`, "x"])) }), expect: `${E}.tags: resources would carry 49 default tags plus up to 2 of their own, over AWS's 50 per resource; remove 1 tag` },
  { what: "project tags that push a resource over 50", input: project({ tags: Object.fromEntries(Array.from({ length: 44 }, (_, i) => [`p${i}`, "x"])) }), expect: `${P}.tags: resources would carry 49 default tags` },
  { what: "a project tag key starting with aws:", input: project({ tags: { "aws:cost": "1" } }), expect: `${P}.tags.aws:cost: tag keys starting with "aws:" are reserved` },
  { what: "an owner with a comma", input: env({ owner: "data, platform" }), expect: `${E}.owner: must be 1-256 letters` },
  // emulator
  { what: "an ftp emulator URL", input: env({ emulator: { endpoint: "ftp://127.0.0.1:5000" } }), expect: `${E}.emulator.endpoint: must be a URL such as http://127.0.0.1:5000 (http or https)` },
  { what: "a javascript: emulator URL", input: env({ emulator: { endpoint: "javascript:alert(1)" } }), expect: `${E}.emulator.endpoint: must be a URL` },
  { what: "an emulator endpoint that is no URL", input: env({ emulator: { endpoint: "localhost 5000" } }), expect: `${E}.emulator.endpoint: must be a URL` },
  // state backend
  { what: "an unknown backend type", input: env({ backend: { type: "gcs" } }), expect: `${E}.backend` },
  { what: "a state bucket that is an IP address", input: s3({ bucket: "192.168.10.10" }), expect: `${E}.backend.bucket: the state bucket would be named "192.168.10.10", which must not be formatted as an IP address` },
  { what: "a state bucket starting with xn--", input: s3({ bucket: "xn--state" }), expect: `${E}.backend.bucket: the state bucket would be named "xn--state", which must not start with "xn--"` },
  { what: "a state bucket starting with sthree-", input: s3({ bucket: "sthree-state" }), expect: `${E}.backend.bucket: the state bucket would be named "sthree-state", which must not start with "sthree-"` },
  { what: "a state bucket ending with -s3alias", input: s3({ bucket: "team-state-s3alias" }), expect: `${E}.backend.bucket: the state bucket would be named "team-state-s3alias", which must not end with "-s3alias"` },
  { what: "a state bucket ending with --x-s3", input: s3({ bucket: "team-state--x-s3" }), expect: `${E}.backend.bucket: the state bucket would be named "team-state--x-s3", which must not end with "--x-s3"` },
  { what: "an upper-case state bucket", input: s3({ bucket: "Team-State" }), expect: `${E}.backend.bucket: must be an S3 bucket name` },
  { what: "a state key prefix without a trailing slash", input: s3({ keyPrefix: "sagemaker" }), expect: `${E}.backend.keyPrefix: must be empty or path segments` },
  { what: "a state key longer than 1,024 bytes", input: s3({ keyPrefix: `${"k".repeat(1000)}/` }), expect: `${E}.backend.keyPrefix: the state object key of dev-project-fraud would be named` },
  { what: "a lock table with lockfile locking", input: s3({ dynamodbTable: "locks" }), expect: `${E}.backend.dynamodbTable: a lock table is named but locking is "lockfile"` },
  { what: "a two-character lock table", input: s3({ locking: "dynamodb", dynamodbTable: "ab" }), expect: `${E}.backend.dynamodbTable: must be a DynamoDB table name` },
  { what: "an HCP Terraform organisation with a space", input: cloud({ organization: "acme corp" }), expect: `${E}.backend.organization: must be an HCP Terraform organisation name` },
  { what: "HCP Terraform with the emulator", input: { config: (() => { const c: any = (cloud({}) as any).config; c.environments[0].emulator = { endpoint: "http://127.0.0.1:5000" }; return c; })() }, expect: `${E}.backend.type: the emulator runs on this machine` },
  { what: "tagged workspaces with projects", input: cloud({ workspaces: "tagged", tags: ["ds"] }), expect: `${E}.backend.workspaces: project stacks read the platform stack's outputs` },
  { what: "an assume-role ARN in another account", input: env({ assumeRoleArn: "arn:aws:iam::210987654321:role/deploy" }), expect: `${E}.assumeRoleArn: the role is in account 210987654321` },
  { what: "a malformed assume-role ARN", input: env({ assumeRoleArn: "deploy" }), expect: `${E}.assumeRoleArn: must be an IAM role ARN` },
  // audit
  { what: "an organization trail without its ARN", input: env({ audit: { trail: "organization" } }), expect: `${E}.audit.organizationTrailArn: with trail "organization"` },
  { what: "trail files kept 30 days", input: env({ audit: { trailFileRetentionDays: 30 } }), expect: `${E}.audit.trailFileRetentionDays: trail files must be kept at least 365 days` },
  { what: "alerts over plain http", input: env({ audit: { alertSubscriptions: [{ protocol: "http", endpoint: "http://x.example.com" }] } }), expect: `${E}.audit.alertSubscriptions[0].protocol: must be one of` },
  { what: "an alert e-mail without @", input: env({ audit: { alertSubscriptions: [{ protocol: "email", endpoint: "security" }] } }), expect: `${E}.audit.alertSubscriptions[0].endpoint: "security" is not a valid email endpoint` },
  { what: "an https alert to an http URL", input: env({ audit: { alertSubscriptions: [{ protocol: "https", endpoint: "http://alerts.example.com" }] } }), expect: `${E}.audit.alertSubscriptions[0].endpoint: "http://alerts.example.com" is not a valid https endpoint` },
  { what: "SageMaker's log groups twice in one account and region", input: secondEnv({ accountId: "123456789012", region: "eu-west-1", availabilityZones: ["eu-west-1a"] }), expect: "environments[1].audit.sageMakerLogGroups: environments[0] already creates SageMaker's log groups" },
  // data protection
  { what: "projects without administrators", input: env({ dataProtection: { administratorArns: [] } }), expect: `${E}.dataProtection.administratorArns: the project buckets deny access` },
  { what: "audit evidence buckets and nobody who may configure them", input: env({ projects: [], dataProtection: { administratorArns: [] } }), expect: `${E}.dataProtection.administratorArns: the audit evidence buckets (trail, access logs) deny configuration changes` },
  { what: "an administrator in another account", input: env({ dataProtection: { administratorArns: ["arn:aws:iam::210987654321:role/x"] } }), expect: `${E}.dataProtection.administratorArns[0]: arn:aws:iam::210987654321:role/x is in account 210987654321` },
  { what: "an administrator with a wildcard", input: env({ dataProtection: { administratorArns: ["arn:aws:iam::123456789012:role/*"] } }), expect: `${E}.dataProtection.administratorArns[0]: must be an IAM role or user ARN without wildcards` },
  { what: "an unknown destroy behaviour", input: env({ dataProtection: { administratorArns: ["arn:aws:iam::123456789012:role/sds-terraform"], bucketsOnDestroy: "burn" } }), expect: `${E}.dataProtection.bucketsOnDestroy:` },
  { what: "a package mirror switch that is a string", input: env({ packageMirror: { enabled: "yes" } }), expect: `${E}.packageMirror.enabled: expected boolean, got "yes"` },
  // several environments
  { what: "two environments with one name", input: secondEnv({ name: "dev", audit: { sageMakerLogGroups: false } }), expect: "environments[1].name: \"dev\" is already the name of environments[0]" },
  { what: "environments dev and dev-x", input: secondEnv({ name: "dev-x" }), expect: "environments[1].name: \"dev-x\" starts with \"dev-\"" },
  // projects
  { what: "projects fraud and fraud-x", input: projects("fraud", "fraud-x"), expect: "environments[0].projects[1].name: \"fraud-x\" starts with the project name \"fraud\" and a hyphen" },
  { what: "projects fraud-x and fraud", input: projects("fraud-x", "fraud"), expect: "environments[0].projects[0].name: \"fraud-x\" starts with the project name \"fraud\" and a hyphen" },
  { what: "a project named tfstate", input: projects("tfstate"), expect: `${P}.name: the project's name patterns (sds-dev-tfstate-*) would match the state bucket` },
  { what: "a project named cloudtrail", input: projects("cloudtrail"), expect: `${P}.name: the project's name patterns (sds-dev-cloudtrail-*) would match the trail` },
  { what: "a project named security", input: projects("security"), expect: `${P}.name: the project's name patterns (sds-dev-security-*) would match the alert topic` },
  { what: "two projects with one name", input: projects("fraud", "fraud"), expect: "environments[0].projects[1].name: \"fraud\" is already the name of projects[0]" },
  { what: "a 17-character project name", input: project({ name: "p".repeat(17) }), expect: `${P}.name: must be 2-16` },
  { what: "a project whose buckets exceed 63 characters", input: { config: { ...base(), prefix: "sdsplatfrm", environments: [{ ...base().environments[0], name: "e".repeat(16), projects: [{ ...base().environments[0].projects[0], name: "p".repeat(16) }] }] } }, expect: `${P}.name: the models bucket of project ${"p".repeat(16)} would be named "sdsplatfrm-${"e".repeat(16)}-${"p".repeat(16)}-models-123456789012", which is 64 characters; S3 bucket names are at most 63; shorten the prefix, environment or project name by 1 character` },
  { what: "an unknown project field", input: project({ notebook: [] }), expect: `${P}: unknown field "notebook"` },
  { what: "auto-stop after 2000 minutes", input: project({ notebookAutoStopMinutes: 2000 }), expect: `${P}.notebookAutoStopMinutes: must be 0 (off) to 1440` },
  { what: "a data scientist principal with a wildcard", input: project({ identity: { dataScientistPrincipals: ["arn:aws:iam::123456789012:role/ds-*"] } }), expect: `${P}.identity.dataScientistPrincipals[0]: must be an IAM ARN without wildcards` },
  // notebooks
  { what: "a notebook instance name of 64 characters", input: notebook({ name: "n".repeat(50) }), expect: `${P}.notebooks[0].name: the instance of notebook ${"n".repeat(50)} of project fraud would be named "sds-dev-fraud-${"n".repeat(50)}", which is 64 characters; SageMaker names are at most 63; shorten the notebook name by 1 character` },
  { what: "an upper-case notebook name", input: notebook({ name: "Alice" }), expect: `${P}.notebooks[0].name: must be lower-case` },
  { what: "an unknown instance type", input: notebook({ instanceType: "ml.x9.huge" }), expect: `${P}.notebooks[0].instanceType: "ml.x9.huge" is not a SageMaker notebook instance type` },
  { what: "a 4 GB volume", input: notebook({ volumeSizeGb: 4 }), expect: `${P}.notebooks[0].volumeSizeGb: must be at least 5 GB` },
  { what: "a notebook owner with a space", input: notebook({ owner: "alice smith" }), expect: `${P}.notebooks[0].owner: must be a user name` },
  { what: "two notebooks with one name", input: project({ notebooks: [{ name: "a", owner: "a" }, { name: "a", owner: "b" }] }), expect: `${P}.notebooks[1].name: "a" is already the name of notebooks[0]` },
  // code repository
  { what: "an external repository over http", input: external({ url: "http://git.example.com/team/repo.git" }), expect: `${P}.codeRepository.url: must be an https:// Git URL` },
  { what: "a branch with ..", input: external({ branch: "feature..x" }), expect: `${P}.codeRepository.branch: must be a valid Git branch name` },
  { what: "a branch ending in .lock", input: external({ branch: "main.lock" }), expect: `${P}.codeRepository.branch: must be a valid Git branch name` },
  { what: "a branch starting with a hyphen", input: external({ branch: "-main" }), expect: `${P}.codeRepository.branch: must be a valid Git branch name` },
  { what: "a branch with a space", input: external({ branch: "my branch" }), expect: `${P}.codeRepository.branch: must be a valid Git branch name` },
  { what: "a branch ending with a slash", input: external({ branch: "feature/" }), expect: `${P}.codeRepository.branch: must be a valid Git branch name` },
  { what: "a repository secret in another region", input: external({ secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:git" }), expect: `${P}.codeRepository.secretArn: the secret must be in the environment's account` },
  // files
  { what: "a UTF-16 file", input: { raw: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("prefix: sds\n", "utf16le")]), ext: "yaml" }, expect: "the file is UTF-16 (or UTF-32) encoded; save it as UTF-8" },
  { what: "a UTF-16 file without a byte order mark", input: { raw: Buffer.from("{\"prefix\": \"sds\"}", "utf16le"), ext: "json" }, expect: "the file is UTF-16" },
  { what: "a UTF-8 BOM before a bad config (the BOM is accepted)", input: { raw: `\ufeff${JSON.stringify({ environments: [{ name: "dev" }] })}`, ext: "json" }, expect: "environments[0].accountId: is required" },
  { what: "a duplicate JSON key", input: { raw: "{\"prefix\": \"sds\", \"environments\": [{\"name\": \"dev\", \"name\": \"prod\"}]}", ext: "json" }, expect: "environments[0].name: the key \"name\" appears twice" },
  { what: "a duplicate top-level JSON key", input: { raw: "{\"prefix\": \"sds\", \"prefix\": \"x\"}", ext: "json" }, expect: "prefix: the key \"prefix\" appears twice" },
  { what: "a duplicate YAML key", input: yaml("prefix: sds\nprefix: x\n"), expect: "a key appears twice in the same mapping (line 2)" },
  { what: "an unknown YAML tag", input: yaml("prefix: !foo sds\nenvironments: []\n"), expect: "the unknown tag !foo (line 1) is not allowed" },
  { what: "a !!binary YAML tag", input: yaml("prefix: !!binary c2Rz\n"), expect: "the tag tag:yaml.org,2002:binary on line 1 is not allowed" },
  { what: "a !!set YAML tag", input: yaml("prefix: sds\nenvironments: !!set { a }\n"), expect: "the tag tag:yaml.org,2002:set on line 2 is not allowed" },
  { what: "a JSON document nested 100,000 deep", input: { raw: "[".repeat(100_000) + "]".repeat(100_000), ext: "json" }, expect: "the document is nested more than 32 levels deep" },
  { what: "a YAML document nested 20,000 deep", input: yaml(`x: ${"[".repeat(20_000)}${"]".repeat(20_000)}`), expect: "the document is nested too deeply" },
  { what: "a YAML document nested 40 deep", input: yaml(`prefix: ${"[".repeat(40)}${"]".repeat(40)}`), expect: "the document is nested more than 32 levels deep" },
  { what: "a YAML alias bomb", input: yaml(`a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`), expect: "not valid YAML" },
  { what: "a __proto__ key in JSON", input: { raw: "{\"prefix\": \"sds\", \"environments\": [{\"name\": \"dev\", \"tags\": {\"__proto__\": \"x\"}}]}", ext: "json" }, expect: "environments[0].tags.__proto__: \"__proto__\" is not a key a config can use" },
  { what: "a __proto__ key in YAML", input: yaml("prefix: sds\nenvironments:\n  - name: dev\n    network: { interfaceEndpoints: { __proto__: true } }\n"), expect: "environments[0].network.interfaceEndpoints.__proto__: \"__proto__\" is not a key a config can use" },
  { what: "malformed JSON", input: { raw: "{ \"prefix\": ", ext: "json" }, expect: "not valid JSON" },
  { what: "malformed YAML", input: yaml("environments: [\n  - name: dev\n"), expect: "not valid YAML" },
  { what: "an empty file", input: yaml(""), expect: "the file is empty (or holds only comments); a config needs at least an environments list" },
  { what: "a list at the top level", input: { raw: "[1, 2]", ext: "json" }, expect: "(top level): expected object" },
  { what: "a 5,000-character region (quoted at most 200 characters)", input: env({ region: "x".repeat(5000) }), expect: /environments\[0\]\.region: "x{200}\.\.\. \(5000 characters\)" is not an AWS region/ },
  { what: "a 5,000-character unknown field", input: top({ ["k".repeat(5000)]: 1 }), expect: /\(top level\): unknown field "k{100}\.\.\. \(5000 characters\)"/ },
  // the command line
  { what: "a missing config file", input: { args: ["--config", "no-such-file.yaml"] }, expect: "no-such-file.yaml (1 problem):\n  cannot read the file" },
  { what: "a folder as config file", input: { args: ["--config", "."] }, expect: "cannot read the file: it is a folder" },
  { what: "/dev/zero as config file (refused before reading)", input: { args: ["--config", "/dev/zero"] }, expect: "/dev/zero (1 problem):\n  cannot read the file: it is a device" },
  { what: "a FIFO as config file (refused without blocking)", input: { args: ["--config", "fifo.yaml"] }, expect: "fifo.yaml (1 problem):\n  cannot read the file: it is a named pipe (FIFO)" },
  { what: "a config file over 1 MiB", input: { raw: `# ${"x".repeat(1024 * 1024)}\n`, ext: "yaml" }, expect: /cannot read the file: it is 1048579 bytes, and a config file is at most 1 MiB/ },
  { what: "--config= with nothing", input: { args: ["--config="] }, expect: "error: --config is empty; give a value, e.g. --config environments.yaml", code: 2 },
  { what: "--out \"\"", input: { args: ["--out", ""] }, expect: "error: --out is empty", code: 2 },
  { what: "--out naming a file", input: { args: ["--out", "a-file"] }, expect: "error: --out a-file is a file, not a folder" },
  { what: "--out under a file", input: { args: ["--out", "a-file/out"] }, expect: "error: --out a-file/out lies under the file" },
  { what: "--out where no folder can be made", input: { args: ["--out", "/proc/no-such/out"] }, expect: "error: --out /proc/no-such/out: cannot create /proc/no-such" },
  { what: "--out without a value", input: { args: ["--out"] }, expect: "error: --out needs a value", code: 2 },
  { what: "an unknown argument", input: { args: ["--frobnicate"] }, expect: "error: unknown argument \"--frobnicate\"", code: 2 },
  { what: "a positional argument", input: { args: ["config.yaml"] }, expect: "error: unknown argument \"config.yaml\"", code: 2 },
  { what: "a value for --state-bootstrap", input: { args: ["--state-bootstrap=yes"] }, expect: "error: --state-bootstrap takes no value", code: 2 },
];

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;

test(`the suite has at least 80 cases (${CASES.length})`, () => {
  expect(CASES.length).toBeGreaterThanOrEqual(80);
  expect(new Set(CASES.map((c) => c.what)).size).toBe(CASES.length);
});

describe.each(CASES.map((c, i) => [c.what, c, i] as const))("%s", (_what, c, i) => {
  test("is refused with the path, no stack trace, and the previous output untouched", () => {
    let args: string[];
    if ("args" in c.input) args = c.input.args;
    else {
      const file = join(work, `case-${i}.${c.input.ext ?? "json"}`);
      if ("raw" in c.input) writeFileSync(file, c.input.raw);
      else writeFileSync(file, c.input.ext === "yaml" ? stringify(c.input.config) : JSON.stringify(c.input.config));
      args = ["--config", file];
    }
    if (!args.includes("--out") && !args.some((a) => a.startsWith("--out="))) args = [...args, "--out", out];
    const cwd = process.cwd();
    process.chdir(work);
    let r;
    try {
      r = run(...args);
    } finally {
      process.chdir(cwd);
    }
    expect(r.code).toBe(c.code ?? 1);
    if (typeof c.expect === "string") expect(r.stderr).toContain(c.expect);
    else expect(r.stderr).toMatch(c.expect);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).not.toMatch(/x{201}|k{201}/);
    expect(snapshot(out)).toEqual(before());
    expect(readdirSync(work).filter((f) => f.includes(".synth-"))).toEqual([]);
  });
});

describe("a successful synth replaces the output folder whole", () => {
  test("Terraform's and the user's files stay, the folders of removed stacks go (one holding state stays, with a warning)", () => {
    const target = join(work, "replaced");
    const twoProjects = base();
    twoProjects.environments[0].projects.push({ ...twoProjects.environments[0].projects[0], name: "churn", notebooks: [] });
    const file = join(work, "two.json");
    writeFileSync(file, JSON.stringify(twoProjects));
    expect(run("--config", file, "--out", target).code).toBe(0);
    expect(readdirSync(join(target, "stacks")).sort()).toEqual(["dev-platform", "dev-project-churn", "dev-project-fraud", "dev-state"]);
    mkdirSync(join(target, "stacks", "dev-platform", ".terraform"));
    writeFileSync(join(target, "stacks", "dev-platform", ".terraform.lock.hcl"), "lock");
    writeFileSync(join(target, "stacks", "dev-project-fraud", "stale.txt"), "left by hand");
    // the churn project is removed: its folder goes; then fraud is renamed risk while its folder holds a state file
    const r = run("--out", target);
    expect(r.code).toBe(0);
    expect(readdirSync(join(target, "stacks")).sort()).toEqual(["dev-platform", "dev-project-fraud", "dev-state"]);
    expect(existsSync(join(target, "stacks", "dev-platform", ".terraform"))).toBe(true);
    expect(readFileSync(join(target, "stacks", "dev-platform", ".terraform.lock.hcl"), "utf8")).toBe("lock");
    expect(readFileSync(join(target, "stacks", "dev-project-fraud", "stale.txt"), "utf8")).toBe("left by hand"); // what the tool did not write carries over
    const renamed = base();
    renamed.environments[0].projects[0].name = "risk";
    writeFileSync(file, JSON.stringify(renamed));
    writeFileSync(join(target, "stacks", "dev-project-fraud", "terraform.tfstate"), "{}");
    const r2 = run("--config", file, "--out", target);
    expect(r2.code).toBe(0);
    expect(r2.stderr).toContain(`warning: ${target}/stacks/dev-project-fraud is kept although the config no longer has that stack: it holds a terraform.tfstate`);
    expect(readdirSync(join(target, "stacks")).sort()).toEqual(["dev-platform", "dev-project-fraud", "dev-project-risk", "dev-state"]);
    // kept whole, with its last configuration: `terraform destroy` still works there
    expect(readdirSync(join(target, "stacks", "dev-project-fraud")).sort()).toEqual(["cdk.tf.json", "stale.txt", "terraform.tfstate"]);
    expect(readdirSync(work).filter((f) => f.includes(".synth-"))).toEqual([]);
  });

  test("missing parents of --out are created", () => {
    const target = join(work, "new", "deep", "out");
    expect(run("--out", target).code).toBe(0);
    expect(readdirSync(join(target, "stacks")).sort()).toEqual(["dev-platform", "dev-project-fraud", "dev-state"]);
  });

  test("a synth that fails after validation removes the parents it created", () => {
    const file = join(work, "failing.json");
    const c = base();
    c.compliance = { mode: "enforce", suppressions: [] }; // the known gaps now fail the rule pack
    writeFileSync(file, JSON.stringify(c));
    const r = run("--config", file, "--out", join(work, "never", "out"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("compliance check failed");
    expect(r.stderr).toContain("nothing was written");
    expect(existsSync(join(work, "never"))).toBe(false);
  });
});
