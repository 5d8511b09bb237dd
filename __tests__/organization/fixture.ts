/** The organization config of the organization tests: one OU, the deploy and break-glass roles exempt, dev's VPC named. */
import { VPC } from "../identity/fixture";

export const ORG_ID = "o-a1b2c3d4e5";
export const MANAGEMENT = "999988887777";
export const OU = "ou-ab12-34cd56ef";
export const DEPLOYER = "arn:aws:iam::123456789012:role/sds-terraform";
export const BREAK_GLASS = "arn:aws:iam::123456789012:role/sds-break-glass";

export const ORGANIZATION = {
  accountId: MANAGEMENT,
  organizationId: ORG_ID,
  targets: [OU],
  exemptPrincipalArns: ["arn:aws:iam::*:role/sds-terraform", "arn:aws:iam::*:role/sds-break-glass"],
  environmentVpcIds: { dev: VPC },
};
