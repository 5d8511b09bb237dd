/** The Studio front end as the project stack synthesizes it: domain, profiles, lifecycle configurations, security group, SDK defaults. */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { AppInstanceType } from "@aws-sdk/client-sagemaker";
import { STUDIO_INSTANCE_TYPES } from "../../../lib/domain/catalogue/studio-instance-types";
import { sdkDefaultsYaml } from "../../../lib/constructs/sagemaker/sdk-defaults";
import { studioStartScript } from "../../../lib/constructs/sagemaker/studio-start-script";
import { notebookStartScript } from "../../../lib/constructs/sagemaker/notebook-start-script";
import { configWith, lifecycleScript, resources, synthConfig, tempDir } from "../../helpers/synth";

const USERS = [{ username: "alice" }, { username: "bob", instanceTypes: ["ml.m5.large"] }];
const studioProject = (changes: Record<string, unknown> = {}, env: Record<string, unknown> = {}) =>
  configWith({ ...env, projects: [{ name: "fraud", identity: {}, users: USERS, studio: { instanceTypes: ["ml.t3.medium", "ml.m5.large"] }, ...changes }] });
const synth = synthConfig(studioProject(), "studio-unit");
const stack = synth.stack("dev-project-fraud");
const platform = synth.stack("dev-platform");
const domain = resources(stack, "aws_sagemaker_domain")[0][1];
const ref = (type: string, id: RegExp) => expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${id.source}\\.(arn|id)\\}$`));

test("one VPC-only domain per project: the environment's subnets, the project's volumes key, IAM auth, the Studio group", () => {
  expect(resources(stack, "aws_sagemaker_domain")).toHaveLength(1);
  expect(domain).toMatchObject({
    domain_name: "sds-dev-fraud",
    app_network_access_type: "VpcOnly",
    auth_mode: "IAM",
    kms_key_id: ref("aws_kms_key", /keys_volumes_key_\w+/),
    domain_settings: { execution_role_identity_config: "USER_PROFILE_NAME", security_group_ids: [ref("aws_security_group", /studio-security-group_\w+/)] },
    retention_policy: { home_efs_file_system: "Retain" },
  });
  expect(domain.subnet_ids).toEqual([expect.stringMatching(/subnet-eu-west-1a/), expect.stringMatching(/subnet-eu-west-1b/)]);
  expect(domain.vpc_id).toMatch(/network_vpc/);
});

test("user and space settings repeat the security group, share no notebook output, shut idle apps down, start the lifecycle configuration", () => {
  const group = [ref("aws_security_group", /studio-security-group_\w+/)];
  const user = domain.default_user_settings;
  expect(user).toMatchObject({ security_groups: group, sharing_settings: { notebook_output_option: "Disabled" }, execution_role: ref("aws_iam_role", /identity_notebook-execution_role_\w+/) });
  expect(domain.default_space_settings).toMatchObject({ security_groups: group, execution_role: user.execution_role });
  for (const [apps, type] of [[user.jupyter_lab_app_settings, "jupyterlab"], [user.code_editor_app_settings, "codeeditor"], [domain.default_space_settings.jupyter_lab_app_settings, "jupyterlab"]]) {
    expect(apps.app_lifecycle_management).toEqual({ idle_settings: { lifecycle_management: "ENABLED", idle_timeout_in_minutes: 60 } });
    const lcc = ref("aws_sagemaker_studio_lifecycle_config", new RegExp(`studio_lifecycle-${type}_\\w+`));
    expect(apps.lifecycle_config_arns).toEqual([lcc]);
    expect(apps.default_resource_spec).toEqual({ instance_type: "ml.t3.medium", lifecycle_config_arn: lcc });
  }
});

test("one private profile per user, named and tagged after the username; a user's own instance type is their default", () => {
  const profiles: Record<string, Record<string, any>> = Object.fromEntries(resources(stack, "aws_sagemaker_user_profile").map(([, p]) => [p.user_profile_name, p]));
  expect(Object.keys(profiles).sort()).toEqual(["alice", "bob"]);
  for (const [name, p] of Object.entries(profiles)) {
    expect(p).toMatchObject({ domain_id: ref("aws_sagemaker_domain", /studio_domain_\w+/), tags: { username: name },
      user_settings: { security_groups: [ref("aws_security_group", /studio-security-group_\w+/)], sharing_settings: { notebook_output_option: "Disabled" } } });
    expect(p.single_sign_on_user_value).toBeUndefined();
  }
  expect(profiles.alice.user_settings.jupyter_lab_app_settings).toBeUndefined();
  expect(profiles.bob.user_settings.jupyter_lab_app_settings.default_resource_spec.instance_type).toBe("ml.m5.large");
  // The UI offers exactly the allowed types: the project's to everyone, a user's own list to that user.
  const offered = (settings: any) => STUDIO_INSTANCE_TYPES.filter((t) => t !== "system" && !settings.studio_web_portal_settings.hidden_instance_types.includes(t));
  expect(offered(domain.default_user_settings).sort()).toEqual(["ml.m5.large", "ml.t3.medium"]);
  expect(offered(profiles.bob.user_settings)).toEqual(["ml.m5.large"]);
  expect(profiles.alice.user_settings.studio_web_portal_settings).toBeUndefined();
});

test("the Studio group reaches only its own members (NFS, app ports) and the endpoints and S3 on 443; the endpoint group admits it", () => {
  const rules = resources(stack, "aws_security_group_rule").map(([, r]) => r);
  const own = rules.filter((r) => /^\$\{aws_security_group\.studio-security-group_\w+\.id\}$/.test(r.security_group_id));
  expect(own.map((r) => `${r.type} ${r.from_port}-${r.to_port} ${r.self ? "self" : r.prefix_list_ids ? "s3" : "endpoints"}`).sort()).toEqual([
    "egress 2049-2049 self", "egress 443-443 endpoints", "egress 443-443 s3", "egress 8192-65535 self", "ingress 2049-2049 self", "ingress 8192-65535 self",
  ]);
  for (const r of rules) {
    expect(r.cidr_blocks).toBeUndefined();
    // What hashicorp/aws 5.100.0 accepts in a rule description (terraform validate refuses an apostrophe).
    expect(r.description).toMatch(/^[0-9A-Za-z_ .:/()#,@[\]+=&;{}!$*-]{10,}$/);
  }
  // The endpoint group admits the project's two groups (Studio apps and compute), each on 443 only.
  const intoEndpoints = rules.filter((r) => /vpc-endpoints|endpoints/.test(r.security_group_id) && r.type === "ingress");
  expect(intoEndpoints).toEqual(expect.arrayContaining([
    expect.objectContaining({ from_port: 443, to_port: 443, source_security_group_id: ref("aws_security_group", /studio-security-group_\w+/) }),
    expect.objectContaining({ from_port: 443, to_port: 443, source_security_group_id: ref("aws_security_group", /compute-security-group_\w+/) }),
  ]));
  expect(intoEndpoints).toHaveLength(2);
});

test("the studio interface endpoint exists in the platform; the default config (notebooks) has no domain and no studio endpoint", () => {
  const services = resources(platform, "aws_vpc_endpoint").map(([, e]) => e.service_name);
  expect(services).toContain("aws.sagemaker.eu-west-1.studio");
  const plain = synthConfig(configWith(), "studio-none");
  expect(resources(plain.stack("dev-project-fraud"), "aws_sagemaker_domain")).toEqual([]);
  expect(resources(plain.stack("dev-project-fraud"), "aws_sagemaker_user_profile")).toEqual([]);
  expect(resources(plain.stack("dev-platform"), "aws_vpc_endpoint").map(([, e]) => e.service_name)).not.toContain("aws.sagemaker.eu-west-1.studio");
});

test("home volumes are deleted with the domain only when the environment deletes data on destroy", () => {
  const throwAway = synthConfig(studioProject({}, { dataProtection: { administratorArns: ["arn:aws:iam::123456789012:role/sds-terraform"], bucketsOnDestroy: "delete-with-data" } }), "studio-delete");
  expect(resources(throwAway.stack("dev-project-fraud"), "aws_sagemaker_domain")[0][1].retention_policy).toEqual({ home_efs_file_system: "Delete" });
});

test("IAM Identity Center mode ties each profile to the Identity Center user name", () => {
  const sso = synthConfig(studioProject({ studio: { authMode: "SSO", instanceTypes: ["ml.t3.medium", "ml.m5.large"] } }), "studio-sso").stack("dev-project-fraud");
  expect(resources(sso, "aws_sagemaker_domain")[0][1].auth_mode).toBe("SSO");
  const alice = resources(sso, "aws_sagemaker_user_profile").find(([, p]) => p.user_profile_name === "alice")![1];
  expect(alice).toMatchObject({ single_sign_on_user_identifier: "UserName", single_sign_on_user_value: "alice" });
});

describe("the SDK defaults: one generator for Studio and notebook instances", () => {
  const d = { subnetIds: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-1"], volumeKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/v", outputKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/d" };
  const dir = tempDir("sdk-defaults");

  test("is the SDK's schema: VPC, keys, network isolation and inter-container encryption for jobs and models", () => {
    const y = parse(sdkDefaultsYaml(d));
    const vpc = { Subnets: ["subnet-1", "subnet-2"], SecurityGroupIds: ["sg-1"] };
    expect(y.SchemaVersion).toBe("1.0");
    expect(y.SageMaker.TrainingJob).toEqual({ VpcConfig: vpc, EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true,
      OutputDataConfig: { KmsKeyId: d.outputKeyArn }, ResourceConfig: { VolumeKmsKeyId: d.volumeKeyArn } });
    expect(y.SageMaker.ProcessingJob.NetworkConfig).toEqual({ VpcConfig: vpc, EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true });
    expect(y.SageMaker.ProcessingJob.ProcessingOutputConfig.KmsKeyId).toBe(d.outputKeyArn);
    expect(y.SageMaker.Model).toEqual({ VpcConfig: vpc, EnableNetworkIsolation: true });
    expect(y.SageMaker.TransformJob.TransformResources.VolumeKmsKeyId).toBe(d.volumeKeyArn);
  });

  test("both scripts write it, as valid bash, into the user's home, and the file they write parses", () => {
    const studio = studioStartScript({ region: "eu-west-1", sdkDefaults: d, packageMirror: { domain: "sds-dev", domainOwner: "123456789012", repository: "pypi" } });
    const notebook = notebookStartScript({ region: "eu-west-1", autoStopMinutes: 0, sdkDefaults: d });
    expect(studio).toContain("cat > $HOME/.config/sagemaker/config.yaml <<'YAML'\n" + sdkDefaultsYaml(d) + "YAML");
    expect(notebook).toContain("cat > /home/ec2-user/.config/sagemaker/config.yaml <<'YAML'\n" + sdkDefaultsYaml(d) + "YAML");
    expect(notebook).toContain("chown -R ec2-user:ec2-user /home/ec2-user/.config");
    expect(studio).toContain("aws codeartifact login --tool pip --region eu-west-1 --domain sds-dev --domain-owner 123456789012 --repository pypi");
    // Run the Studio script with HOME in a scratch folder and a fake `aws`: the file lands where the SDK reads it.
    writeFileSync(join(dir, "aws"), "#!/bin/bash\nexit 0\n", { mode: 0o755 });
    writeFileSync(join(dir, "studio.sh"), studio);
    execFileSync("bash", [join(dir, "studio.sh")], { env: { ...process.env, HOME: dir, PATH: `${dir}:${process.env.PATH}` } });
    expect(parse(execFileSync("cat", [join(dir, ".config/sagemaker/config.yaml")]).toString())).toEqual(parse(sdkDefaultsYaml(d)));
  });

  test("the synthesized Studio and notebook lifecycle configurations carry the environment's ids and the project's keys", () => {
    const lccs = resources(stack, "aws_sagemaker_studio_lifecycle_config").map(([, l]) => l);
    expect(lccs.map((l) => `${l.studio_lifecycle_config_name} ${l.studio_lifecycle_config_app_type}`).sort()).toEqual(["sds-dev-fraud-codeeditor CodeEditor", "sds-dev-fraud-jupyterlab JupyterLab"]);
    const script = lifecycleScript(lccs[0].studio_lifecycle_config_content);
    expect(script).toMatch(/Subnets: \["\$\{data\.terraform_remote_state\.[^}]+subnet-eu-west-1a[^}]+\}", "\$\{data[^}]+subnet-eu-west-1b[^}]+\}"\]/);
    expect(script).toMatch(/VolumeKmsKeyId: "\$\{aws_kms_key\.keys_volumes_key_\w+\.arn\}"/);
    expect(script).toMatch(/KmsKeyId: "\$\{aws_kms_key\.keys_data_key_\w+\.arn\}"/);
    const notebooks = synthConfig(configWith(), "studio-nb").stack("dev-project-fraud");
    const onStart = lifecycleScript(resources(notebooks, "aws_sagemaker_notebook_instance_lifecycle_configuration")[0][1].on_start);
    expect(onStart).toContain("/home/ec2-user/.config/sagemaker/config.yaml");
    expect(onStart).toMatch(/SecurityGroupIds: \["\$\{aws_security_group\.compute-security-group_\w+\.id\}"\]/);
  });
});

test("the Studio instance types are the ones hashicorp/aws 5.100.0 accepts, all of them SageMaker API app instance types", () => {
  const api = Object.values(AppInstanceType) as string[];
  expect(STUDIO_INSTANCE_TYPES.filter((t) => !api.includes(t))).toEqual([]);
  expect(STUDIO_INSTANCE_TYPES).toContain("ml.t3.medium");
  expect(STUDIO_INSTANCE_TYPES).not.toContain("ml.g7e.xlarge"); // in the API, refused by the pinned provider (terraform validate)
});

test("the volumes key lets Terraform's administrators create the domain's EFS home volume, through SageMaker and EFS only (Studio projects only)", () => {
  const volumesKey = (st: Record<string, any>) => JSON.parse(resources(st, "aws_kms_key").find(([id]) => /volumes/.test(id))![1].policy);
  const use = volumesKey(stack).Statement.find((s: any) => s.Sid === "AdministratorsCreateStudioDomainViaServices");
  expect(use.Principal).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
  expect(use.Condition.StringEquals["kms:ViaService"]).toEqual(["sagemaker.eu-west-1.amazonaws.com", "elasticfilesystem.eu-west-1.amazonaws.com"]);
  const plain = synthConfig(configWith(), "studio-keys-none").stack("dev-project-fraud");
  expect(volumesKey(plain).Statement.map((s: any) => s.Sid)).not.toContain("AdministratorsCreateStudioDomainViaServices");
});
