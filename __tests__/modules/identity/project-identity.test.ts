/** The roles as the project stack synthesizes them: boundary on each, one managed policy each, wired to the real keys, buckets and network. */
import { boundaryPolicy } from "../../../lib/constructs/identity/boundary";
import { ROLE_NAMES } from "../../../lib/constructs/identity/project-scope";
import { grantStatement, ROLE_CAPS, ROLE_GRANTS, rolePolicy } from "../../../lib/constructs/identity/role-policies";
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

test("seven roles under one path, each with its own boundary and exactly its own managed policy, no inline policies", () => {
  expect(roles.map(([, r]) => r.name).sort()).toEqual(ROLE_NAMES.map((r) => `sds-dev-fraud-${r}`).sort());
  for (const [id, role] of roles) {
    const [boundaryId] = policies.find(([, p]) => p.name === `${role.name}-boundary`)!;
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
  // Key and bucket policies admit exactly these ARNs: no `<project base>-*` pattern a look-alike role would match.
  expect(planned.roleArnList).toEqual(ROLE_NAMES.map((r) => INPUT.roleArns[r]));
});

test("the policies reference the project's real keys, buckets, subnets, security group and SageMaker API endpoint", () => {
  const creation = byName("sds-dev-fraud-notebook-creation").policy as string;
  expect(creation).toMatch(/"sagemaker:VolumeKmsKeyArn":"\$\{aws_kms_key\.keys_volumes_key_\w+\.arn\}"/);
  expect(creation).toMatch(/"sagemaker:VpcSubnets":\["\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+subnet-eu-west-1a\w*\}","\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+subnet-eu-west-1b\w*\}"\]/);
  // The project's own compute group (made in the project stack), never an environment-wide one.
  expect(creation).toMatch(/"sagemaker:VpcSecurityGroupIds":\["\$\{aws_security_group\.compute-security-group_\w+\.id\}"\]/);
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
    expect(use.Condition.ArnLike["aws:PrincipalArn"]).toEqual(ROLE_NAMES.map((r) => `arn:aws:iam::123456789012:role/sagemaker-project/sds-dev-fraud-${r}`));
  }
});

const LONG_BASE = "sdsplatfrm-development-eu-1-fraud-detection1";
const longest = { ...INPUT, ...projectNames(LONG_BASE), subnetIds: Array.from({ length: 6 }, (_, i) => `subnet-0aaaaaaaaaaaaaaa${i}`),
  dataBucketArns: [`arn:aws:s3:::${LONG_BASE}-data-123456789012`], modelBucketArns: [`arn:aws:s3:::${LONG_BASE}-models-123456789012`] };

/** A managed policy's size as IAM counts it (whitespace excluded). */
const size = (doc: object) => JSON.stringify(doc).replace(/\s/g, "").length;

test("every policy fits IAM's 6144-character limit for managed policies, even with the longest names and six subnets", () => {
  for (const role of ROLE_NAMES) {
    // A role has one boundary: one document, with room to spare (the notebook execution role's, the largest, keeps 400).
    expect([role, size(boundaryPolicy(role, longest)) <= 6144 - 400]).toEqual([role, true]);
    const parts = splitPolicy(rolePolicy(role, longest));
    // A role takes at most 10 managed policies (IAM's default quota); the grants stay whole across the parts.
    expect(parts.length).toBeLessThanOrEqual(MAX_POLICY_PARTS);
    expect(parts.flatMap((p) => p.Statement)).toEqual(rolePolicy(role, longest).Statement);
    for (const doc of parts) expect(size(doc)).toBeLessThanOrEqual(6144);
  }
});

test("each boundary allows exactly its role's actions and keeps every condition of its grants as a deny", () => {
  for (const role of ROLE_NAMES) {
    const boundary = boundaryPolicy(role, longest);
    const allowed = new Set(boundary.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => [s.Action ?? []].flat()));
    const granted = new Set(ROLE_GRANTS[role](longest).flatMap((g) => g.actions));
    expect([role, [...allowed].sort()]).toEqual([role, [...granted].sort()]);
    // Every condition key of a grant is a deny key of the boundary, or a condition of the boundary's Allow for a grant
    // on "*", but for those held elsewhere: the project keys' policies (kms:*) and the role's own explicit caps (ROLE_CAPS).
    const capped = new Set((ROLE_CAPS[role]?.(longest) ?? []).flatMap((st) => Object.values(st.Condition ?? {}).flatMap((k) => Object.keys(k))));
    const denyKeys = new Set(boundary.Statement.filter((s) => s.Effect === "Deny" || s.Resource === "*")
      .flatMap((s) => Object.values(s.Condition ?? {}).flatMap((k) => Object.keys(k))));
    for (const g of ROLE_GRANTS[role](longest)) {
      for (const key of Object.values(g.conditions ?? {}).flatMap((k) => Object.keys(k))) {
        if (key.startsWith("kms:") || capped.has(key)) continue;
        expect([role, g.sid, key, denyKeys.has(key)]).toEqual([role, g.sid, key, true]);
      }
    }
  }
});

test('Resource "*" only with a reason, and a reason only with Resource "*"', () => {
  expect(() => grantStatement({ sid: "X", actions: ["sagemaker:ListModels"], resources: "*" })).toThrow(/needs a reason/);
  expect(() => grantStatement({ sid: "X", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], unscopable: "because" })).toThrow(/needs a reason/);
  for (const role of ROLE_NAMES) for (const g of ROLE_GRANTS[role](INPUT)) if (g.resources === "*") expect(g.unscopable!.length).toBeGreaterThan(20);
});
