/**
 * The one list of what the moto emulator (5.2.1) cannot show, measured with hashicorp/aws 5.100.0.
 * Every entry keeps its resource in the product: what the emulator suites leave out here is proven by
 * `terraform validate` and `plan` in __tests__/terraform instead.
 */
export interface EmulatorGap {
  /** Resource type (or resource type.attribute) concerned. */
  readonly subject: string;
  /** What the emulator does wrong. */
  readonly reason: string;
  /** What the suites do about it. */
  readonly handling: "excluded from apply" | "drift tolerated" | "check made on the synthesized JSON instead";
}

export const EMULATOR_GAPS: readonly EmulatorGap[] = [
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
