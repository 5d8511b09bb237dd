/** The project's keys: rotation, aliases, and key policies that allow use only through services and grants only for AWS resources. */
import { Testing } from "cdktf";
import { ProjectKeys } from "../../../lib/constructs/encryption/project-keys";
import { KEY_ADMIN_ACTIONS, keyPolicyStatements, principalUseStatements } from "../../../lib/constructs/encryption/key-policy";

const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
const ADMIN = "arn:aws:iam::123456789012:role/sds-terraform";

function synth(props: Partial<ConstructorParameters<typeof ProjectKeys>[2]> = {}) {
  const json = JSON.parse(Testing.synthScope((stack) => {
    new ProjectKeys(stack, "keys", { scope, dnsSuffix: "amazonaws.com", name: "sds-dev-fraud", aliases: { data: "sds/dev/fraud/data", volumes: "sds/dev/fraud/volumes", logs: "sds/dev/fraud/logs" },
      logGroupNames: ["/sds/dev/fraud/*"], administratorArns: [ADMIN], ...props });
  }));
  const keys = Object.entries(json.resource.aws_kms_key) as [string, any][];
  const key = (purpose: string) => keys.find(([id]) => id.startsWith(`keys_${purpose}_`))![1];
  const statements = (purpose: string) => JSON.parse(key(purpose).policy).Statement as any[];
  return { json, keys, key, statements };
}

test("three keys, rotation on, 30-day deletion window, aliases per purpose", () => {
  const { json, keys } = synth();
  expect(keys).toHaveLength(3);
  for (const [, k] of keys) expect(k).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  expect(Object.values(json.resource.aws_kms_alias).map((a: any) => a.name).sort())
    .toEqual(["alias/sds/dev/fraud/data", "alias/sds/dev/fraud/logs", "alias/sds/dev/fraud/volumes"]);
});

test("the configured administrators administer every key; the root keeps only the key policy", () => {
  const { statements } = synth();
  for (const purpose of ["data", "volumes", "logs"]) {
    const s = statements(purpose);
    expect(s.find((x) => x.Sid === "KeyAdministration").Principal).toEqual({ AWS: [ADMIN] });
    expect(s.find((x) => x.Sid === "AccountRootManagesKeyPolicy").Action).toEqual(["kms:PutKeyPolicy", "kms:GetKeyPolicy", "kms:DescribeKey"]);
    // No statement lets anyone use the key without a condition.
    for (const x of s.filter((x) => x.Action.some?.((a: string) => /Decrypt|Encrypt|GenerateDataKey|CreateGrant/.test(a)))) expect(x.Condition).toBeDefined();
  }
});

test("administrators cannot create grants (kms:Create* would include kms:CreateGrant)", () => {
  expect(KEY_ADMIN_ACTIONS).not.toContain("kms:Create*");
  expect(KEY_ADMIN_ACTIONS.some((a) => "kms:CreateGrant".startsWith(a.replace("*", "")) && a.endsWith("*"))).toBe(false);
});

test("data and volume keys: use only through their services, grants only for AWS resources", () => {
  const { statements } = synth();
  const via = (s: string) => `${s}.eu-west-1.amazonaws.com`;
  for (const [purpose, services] of [["data", ["s3", "sagemaker", "codecommit"]], ["volumes", ["sagemaker", "ec2"]]] as const) {
    const s = statements(purpose);
    expect(s.find((x) => x.Sid === "ProjectRolesViaServices")).toMatchObject({
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
      Condition: { StringEquals: { "kms:ViaService": services.map(via), "kms:CallerAccount": "123456789012" } },
    });
    expect(s.find((x) => x.Sid === "ProjectRolesGrantsForAwsResources")).toMatchObject({
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Condition: { Bool: { "kms:GrantIsForAWSResource": true }, StringEquals: { "kms:ViaService": services.map(via) } },
    });
  }
});

test("the logs key serves the logs service for the project's log groups only", () => {
  const { statements } = synth();
  const s = statements("logs");
  expect(s.map((x) => x.Sid)).toEqual(["AccountRootManagesKeyPolicy", "KeyAdministration", "CloudWatchLogsUseForOwnLogGroups"]);
  expect(s[2]).toMatchObject({
    Principal: { Service: "logs.eu-west-1.amazonaws.com" },
    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": ["arn:aws:logs:eu-west-1:123456789012:log-group:/sds/dev/fraud/*"] } },
  });
});

test("once the roles exist, their ARNs narrow use to them (by aws:PrincipalArn, no reference to the roles)", () => {
  const roles = ["arn:aws:iam::123456789012:role/sds-dev-fraud-*"];
  const { statements } = synth({ principalArns: roles });
  for (const sid of ["ProjectRolesViaServices", "ProjectRolesGrantsForAwsResources"]) {
    expect(statements("data").find((x) => x.Sid === sid).Condition.ArnLike).toEqual({ "aws:PrincipalArn": roles });
  }
  expect(statements("logs").some((x) => x.Sid !== "AccountRootManagesKeyPolicy" && x.Condition?.ArnLike?.["aws:PrincipalArn"])).toBe(false);
  // Only the named administrators (and the root user itself) may rewrite the key policy, not every IAM administrator.
  expect(statements("logs").find((x) => x.Sid === "AccountRootManagesKeyPolicy").Condition).toEqual({
    ArnLike: { "aws:PrincipalArn": [ADMIN, "arn:aws:iam::123456789012:root"] } });
  // The administrators keep what Terraform needs for the CodeCommit repository, through CodeCommit only.
  expect(statements("data").find((x) => x.Sid === "AdministratorsViaServices").Condition).toEqual({
    StringEquals: { "kms:ViaService": ["codecommit.eu-west-1.amazonaws.com"], "kms:CallerAccount": "123456789012" },
    ArnLike: { "aws:PrincipalArn": [ADMIN] },
  });
  expect(statements("volumes").some((x) => x.Sid.startsWith("Administrators"))).toBe(false);
});

test("until role ARNs are given, the account delegates use to IAM and no administrator statement is needed", () => {
  expect(synth().statements("data").some((x) => x.Sid.startsWith("AdministratorsVia"))).toBe(false);
});

test("without administrators the account root administers (IAM decides)", () => {
  const s = keyPolicyStatements({ scope });
  expect(s.find((x) => x.Sid === "KeyAdministration")!.Principal).toEqual({ AWS: ["arn:aws:iam::123456789012:root"] });
  expect(principalUseStatements(scope, { sid: "X", viaServices: ["s3"] }, "amazonaws.com.cn")[0].Condition!.StringEquals!["kms:ViaService"])
    .toEqual(["s3.eu-west-1.amazonaws.com.cn"]);
});
