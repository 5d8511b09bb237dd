import { Testing, TerraformStack } from "cdktf";
import { EncryptionKey } from "../../../lib/constructs/encryption/encryption-key";
import { logsServiceUse } from "../../../lib/constructs/encryption/key-policy";

const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
const groupArn = "arn:aws:logs:eu-west-1:123456789012:log-group:/sds/dev/vpc-flow-logs";

function keyJson(extra: Partial<ConstructorParameters<typeof EncryptionKey>[2]> = {}) {
  const json = JSON.parse(Testing.synthScope((s) => new EncryptionKey(s as TerraformStack, "k", {
    alias: "sds/dev/logs", description: "logs", scope, services: [logsServiceUse(scope, "amazonaws.com", [groupArn])], ...extra })));
  const key = Object.values(json.resource.aws_kms_key)[0] as Record<string, any>;
  return { key, alias: Object.values(json.resource.aws_kms_alias)[0] as Record<string, any>, policy: JSON.parse(key.policy) };
}

test("rotation on, the longest deletion window, an alias", () => {
  const { key, alias } = keyJson();
  expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  expect(alias.name).toBe("alias/sds/dev/logs");
});

test("the logs service may use the key only for the named log groups", () => {
  const { policy } = keyJson();
  const logs = policy.Statement.find((s: any) => s.Principal?.Service === "logs.eu-west-1.amazonaws.com");
  expect(logs.Condition).toEqual({ ArnLike: { "kms:EncryptionContext:aws:logs:arn": [groupArn] } });
  expect(logs.Action).not.toContain("kms:*");
});

test("no wildcard principal and no kms:*; administrators default to the account and can be set", () => {
  const { policy } = keyJson();
  for (const s of policy.Statement) {
    expect(s.Principal).not.toBe("*");
    expect([].concat(s.Action)).not.toContain("kms:*");
  }
  const admin = policy.Statement.find((s: any) => s.Sid === "KeyAdministration");
  expect(admin.Principal).toEqual({ AWS: ["arn:aws:iam::123456789012:root"] });
  expect(admin.Action).not.toContain("kms:Decrypt");
  const custom = keyJson({ administratorArns: ["arn:aws:iam::123456789012:role/platform-admin"] }).policy.Statement.find((s: any) => s.Sid === "KeyAdministration");
  expect(custom.Principal).toEqual({ AWS: ["arn:aws:iam::123456789012:role/platform-admin"] });
});
