/**
 * The one list of what the moto emulator (5.2.1) cannot show, measured with hashicorp/aws 5.100.0.
 * Every entry keeps its resource in the product: what the emulator runs leave out here is proven by
 * `terraform validate` and `plan` in __tests__/terraform instead. The emulator suites and `npm run demo`
 * apply with `emulatorTargets`, which leaves out the excluded types and everything that depends on them.
 */
export interface EmulatorGap {
  /** Resource type (or resource type.attribute) concerned. */
  readonly subject: string;
  /** For "excluded from apply": the resource type left out. */
  readonly excludedType?: string;
  /** What the emulator does wrong. */
  readonly reason: string;
  /** What the suites do about it. */
  readonly handling: "excluded from apply" | "drift tolerated" | "check made on the synthesized JSON instead" | "bucket emptied through the S3 API before destroy" | "excluded from apply in the state stack only";
}

export const EMULATOR_GAPS: readonly EmulatorGap[] = [
  {
    subject: "aws_s3_bucket_policy of the Terraform state bucket",
    reason: "moto evaluates Principal \"*\" bucket-policy statements on object GET/HEAD without condition values, so a conditional Deny (TLS-only) denies every read: the S3 backend's HeadObject gets 403. Other buckets keep their policies (moto's PutBucketLogging needs the log bucket's)",
    handling: "excluded from apply in the state stack only",
  },
  {
    subject: "aws_s3_bucket.force_destroy (versioned bucket holding delete markers)",
    reason: "when versioning is suspended (destroying aws_s3_bucket_versioning does that first), moto's DeleteObjects crashes on delete markers ('FakeDeleteMarker' object has no attribute 'dispose', HTTP 500) and the provider retries until its timeout; the state bucket has delete markers from every released .tflock",
    handling: "bucket emptied through the S3 API before destroy",
  },
  {
    subject: "aws_security_group_rule.description (prefix-list peers)",
    reason: "moto merges an egress rule to a prefix list into another rule with the same ports and drops its description",
    handling: "check made on the synthesized JSON instead",
  },
  {
    subject: "aws_vpc_security_group_ingress_rule / aws_vpc_security_group_egress_rule",
    reason: "moto's DescribeSecurityGroupRules omits descriptions and prefixes referenced group ids with the account id, so every second plan shows drift; the product uses aws_security_group_rule instead",
    handling: "check made on the synthesized JSON instead",
  },
  {
    subject: "aws_kms_key.rotation_period_in_days",
    reason: "moto does not return RotationPeriodInDays; the product leaves it at AWS's default of 365 days",
    handling: "check made on the synthesized JSON instead",
  },
];

/** Resource types the emulator runs leave out. */
export const EXCLUDED_TYPES: readonly string[] = EMULATOR_GAPS.flatMap((g) => (g.excludedType ? [g.excludedType] : []));

/**
 * `-target` arguments for an emulator apply/plan of a synthesized stack: every resource except those of an
 * excluded type and, transitively, those that reference one. Returns [] when nothing is excluded (plain apply),
 * and the addresses left out, so a test can say what it did not apply.
 */
export function emulatorTargets(stack: Record<string, any>, excluded: readonly string[] = EXCLUDED_TYPES): { args: string[]; left: string[] } {
  const resources = stack.resource ?? {};
  const all: [string, string][] = Object.entries(resources).flatMap(([type, byName]) =>
    Object.keys(byName as object).map((name) => [`${type}.${name}`, JSON.stringify((byName as any)[name])] as [string, string]));
  const left = new Set(all.filter(([address]) => excluded.includes(address.split(".")[0])).map(([a]) => a));
  if (left.size === 0) return { args: [], left: [] };
  let grew = true;
  while (grew) {
    grew = false;
    for (const [address, body] of all) {
      if (!left.has(address) && [...left].some((l) => body.includes(`${l}.`) || body.includes(`"${l}"`))) {
        left.add(address);
        grew = true;
      }
    }
  }
  return { args: all.filter(([a]) => !left.has(a)).map(([a]) => `-target=${a}`), left: [...left].sort() };
}
