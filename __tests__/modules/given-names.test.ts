/**
 * Modules are given their names (issue 11): the plan computes every AWS-constrained name, and a module used with a
 * given name emits exactly it — no suffix, prefix or formula of its own. Each module here is given names no plan
 * formula would produce; the synthesized JSON must carry exactly those, and nothing else of its kind.
 */
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentAudit } from "../../lib/constructs/audit/environment-audit";
import { CodeRepository } from "../../lib/constructs/code/code-repository";
import { PackageMirror } from "../../lib/constructs/code/package-mirror";
import { ProjectKeys } from "../../lib/constructs/encryption/project-keys";
import { ProjectIdentity, ProjectRoleNames } from "../../lib/constructs/identity/project-identity";
import { ProjectRole } from "../../lib/constructs/identity/project-role";
import { ROLE_NAMES, RoleName } from "../../lib/constructs/identity/project-scope";
import { STUDIO_ROLES } from "../../lib/constructs/identity/studio-policies";
import { FlowLogs } from "../../lib/constructs/network/flow-logs";
import { SecurityGroups } from "../../lib/constructs/network/security-groups";
import { StudioSecurityGroup } from "../../lib/constructs/network/studio-security-group";
import { StudioDomain } from "../../lib/constructs/sagemaker/studio-domain";
import { rolePolicy } from "../../lib/constructs/identity/role-policies";
import { policy, splitPolicy } from "../../lib/domain/policy/document";
import { INPUT, STUDIO_SCOPE } from "../identity/fixture";

const scope = INPUT.scope;
const KEY = `arn:aws:kms:${scope.region}:${scope.accountId}:key/11111111-1111-1111-1111-111111111111`;
const ADMIN = `arn:aws:iam::${scope.accountId}:role/admin`;

/** The synthesized resources of the scope, by type. */
function synth(build: (s: Construct) => void): Record<string, Record<string, any>> {
  return JSON.parse(Testing.synthScope(build)).resource;
}

/** The values of one attribute of every resource of a type, sorted. */
function names(resources: Record<string, Record<string, any>>, type: string, attribute: string): string[] {
  return Object.values(resources[type] ?? {}).map((r) => r[attribute]).sort();
}

test("SecurityGroups: the given group name, nothing appended", () => {
  const r = synth((s) => new SecurityGroups(s, "sg", { names: { endpoints: "given-b" }, vpcId: "vpc-1" }));
  expect(names(r, "aws_security_group", "name")).toEqual(["given-b"]);
});

test("FlowLogs: the given role name", () => {
  const r = synth((s) => new FlowLogs(s, "fl", { scope, name: "tag", roleName: "given-flow-role", vpcId: "vpc-1", logGroupName: "/given/flow", kmsKeyArn: KEY, retentionDays: 7 }));
  expect(names(r, "aws_iam_role", "name")).toEqual(["given-flow-role"]);
  expect(names(r, "aws_cloudwatch_log_group", "name")).toEqual(["/given/flow"]);
});

test("EnvironmentAudit: the given trail, trail role, buckets, key aliases, topic and rule names", () => {
  const r = synth((s) => new EnvironmentAudit(s, "audit", {
    scope, name: "label", logGroups: { trail: "/given/trail-group", sageMaker: [] },
    alerts: { topicName: "given-topic", ruleName: "given-rule", keyAlias: "given/alerts-key" },
    logsKmsKeyArn: KEY, retentionDays: 7, keyAdministratorArns: [ADMIN], evidenceConfigurationArns: [ADMIN],
    trail: {
      names: { name: "given-trail", deliveryRole: "given-trail-role", keyAlias: "given/trail-key", bucket: "given-trail-bucket", accessLogBucket: "given-trail-logs" },
      fileRetentionDays: 30,
    },
  }));
  expect(names(r, "aws_cloudtrail", "name")).toEqual(["given-trail"]);
  expect(names(r, "aws_iam_role", "name")).toEqual(["given-trail-role"]);
  expect(names(r, "aws_s3_bucket", "bucket")).toEqual(["given-trail-bucket", "given-trail-logs"]);
  expect(names(r, "aws_kms_alias", "name")).toEqual(["alias/given/alerts-key", "alias/given/trail-key"]);
  expect(names(r, "aws_sns_topic", "name")).toEqual(["given-topic"]);
  expect(names(r, "aws_cloudwatch_event_rule", "name")).toEqual(["given-rule"]);
  expect(names(r, "aws_cloudwatch_log_group", "name")).toEqual(["/given/trail-group"]);
});

test("ProjectKeys: the three given aliases", () => {
  const r = synth((s) => new ProjectKeys(s, "keys", {
    scope, dnsSuffix: "amazonaws.com", name: "label", aliases: { data: "given/d", volumes: "given/v", logs: "given/l" }, logGroupNames: ["/given/*"],
  }));
  expect(names(r, "aws_kms_alias", "name")).toEqual(["alias/given/d", "alias/given/l", "alias/given/v"]);
});

test("ProjectIdentity: the given role, policy, boundary and Studio policy names", () => {
  const roles = Object.fromEntries(ROLE_NAMES.map((role, i): [RoleName, ProjectRoleNames] => [role, {
    name: `given-role-${i}`,
    policyParts: [`given-policy-${i}`, `given-policy-${i}-second`],
    boundary: `given-boundary-${i}`,
    studio: (STUDIO_ROLES as readonly string[]).includes(role) ? { policy: `given-studio-${i}` } : undefined,
  }])) as Record<RoleName, ProjectRoleNames>;
  const r = synth((s) => new ProjectIdentity(s, "identity", {
    input: INPUT, names: { rolePath: "/given-path/", roles }, dataScientistPrincipals: [ADMIN], cicdPrincipals: [ADMIN], studio: STUDIO_SCOPE,
  }));
  expect(names(r, "aws_iam_role", "name")).toEqual(ROLE_NAMES.map((_, i) => `given-role-${i}`).sort());
  expect(new Set([...names(r, "aws_iam_role", "path"), ...names(r, "aws_iam_policy", "path")])).toEqual(new Set(["/given-path/"]));
  const studio = STUDIO_ROLES.map((role) => roles[role].studio!.policy);
  // A role uses as many of its given part names as its policy has parts (one, or two past IAM's size limit).
  const parts = ROLE_NAMES.flatMap((role) => roles[role].policyParts.slice(0, splitPolicy(rolePolicy(role, INPUT)).length));
  expect(parts).toContain("given-policy-0");
  expect(names(r, "aws_iam_policy", "name")).toEqual([...ROLE_NAMES.map((_, i) => `given-boundary-${i}`), ...parts, ...studio].sort());
});

test("ProjectIdentity: a Studio project without the Studio policy names is refused", () => {
  const roles = Object.fromEntries(ROLE_NAMES.map((role) => [role, { name: role, policyParts: [role], boundary: `${role}-b` }])) as unknown as Record<RoleName, ProjectRoleNames>;
  expect(() => synth((s) => new ProjectIdentity(s, "identity", {
    input: INPUT, names: { rolePath: "/p/", roles }, dataScientistPrincipals: [ADMIN], cicdPrincipals: [ADMIN], studio: STUDIO_SCOPE,
  }))).toThrow(/Studio policy names/);
});

describe("ProjectRole: a policy beyond IAM's size limit is split into parts named by the given names", () => {
  // 20 statements of ~400 characters: more than 6144 characters, so two parts (at most MAX_POLICY_PARTS).
  const big = policy(...Array.from({ length: 20 }, (_, i) => ({
    Sid: `S${i}`, Effect: "Allow" as const, Action: "s3:GetObject", Resource: Array.from({ length: 6 }, (_, k) => `arn:aws:s3:::bucket-${i}-${k}-${"x".repeat(40)}/*`),
  })));
  const trust = policy({ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" });
  const parts = ["first-part", "second-part", "third-part", "fourth-part", "fifth-part", "sixth-part"];
  const props = { name: "given-role", path: "/p/", description: "d", trustPolicy: trust, policy: big, permissionsBoundaryArn: KEY };

  test("each part takes the next given name, in order", () => {
    const r = synth((s) => new ProjectRole(s, "role", { ...props, policyNames: parts }));
    // Ordered by the statements they hold: the part with the first statement has the first name.
    const used = Object.values(r.aws_iam_policy).map((p: any) => ({ name: p.name, first: Number(JSON.parse(p.policy).Statement[0].Sid.slice(1)) }))
      .sort((a, b) => a.first - b.first).map((p) => p.name);
    expect(used.length).toBeGreaterThan(1);
    expect(used).toEqual(parts.slice(0, used.length));
  });

  test("too few names is an error naming the role, not a made-up name", () => {
    expect(() => synth((s) => new ProjectRole(s, "role", { ...props, policyNames: ["only-one"] }))).toThrow(/ProjectRole given-role: its policy needs \d+ parts but 1 policy names were given/);
  });
});

test("Studio: the given domain, lifecycle configuration and security group names", () => {
  const r = synth((s) => {
    new StudioSecurityGroup(s, "studio-sg", { name: "given-studio-sg", vpcId: "vpc-1", endpointSecurityGroupId: "sg-e", s3PrefixListId: "pl-1" });
    new StudioDomain(s, "studio", {
      name: "given-domain", lifecycleConfigNames: { JupyterLab: "given-jl", CodeEditor: "given-ce" },
      region: scope.region, authMode: "IAM", vpcId: "vpc-1", subnetIds: ["subnet-1"], securityGroupId: "sg-1", volumeKeyArn: KEY,
      executionRoleArn: INPUT.roleArns["notebook-execution"], instanceTypes: ["ml.t3.medium"], idleShutdownMinutes: 60, homeVolumeOnDestroy: "Retain",
      users: [{ username: "alice" }], sdkDefaults: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"], volumeKeyArn: KEY, outputKeyArn: KEY },
    });
  });
  expect(names(r, "aws_sagemaker_domain", "domain_name")).toEqual(["given-domain"]);
  expect(names(r, "aws_sagemaker_studio_lifecycle_config", "studio_lifecycle_config_name")).toEqual(["given-ce", "given-jl"]);
  expect(names(r, "aws_security_group", "name")).toEqual(["given-studio-sg"]);
});

test("CodeRepository and PackageMirror: the given repository and domain names", () => {
  const r = synth((s) => {
    new CodeRepository(s, "code", { name: "given-repo", description: "d", source: { type: "codecommit" }, kmsKeyArn: KEY });
    new PackageMirror(s, "mirror", { scope, dnsSuffix: "amazonaws.com", domain: "given-domain", repository: "given-pypi", kmsKeyArn: KEY });
  });
  expect(names(r, "aws_codecommit_repository", "repository_name")).toEqual(["given-repo"]);
  expect(names(r, "aws_sagemaker_code_repository", "code_repository_name")).toEqual(["given-repo"]);
  expect(names(r, "aws_codeartifact_domain", "domain")).toEqual(["given-domain"]);
  expect(names(r, "aws_codeartifact_repository", "repository")).toEqual(["given-pypi"]);
});
