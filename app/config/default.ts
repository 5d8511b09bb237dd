import { KNOWN_GAPS } from "../../checks/compliance/known-gaps";
import type { ConfigInput } from "./schema";

/**
 * The embedded default: one example environment in the AWS documentation's example account.
 * It synthesizes offline with no credentials; copy it to a file and pass `--config FILE` to use your own.
 */
export const DEFAULT_CONFIG: ConfigInput = {
  prefix: "sds",
  environments: [
    {
      name: "dev",
      accountId: "123456789012",
      region: "eu-west-1",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      network: { vpcCidr: "10.20.0.0/16" },
      logs: { retentionDays: 365 },
      owner: "data-platform",
      costCentre: "data-science",
      projects: [{
        name: "fraud",
        owner: "fraud-analytics",
        identity: {
          // Your IAM Identity Center permission-set role for data scientists (its sessions carry the username tag).
          dataScientistPrincipals: ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataScientist_0123456789abcdef"],
          cicdPrincipals: ["arn:aws:iam::123456789012:role/sds-terraform"],
        },
        notebooks: [{ name: "alice", owner: "alice@example.com", instanceType: "ml.t3.medium", volumeSizeGb: 20 }],
      }],
      audit: { trail: "account", alertSubscriptions: [{ protocol: "email", endpoint: "security-alerts@example.com" }] },
      // The role your CI/CD pipeline (or you) run Terraform with: key administrator, and allowed to manage the project
      // buckets from outside the VPC. It must exist before the first apply.
      dataProtection: { administratorArns: ["arn:aws:iam::123456789012:role/sds-terraform"] },
    },
  ],
  // The compliance rule pack fails the synth on any failing rule; these are the product's explained gaps.
  compliance: { mode: "enforce", suppressions: KNOWN_GAPS.map((g) => ({ ...g })) },
};
