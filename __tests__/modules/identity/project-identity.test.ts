/** The roles as the project stack synthesizes them: boundary on each, one managed policy each, wired to the real keys, buckets and network. */
import { boundaryPolicy, projectEnvelope } from "../../../lib/constructs/identity/boundary";
import { ROLE_NAMES } from "../../../lib/constructs/identity/project-scope";
import { grantStatement, ROLE_GRANTS, rolePolicy } from "../../../lib/constructs/identity/role-policies";
import { INPUT, projectNames } from "../../identity/fixture";
import { MAX_POLICY_PARTS, splitPolicy } from "../../../lib/domain/policy/document";
import { plan } from "../../../app/plan/plan";
import { configWith, resources, synthConfig } from "../../helpers/synth";

const config = configWith();
const planned = plan(config).environments[0].projects[0];
const synth = synthConfig(config, "identity-unit");
const stack = synth.stack("dev-project-fraud");
const roles = resources(stack, "aws_iam_role");
const policies = resources(stack, "aws_iam_policy");
const attachments = resources(stack, "aws_iam_role_policy_attachment");
const byName = (name: string) => policies.find(([, p]) => p.name === name)![1];

test("seven roles under one path, each with the boundary and exactly its own managed policy, no inline policies", () => {
  expect(roles.map(([, r]) => r.name).sort()).toEqual(ROLE_NAMES.map((r) => `sds-dev-fraud-${r}`).sort());
  const [boundaryId] = policies.find(([, p]) => p.name === "sds-dev-fraud-boundary")!;
  for (const [id, role] of roles) {
    expect(role).toMatchObject({ path: "/sagemaker-project/", permissions_boundary: `\${aws_iam_policy.${boundaryId}.arn}`, max_session_duration: 3600 });
    expect(role.inline_policy).toBeUndefined();
    const mine = attachments.filter(([, a]) => a.role === `\${aws_iam_role.${id}.name}`);
    // Its own managed policy, in as many parts as IAM's size limit needs (`<name>`, `<name>-2`, ...).
    const own = policies.filter(([, p]) => p.name === role.name || p.name.startsWith(`${role.name}-`) && /-\d+$/.test(p.name));
    expect(mine.map(([, a]) => a.policy_arn).sort()).toEqual(own.map(([pid]) => `\${aws_iam_policy.${pid}.arn}`).sort());
    expect(byName(role.name)).toBeDefined();
  }
  expect(resources(stack, "aws_iam_role_policy")).toEqual([]);
});

test("role ARNs the policies name are the ARNs of the roles created", () => {
  // PassRole and key policies name roles by the plan's deterministic ARN; the role's name and path must produce it.
  expect(roles).toHaveLength(ROLE_NAMES.length);
  for (const [, role] of roles) {
    const short = ROLE_NAMES.find((r) => planned.roles[r].name === role.name)!;
    expect(planned.roles[short].arn).toBe(`arn:aws:iam::123456789012:role${role.path}${role.name}`);
    expect(role.name).toBe(`sds-dev-fraud-${short}`);
  }
  // The fixture the simulations use reads the same plan functions.
  expect(Object.fromEntries(ROLE_NAMES.map((r) => [r, planned.roles[r].arn]))).toEqual(INPUT.roleArns);
  expect(planned.rolesPattern).toBe(INPUT.rolesPattern);
});

test("the policies reference the project's real keys, buckets, subnets, security group and SageMaker API endpoint", () => {
  const creation = byName("sds-dev-fraud-notebook-creation").policy as string;
  expect(creation).toMatch(/"sagemaker:VolumeKmsKeyArn":"\$\{aws_kms_key\.keys_volumes_key_\w+\.arn\}"/);
  expect(creation).toMatch(/"sagemaker:VpcSubnets":\["\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+subnet-eu-west-1a\w*\}","\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+subnet-eu-west-1b\w*\}"\]/);
  expect(creation).toMatch(/"sagemaker:VpcSecurityGroupIds":\["\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+sagemaker\w*\}"\]/);
  const scientist = byName("sds-dev-fraud-data-scientist").policy as string;
  // Presigned URLs through the sagemaker.api endpoint; the opened notebook's requests through the notebook endpoint.
  expect(scientist).toMatch(/"aws:SourceVpce":\["\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+sagemaker-api\w*\}","\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+notebook\w*\}"\]/);
  const execution = byName("sds-dev-fraud-notebook-execution").policy as string;
  expect(execution).toContain('"arn:aws:s3:::sds-dev-fraud-data-123456789012/*"');
  expect(execution).toContain('"arn:aws:s3:::sds-dev-fraud-models-123456789012/*"');
  expect(execution).toMatch(/"sagemaker:OutputKmsKeyArn":"\$\{aws_kms_key\.keys_data_key_\w+\.arn\}"/);
});

test("the project keys admit the project's roles (through AWS services only)", () => {
  for (const [, key] of resources(stack, "aws_kms_key").filter(([id]) => /data|volumes/.test(id))) {
    const use = JSON.parse(key.policy).Statement.find((s: any) => s.Sid === "ProjectRolesViaServices");
    expect(use.Condition.ArnLike["aws:PrincipalArn"]).toEqual(["arn:aws:iam::123456789012:role/sagemaker-project/sds-dev-fraud-*"]);
  }
});

const LONG_BASE = "sdsplatfrm-development-eu-1-fraud-detection1";
const longest = { ...INPUT, ...projectNames(LONG_BASE), subnetIds: Array.from({ length: 6 }, (_, i) => `subnet-0aaaaaaaaaaaaaaa${i}`),
  dataBucketArns: [`arn:aws:s3:::${LONG_BASE}-data-123456789012`], modelBucketArns: [`arn:aws:s3:::${LONG_BASE}-models-123456789012`] };

test("every policy fits IAM's 6144-character limit for managed policies, even with the longest names and six subnets", () => {
  expect(JSON.stringify(boundaryPolicy(longest)).replace(/\s/g, "").length).toBeLessThanOrEqual(6144);
  for (const role of ROLE_NAMES) {
    const parts = splitPolicy(rolePolicy(role, longest));
    // A role takes at most 10 managed policies (IAM's default quota); the grants stay whole across the parts.
    expect(parts.length).toBeLessThanOrEqual(MAX_POLICY_PARTS);
    expect(parts.flatMap((p) => p.Statement)).toEqual(rolePolicy(role, longest).Statement);
    for (const doc of parts) expect(JSON.stringify(doc).replace(/\s/g, "").length).toBeLessThanOrEqual(6144);
  }
});

test("the boundary's envelope covers every resource a role policy grants, so the boundary never silently removes a grant", () => {
  const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  const envelope = projectEnvelope(longest).map(glob);
  const boundaryActions = new Set(boundaryPolicy(longest).Statement.filter((s) => s.Effect === "Allow").flatMap((s) => [s.Action ?? []].flat()));
  for (const role of ROLE_NAMES) {
    for (const grant of ROLE_GRANTS[role](longest)) {
      for (const action of grant.actions) expect([role, action, boundaryActions.has(action)]).toEqual([role, action, true]);
      if (grant.resources === "*") continue;
      // Resource patterns of a grant are covered when the envelope matches them taken literally.
      for (const resource of grant.resources) expect([role, resource, envelope.some((e) => e.test(resource))]).toEqual([role, resource, true]);
    }
  }
});

test('Resource "*" only with a reason, and a reason only with Resource "*"', () => {
  expect(() => grantStatement({ sid: "X", actions: ["sagemaker:ListModels"], resources: "*" })).toThrow(/needs a reason/);
  expect(() => grantStatement({ sid: "X", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], unscopable: "because" })).toThrow(/needs a reason/);
  for (const role of ROLE_NAMES) for (const g of ROLE_GRANTS[role](INPUT)) if (g.resources === "*") expect(g.unscopable!.length).toBeGreaterThan(20);
});
