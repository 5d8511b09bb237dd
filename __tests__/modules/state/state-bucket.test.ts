/**
 * The state bucket is a SecureBucket variant whose resources keep the addresses of version 0.2.0 (or move there by
 * a `moved` block), read back from the synthesized state stack. The emulator proof that an upgrade replaces nothing
 * is __tests__/emulator/state-bucket-upgrade.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configWith, resources, synthConfig } from "../../helpers/synth";

const OLD = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "state-stack-v0.2.0.json"), "utf8"));
const state = synthConfig(configWith(), "state-bucket").stack("dev-state");
const addresses = (stack: Record<string, any>) =>
  Object.entries(stack.resource).flatMap(([type, byId]) => Object.keys(byId as object).map((id) => `${type}.${id}`));
const mine = (type: string) => resources(state, type).filter(([id]) => id.startsWith("state-bucket_"));

test("every address of version 0.2.0 is still there, or a moved block of today's stack carries it to its new one", () => {
  const now = new Set(addresses(state));
  const moves = new Map<string, string>((state.moved ?? []).map((m: { from: string; to: string }) => [m.from, m.to]));
  const lost = addresses(OLD).filter((a) => !now.has(a) && !now.has(moves.get(a) ?? ""));
  expect(lost).toEqual([]);
  // The one move: the public access block's child id was "public-access-block", the SecureBucket's is "public-access".
  expect([...moves]).toEqual([[
    expect.stringMatching(/^aws_s3_bucket_public_access_block\.state-bucket_public-access-block_[0-9A-F]{8}$/),
    `aws_s3_bucket_public_access_block.${mine("aws_s3_bucket_public_access_block")[0][0]}`,
  ]]);
  // A move's source must be an address that existed, or it moves nothing.
  for (const from of moves.keys()) expect(addresses(OLD)).toContain(from);
});

test("the policy keeps version 0.2.0's four denies and adds none that would pin the key the backend names by alias", () => {
  const statements = (policyText: string) => JSON.parse(policyText).Statement.map((s: any) => `${s.Effect}:${s.Sid}`);
  const [[, old]] = Object.entries<any>(OLD.resource.aws_s3_bucket_policy).filter(([id]) => id.startsWith("state-bucket_"));
  const [[, now]] = mine("aws_s3_bucket_policy");
  expect(statements(now.policy)).toEqual(statements(old.policy));
  expect(now.policy).not.toMatch(/SourceVpce|aws-kms-key-id/);
});

test("destroy behaviour as in 0.2.0: deleted only when empty, after nothing else; the bucket goes before its key", () => {
  const [[, bucket]] = mine("aws_s3_bucket");
  expect(bucket.force_destroy).toBe(false);
  expect(bucket.lifecycle).toBeUndefined();
  expect(bucket.depends_on).toEqual([expect.stringMatching(/^aws_kms_key\.state-key_[0-9A-F]{8}$/)]);
});
