import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";

/** A rule of a project's group: `self` = members of the group; the other peers are the endpoint group and the S3 prefix list. */
export interface ProjectGroupRule {
  readonly id: string;
  readonly type: "ingress" | "egress";
  readonly peer: "self" | "endpoints" | "s3";
  /** "-1" (all traffic, no ports) only between members of the group. @default "tcp" */
  readonly protocol?: "tcp" | "-1";
  /** Required for TCP. */
  readonly ports?: readonly [number, number];
  readonly description: string;
}

export interface ProjectSecurityGroupProps {
  /** Group name (also its `Name` tag), from the plan, e.g. "sds-dev-fraud-compute". */
  readonly name: string;
  /** The group's description (ForceNew: changing it replaces the group). */
  readonly description: string;
  /** The group's rules; no rule may have a CIDR peer. */
  readonly rules: readonly ProjectGroupRule[];
  readonly vpcId: string;
  /** The environment's interface endpoint group: it gets one rule admitting HTTPS from this group. */
  readonly endpointSecurityGroupId: string;
  /** Description of that rule on the endpoint group. */
  readonly endpointRuleDescription: string;
  /** Prefix list of the S3 gateway endpoint. */
  readonly s3PrefixListId: string;
}

/** What hashicorp/aws 5.100.0 accepts in a rule description (terraform validate refuses an apostrophe). */
const RULE_DESCRIPTION = /^[0-9A-Za-z_ .:/()#,@[\]+=&;{}!$*-]*$/;

/**
 * The compute rules of a project (notebook instances, training, processing, tuning and transform jobs, hosted
 * models): all traffic among the group's own members only (SageMaker's distributed training exchanges traffic between
 * the instances of one job on ports it does not document), HTTPS to the AWS APIs through the interface endpoints and
 * to S3 through the gateway endpoint. Nothing from or to another project's group, nothing to the internet.
 */
export const COMPUTE_RULES: readonly ProjectGroupRule[] = [
  { id: "in-self", type: "ingress", peer: "self", protocol: "-1", description: "Between the SageMaker instances of this project only (distributed training)" },
  { id: "out-self", type: "egress", peer: "self", protocol: "-1", description: "Between the SageMaker instances of this project only (distributed training)" },
  { id: "out-endpoints", type: "egress", peer: "endpoints", ports: [443, 443], description: "HTTPS to the interface VPC endpoints (AWS APIs)" },
  { id: "out-s3", type: "egress", peer: "s3", ports: [443, 443], description: "HTTPS to S3 through the gateway endpoint" },
];

/**
 * A security group of one project (its compute, or its Studio apps), with the rules given, and the rule on the
 * environment's endpoint group that admits it on 443. A group per project, so that one project's code cannot reach
 * anything listening in another project's notebooks, jobs or apps.
 */
export class ProjectSecurityGroup extends Construct {
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: ProjectSecurityGroupProps) {
    super(scope, id);
    const group = new SecurityGroup(this, "group", { name: props.name, description: props.description, vpcId: props.vpcId, tags: { Name: props.name } });
    this.securityGroupId = group.id;
    const peers = {
      self: { selfAttribute: true },
      endpoints: { sourceSecurityGroupId: props.endpointSecurityGroupId },
      s3: { prefixListIds: [props.s3PrefixListId] },
    };
    for (const r of props.rules) {
      if (!RULE_DESCRIPTION.test(r.description)) throw new Error(`${props.name}: the description of rule ${r.id} has characters hashicorp/aws refuses (${RULE_DESCRIPTION})`);
      const protocol = r.protocol ?? "tcp";
      if (protocol === "-1" && r.peer !== "self") throw new Error(`${props.name}: rule ${r.id} allows all traffic to a peer outside the group`);
      if (protocol === "tcp" && !r.ports) throw new Error(`${props.name}: TCP rule ${r.id} names no ports`);
      new SecurityGroupRule(this, r.id, {
        securityGroupId: group.id, type: r.type, protocol, fromPort: r.ports?.[0] ?? 0, toPort: r.ports?.[1] ?? 0, description: r.description, ...peers[r.peer],
      });
    }
    new SecurityGroupRule(this, "endpoints-in", {
      securityGroupId: props.endpointSecurityGroupId, type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, sourceSecurityGroupId: group.id,
      description: props.endpointRuleDescription,
    });
  }
}
