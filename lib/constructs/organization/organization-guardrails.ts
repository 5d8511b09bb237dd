import { Construct } from "constructs";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { PolicyDocument, policyJson } from "../../domain/policy/document";

/** One policy the construct creates and attaches. */
export interface GuardrailPolicy {
  /** Organizations policy name, from the plan. */
  readonly name: string;
  readonly description: string;
  readonly type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY" | "DECLARATIVE_POLICY_EC2";
  /** An IAM policy document (SCP, RCP), or a declarative policy's JSON object. */
  readonly content: PolicyDocument | Record<string, unknown>;
}

export interface OrganizationGuardrailsProps {
  /** The policies, already within AWS's limits (policy-packing.ts). */
  readonly policies: readonly GuardrailPolicy[];
  /** Roots, OUs or accounts every policy is attached to. */
  readonly targets: readonly string[];
}

/** The organization policies and their attachments: each policy on each target. */
export class OrganizationGuardrails extends Construct {
  /** Policy ids by name. */
  readonly policyIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsProps) {
    super(scope, id);
    props.policies.forEach((p) => {
      const resource = new OrganizationsPolicy(this, p.name, {
        name: p.name,
        description: p.description,
        type: p.type,
        content: "Statement" in p.content ? policyJson(p.content as PolicyDocument) : JSON.stringify(p.content),
      });
      for (const target of props.targets) new OrganizationsPolicyAttachment(this, `${p.name}-${target}`, { policyId: resource.id, targetId: target });
      this.policyIds[p.name] = resource.id;
    });
  }
}
