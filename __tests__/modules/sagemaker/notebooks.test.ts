/** Notebook instances and their lifecycle configuration, as the project stack synthesizes them. */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { notebookStartScript } from "../../../lib/constructs/sagemaker/notebook-start-script";
import { configWith, lifecycleScript, resources, synthConfig, tempDir } from "../../helpers/synth";

const project = (changes: Record<string, unknown>) => configWith({ projects: [{ name: "fraud", identity: {}, ...changes }] });
const synth = synthConfig(project({
  notebooks: [{ name: "alice", owner: "alice@example.com" }, { name: "bob", owner: "bob", instanceType: "ml.m5.xlarge", volumeSizeGb: 100 }],
}), "notebooks-unit");
const stack = synth.stack("dev-project-fraud");
const notebooks: Record<string, Record<string, any>> = Object.fromEntries(resources(stack, "aws_sagemaker_notebook_instance").map(([, n]) => [n.name, n]));

test("every notebook is hardened: no internet, no root, IMDSv2, project volume key, environment subnet and the project's compute group", () => {
  expect(Object.keys(notebooks).sort()).toEqual(["sds-dev-fraud-alice", "sds-dev-fraud-bob"]);
  for (const n of Object.values(notebooks)) {
    expect(n).toMatchObject({
      direct_internet_access: "Disabled",
      root_access: "Disabled",
      instance_metadata_service_configuration: { minimum_instance_metadata_service_version: "2" },
      platform_identifier: "notebook-al2-v3",
    });
    expect(n.kms_key_id).toMatch(/^\$\{aws_kms_key\.keys_volumes_key_\w+\.arn\}$/);
    expect(n.role_arn).toMatch(/^\$\{aws_iam_role\.identity_notebook-execution_role_\w+\.arn\}$/);
    expect(n.security_groups).toEqual([expect.stringMatching(/^\$\{aws_security_group\.compute-security-group_\w+\.id\}$/)]);
    expect(n.lifecycle_config_name).toMatch(/^\$\{aws_sagemaker_notebook_instance_lifecycle_configuration\.[\w-]+\.name\}$/);
    expect(n.default_code_repository).toMatch(/^\$\{aws_sagemaker_code_repository\.[\w-]+\.code_repository_name\}$/);
    // After every part of the execution role's policy is attached.
    expect(n.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy_attachment\.identity_notebook-execution_attachment_/),
      expect.stringMatching(/^aws_iam_role_policy_attachment\.identity_notebook-execution_attachment-2_/)]);
  }
  // Spread over the zones' subnets, sized from config, tagged with the owner the data scientist role checks.
  expect(notebooks["sds-dev-fraud-alice"].subnet_id).toMatch(/subnet-eu-west-1a/);
  expect(notebooks["sds-dev-fraud-bob"].subnet_id).toMatch(/subnet-eu-west-1b/);
  expect(notebooks["sds-dev-fraud-bob"]).toMatchObject({ instance_type: "ml.m5.xlarge", volume_size: 100, tags: { username: "bob" } });
  expect(notebooks["sds-dev-fraud-alice"]).toMatchObject({ instance_type: "ml.t3.medium", volume_size: 20, tags: { username: "alice@example.com" } });
});

test("one lifecycle configuration per project whose on-start script stops idle notebooks", () => {
  const configs = resources(stack, "aws_sagemaker_notebook_instance_lifecycle_configuration");
  expect(configs).toHaveLength(1);
  const [, config] = configs[0];
  expect(config.name).toBe("sds-dev-fraud-notebooks");
  const script = lifecycleScript(config.on_start);
  expect(script).toContain("/usr/local/bin/sds-autostop 60 eu-west-1");
  expect(script).not.toContain("codeartifact");
});

test("with the private package mirror on, the on-start script points pip at it and the notebook role may read it", () => {
  const withMirror = synthConfig(configWith({ packageMirror: { enabled: true }, projects: [{ name: "fraud", notebooks: [{ name: "alice", owner: "alice" }] }] }), "notebooks-mirror");
  const st = withMirror.stack("dev-project-fraud");
  const script = lifecycleScript(resources(st, "aws_sagemaker_notebook_instance_lifecycle_configuration")[0][1].on_start);
  expect(script).toContain("get-authorization-token --domain sds-dev --domain-owner 123456789012");
  expect(script).toContain("--repository pypi --format pypi");
  const execution = resources(st, "aws_iam_policy").filter(([, p]) => p.name.startsWith("sds-dev-fraud-notebook-execution")).map(([, p]) => p.policy as string).join("\n");
  expect(execution).toContain('"arn:aws:codeartifact:eu-west-1:123456789012:repository/sds-dev/pypi"');
  expect(execution).toContain('"sts:AWSServiceName":"codeartifact.amazonaws.com"');
});

test("a project without notebooks gets neither instances nor a lifecycle configuration", () => {
  const bare = synthConfig(project({ notebooks: [] }), "notebooks-none").stack("dev-project-fraud");
  expect(resources(bare, "aws_sagemaker_notebook_instance")).toEqual([]);
  expect(resources(bare, "aws_sagemaker_notebook_instance_lifecycle_configuration")).toEqual([]);
});

describe("the on-start script", () => {
  const mirror = { domain: "sds-dev", domainOwner: "123456789012", repository: "pypi-mirror" };
  const dir = tempDir("start-script");

  test("is valid bash, and its idle check is valid Python", () => {
    const script = notebookStartScript({ region: "eu-west-1", autoStopMinutes: 30, packageMirror: mirror });
    writeFileSync(join(dir, "on-start.sh"), script);
    execFileSync("bash", ["-n", join(dir, "on-start.sh")]);
    const python = /cat > \/usr\/local\/bin\/sds-autostop <<'SCRIPT'\n([\s\S]*?)SCRIPT\n/.exec(script)![1];
    writeFileSync(join(dir, "autostop.py"), python);
    execFileSync("python3", ["-m", "py_compile", join(dir, "autostop.py")]);
    const pip = /cat > \/usr\/local\/bin\/sds-pip-index <<'SCRIPT'\n([\s\S]*?)SCRIPT\n/.exec(script)![1];
    writeFileSync(join(dir, "pip.sh"), pip);
    execFileSync("bash", ["-n", join(dir, "pip.sh")]);
  });

  test("points pip at the private mirror and renews the token before it expires", () => {
    const script = notebookStartScript({ region: "eu-west-1", autoStopMinutes: 0, packageMirror: mirror });
    expect(script).toContain("aws codeartifact --region eu-west-1 get-authorization-token --domain sds-dev --domain-owner 123456789012 --duration-seconds 43200");
    expect(script).toContain("--repository pypi-mirror --format pypi");
    expect(script).toContain("> /etc/pip.conf.new");
    expect(script).toContain("0 */6 * * * root /usr/local/bin/sds-pip-index");
    expect(script).not.toContain("sds-autostop");
  });

  test("the pip index line pip reads is built from the token and the repository endpoint", () => {
    // Run the generated pip script with a fake `aws` on PATH: what lands in pip.conf is what pip will use.
    const script = notebookStartScript({ region: "eu-west-1", autoStopMinutes: 0, packageMirror: mirror });
    const pip = /cat > \/usr\/local\/bin\/sds-pip-index <<'SCRIPT'\n([\s\S]*?)SCRIPT\n/.exec(script)![1].split("/etc/pip.conf").join(join(dir, "pip.conf"));
    writeFileSync(join(dir, "aws"), `#!/bin/bash\ncase "$*" in *get-authorization-token*) echo TOKEN123;; *get-repository-endpoint*) echo https://sds-dev-123456789012.d.codeartifact.eu-west-1.amazonaws.com/pypi/pypi-mirror/;; esac\n`, { mode: 0o755 });
    writeFileSync(join(dir, "pip.sh"), pip, { mode: 0o755 });
    execFileSync("bash", [join(dir, "pip.sh")], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
    expect(execFileSync("cat", [join(dir, "pip.conf")]).toString()).toBe(
      "[global]\nindex-url = https://aws:TOKEN123@sds-dev-123456789012.d.codeartifact.eu-west-1.amazonaws.com/pypi/pypi-mirror/simple/\n");
  });
});
