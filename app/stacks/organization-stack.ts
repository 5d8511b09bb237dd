import { Construct } from "constructs";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { OrganizationGuardrails } from "../../lib/constructs/organization/organization-guardrails";
import type { OrganizationPlan } from "../plan/plan";
import { localStatePath } from "./environment";

export interface OrganizationStackProps {
  /** The organization's plan: the account, the policies (packed within AWS's limits) and the targets. */
  readonly plan: OrganizationPlan;
  readonly prefix: string;
  /** The emulator's URL when the environments are pointed at one (the emulator suites). @default none */
  readonly emulatorEndpoint?: string;
}

const DESCRIPTIONS: Record<string, string> = {
  SERVICE_CONTROL_POLICY: "SageMaker environments: what no principal of their accounts may do (docs/organization.md)",
  RESOURCE_CONTROL_POLICY: "SageMaker environments: who, and from where, may reach their resources (docs/organization.md)",
  DECLARATIVE_POLICY_EC2: "SageMaker environments: VPC Block Public Access, bidirectional (docs/organization.md)",
};

/**
 * The organization guardrails, deployed in the management account (or a delegated administrator for Organizations
 * policies): the SCPs, RCPs and the EC2 declarative policy of the plan, each attached to every target. Its state is
 * local (`terraform.organization.tfstate` beside the output folder): the environments' state buckets are in other
 * accounts; keep the file with the management account's tooling (docs/organization.md).
 */
export class OrganizationStack extends TerraformStack {
  readonly guardrails: OrganizationGuardrails;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id);
    const org = props.plan.config;
    const emulator = props.emulatorEndpoint;
    new AwsProvider(this, "aws", {
      region: props.plan.region,
      allowedAccountIds: emulator ? undefined : [org.accountId],
      defaultTags: [{ tags: { "managed-by": "terraform", product: `${props.prefix}-sagemaker-guardrails` } }],
      ...(org.assumeRoleArn && { assumeRole: [{ roleArn: org.assumeRoleArn, sessionName: props.plan.providerSession }] }),
      ...(emulator && {
        skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: "true",
        endpoints: [{ organizations: emulator, sts: emulator, iam: emulator }],
      }),
    });
    new LocalBackend(this, { path: localStatePath(id) });
    this.guardrails = new OrganizationGuardrails(this, "guardrails", {
      targets: org.targets,
      policies: props.plan.policies.map((p) => ({ ...p, description: DESCRIPTIONS[p.type] })),
    });
    new TerraformOutput(this, "policy_ids", { value: this.guardrails.policyIds, description: "Organizations policy ids by name (SCPs, RCPs, declarative)" });
    new TerraformOutput(this, "targets", { value: org.targets, description: "Roots, OUs and accounts the policies are attached to" });
  }
}
