/** The plan: pure, computed once, and the only source of the names the stacks synthesize. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { parse } from "yaml";
import { validateConfig } from "../../app/load";
import type { Config } from "../../app/config/schema";
import { plan } from "../../app/plan/plan";
import { BUCKET_PURPOSES } from "../../app/plan/names";
import { configWith, synthConfig } from "../helpers/synth";

const root = join(__dirname, "..", "..");
const full = (): Config => validateConfig(parse(readFileSync(join(root, "__tests__", "fixtures", "plan-full.yaml"), "utf8")));

/** Attributes that carry a resource's own name, by resource type. */
const NAME_ATTRIBUTES: Record<string, string> = {
  aws_s3_bucket: "bucket", aws_iam_role: "name", aws_iam_policy: "name", aws_kms_alias: "name",
  aws_cloudwatch_log_group: "name", aws_sagemaker_notebook_instance: "name", aws_sagemaker_code_repository: "code_repository_name",
  aws_sagemaker_notebook_instance_lifecycle_configuration: "name", aws_codecommit_repository: "repository_name",
  aws_dynamodb_table: "name", aws_sns_topic: "name", aws_cloudwatch_event_rule: "name", aws_cloudtrail: "name",
  aws_security_group: "name", aws_codeartifact_domain: "domain", aws_codeartifact_repository: "repository",
  aws_sagemaker_domain: "domain_name", aws_sagemaker_studio_lifecycle_config: "studio_lifecycle_config_name",
  aws_sagemaker_user_profile: "user_profile_name",
};

test("the plan imports neither cdktf nor constructs (it is plain TypeScript)", () => {
  const r = buildSync({ entryPoints: [join(root, "app", "plan", "plan.ts")], bundle: true, write: false, platform: "node", metafile: true, logLevel: "silent" });
  const inputs = Object.keys(r.metafile!.inputs);
  expect(inputs.filter((i) => /node_modules\/(cdktf|constructs|@cdktf)\//.test(i))).toEqual([]);
  expect(inputs.some((i) => i.startsWith("app/plan/"))).toBe(true);
});

test.each([["the default config", () => configWith()], ["a config with every feature", full]])("every name %s synthesizes is a planned name, and the stacks come in the plan's order", (_, make) => {
  const config = make();
  const p = plan(config);
  expect(plan(config)).toBe(p); // computed once
  const synth = synthConfig(config, "plan");
  expect(synth.stackNames).toEqual(p.stacks.map((s) => s.name));
  const planned = new Set(p.names.map((n) => n.name));
  let seen = 0;
  for (const stack of synth.stackNames) {
    const json = synth.stack(stack);
    for (const [type, attribute] of Object.entries(NAME_ATTRIBUTES)) {
      for (const r of Object.values<Record<string, unknown>>(json.resource?.[type] ?? {})) {
        const name = r[attribute];
        if (typeof name !== "string" || name.startsWith("/aws/sagemaker/")) continue; // SageMaker's own groups: AWS names them
        seen++;
        expect({ stack, type, name, planned: planned.has(name) }).toEqual({ stack, type, name, planned: true });
      }
    }
    const backend = json.terraform?.backend?.s3;
    if (backend) expect(planned.has(backend.key)).toBe(true);
  }
  expect(seen).toBeGreaterThan(30);
});

test("stacks come in dependency order: state, platform, then the projects of each environment", () => {
  const p = plan(full());
  expect(p.stacks.map((s) => [s.name, s.dependsOn])).toEqual([
    ["prod-state", []], ["prod-platform", ["prod-state"]], ["prod-project-churn", ["prod-platform"]], ["prod-project-risk", ["prod-platform"]],
    ["test-platform", []], ["test-project-fraud", ["test-platform"]], ["test-project-vision", ["test-platform"]], ["lab-platform", []], ["lab-project-x1", ["lab-platform"]],
  ]);
  const prod = p.environments[0];
  expect(prod.network.subnetCidrs).toEqual(["10.30.0.0/24", "10.30.1.0/24", "10.30.2.0/24"]);
  expect(prod.network.endpoints.map((e) => e.name)).toEqual(expect.arrayContaining(["kms", "ssm", "codeartifact.api", "codecommit"]));
  expect(prod.network.s3BucketPatterns).toEqual(["acme-prod-*", "corp-datalake-*"]);
  expect(prod.projects[0].roleArnList).toContain("arn:aws:iam::111122223333:role/sagemaker-project/acme-prod-churn-training");
  expect(prod.projects[0].roles.training.boundary).toBe("acme-prod-churn-training-boundary");
  expect(prod.state.key("prod-platform")).toBe("sagemaker/prod-platform/terraform.tfstate");
  expect(p.environments[1].workspace("test-platform")).toBe("sm-test-platform");
});

test("the cost report takes an environment's stacks from the plan, not from an `environment` tag the config may override", () => {
  const { loadSynthesized } = require("../../checks/synthesized/read") as typeof import("../../checks/synthesized/read");
  const { environmentStacks } = require("../../app/cli/cost-report") as typeof import("../../app/cli/cost-report");
  const config = configWith({ tags: { environment: "production" } });
  const synth = synthConfig(config, "plan-cost");
  const stacks = environmentStacks(loadSynthesized(synth.outdir, synth.stackNames), config, "dev");
  expect(stacks).toEqual(["dev-state", "dev-platform", "dev-project-fraud"]);
  expect(synth.stack("dev-platform").provider.aws[0].default_tags[0].tags.environment).toBe("production");
});

/** Every string value reachable in a plan object (its `config` left out: user input, not planned values). */
function planStrings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === "string") out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => planStrings(v, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (k !== "config") planStrings(v, out);
  return out;
}

test("the planned-name list is read from the plan's typed fields, with no formula of its own", () => {
  // Each name the checks see must be the value of a plan field (or of the plan's bucket/state-key/workspace
  // functions, or a username from the config): a name formed inside plannedNames() would not be, and neither
  // would a name a module forms from a base, which the synthesized-names test above would then also report.
  for (const config of [configWith(), full()]) {
    const p = plan(config);
    for (const e of p.environments) {
      const fields = planStrings(e);
      const stacks = [e.stacks.state, e.stacks.platform, ...e.projects.map((x) => x.stack)].filter((s): s is string => !!s);
      for (const s of stacks) fields.add(e.state.key(s)).add(e.workspace(s));
      for (const x of e.projects) {
        for (const purpose of Object.values(BUCKET_PURPOSES)) fields.add(x.bucket(purpose));
        for (const u of x.config.users) fields.add(u.username);
      }
      const names = p.names.filter((n) => n.environment === e.name);
      expect(names.length).toBeGreaterThan(30);
      const formed = names.filter((n) => !fields.has(n.kind === "kms-alias" ? n.name.replace(/^alias\//, "") : n.name));
      expect(formed).toEqual([]);
    }
  }
});

test("the project's names are typed fields: roles with their policy parts, boundary, keys, repository, Studio", () => {
  const prod = plan(full()).environments[0];
  const churn = prod.projects[0];
  expect(churn.roles.training).toEqual({
    name: "acme-prod-churn-training",
    arn: "arn:aws:iam::111122223333:role/sagemaker-project/acme-prod-churn-training",
    policyParts: ["acme-prod-churn-training", "acme-prod-churn-training-2", "acme-prod-churn-training-3"],
    boundary: "acme-prod-churn-training-boundary",
    studio: undefined,
  });
  expect(churn.trainingRoleArn).toBe(churn.roles.training.arn);
  expect(churn.names).toMatchObject({ codeRepository: "acme-prod-churn", logGroupPattern: "/acme/prod/churn/*", computeSecurityGroup: "acme-prod-churn-compute",
    keyAliases: { data: "acme/prod/churn/data", volumes: "acme/prod/churn/volumes", logs: "acme/prod/churn/logs" } });
  expect(prod.names).toMatchObject({ alertTopic: "acme-prod-security-alerts", alertRule: "acme-prod-sagemaker-noncompliant-create", alertKeyAlias: "acme/prod/alerts",
    flowLogRole: "acme-prod-vpc-flow-logs", endpointSecurityGroup: "acme-prod-vpc-endpoints" });
  const studio = plan(full()).environments.flatMap((e) => e.projects).find((x) => x.names.studio)!;
  expect(studio.names.studio!.lifecycleConfigs).toEqual({ JupyterLab: `${studio.base}-jupyterlab`, CodeEditor: `${studio.base}-codeeditor` });
  expect(studio.roles["data-scientist"].studio).toEqual({ policy: `${studio.base}-data-scientist-studio` });
  expect(studio.roles.training.studio).toBeUndefined();
});
