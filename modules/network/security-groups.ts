import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";

export interface SecurityGroupsProps {
  /** Name prefix, e.g. "sds-dev". */
  readonly name: string;
  readonly vpcId: string;
  /** Prefix list of the S3 gateway endpoint, the only destination outside the VPC the SageMaker group may reach. */
  readonly s3PrefixListId: string;
}

/** One rule of the table below: direction, the group it belongs to, the peer and the ports. */
interface RuleSpec {
  readonly id: string;
  readonly direction: "ingress" | "egress";
  readonly group: "sagemaker" | "endpoints";
  readonly peer: { group: "sagemaker" | "endpoints" } | { prefixList: "s3" };
  readonly protocol: "tcp" | "-1";
  readonly ports?: [number, number];
  readonly description: string;
}

/**
 * The rules, as data. Nothing is open to the world: every peer is a group of this VPC or the S3 prefix list.
 * SageMaker documents NFS (2049) and 8192-65535 for Studio and all traffic between the instances of a distributed
 * training job; the self-referencing rules allow traffic between members of the SageMaker group only.
 */
const RULES: readonly RuleSpec[] = [
  { id: "endpoints-in-https", direction: "ingress", group: "endpoints", peer: { group: "sagemaker" }, protocol: "tcp", ports: [443, 443],
    description: "HTTPS to the interface endpoints from SageMaker notebooks, jobs and endpoints" },
  { id: "sagemaker-in-self", direction: "ingress", group: "sagemaker", peer: { group: "sagemaker" }, protocol: "-1",
    description: "Between SageMaker instances of this environment (distributed training, Studio NFS)" },
  { id: "sagemaker-out-self", direction: "egress", group: "sagemaker", peer: { group: "sagemaker" }, protocol: "-1",
    description: "Between SageMaker instances of this environment (distributed training, Studio NFS)" },
  { id: "sagemaker-out-endpoints", direction: "egress", group: "sagemaker", peer: { group: "endpoints" }, protocol: "tcp", ports: [443, 443],
    description: "HTTPS to the interface VPC endpoints (AWS APIs)" },
  { id: "sagemaker-out-s3", direction: "egress", group: "sagemaker", peer: { prefixList: "s3" }, protocol: "tcp", ports: [443, 443],
    description: "HTTPS to S3 through the gateway endpoint" },
];

/**
 * The environment's two security groups: one for everything SageMaker runs (notebooks, jobs, endpoints) and one
 * for the interface endpoints, which accept HTTPS from the first only.
 */
export class SecurityGroups extends Construct {
  readonly sagemakerSecurityGroupId: string;
  readonly endpointSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const groups: Record<"sagemaker" | "endpoints", SecurityGroup> = {
      sagemaker: new SecurityGroup(this, "sagemaker", {
        name: `${props.name}-sagemaker`,
        description: "SageMaker notebooks, jobs and endpoints; egress only to the VPC endpoints and S3",
        vpcId: props.vpcId,
        tags: { Name: `${props.name}-sagemaker` },
      }),
      endpoints: new SecurityGroup(this, "endpoints", {
        name: `${props.name}-vpc-endpoints`,
        description: "Interface VPC endpoints; HTTPS from the SageMaker group only",
        vpcId: props.vpcId,
        tags: { Name: `${props.name}-vpc-endpoints` },
      }),
    };
    this.sagemakerSecurityGroupId = groups.sagemaker.id;
    this.endpointSecurityGroupId = groups.endpoints.id;
    for (const rule of RULES) {
      const peer = "prefixList" in rule.peer
        ? { prefixListIds: [props.s3PrefixListId] }
        : rule.peer.group === rule.group
          ? { selfAttribute: true }
          : { sourceSecurityGroupId: groups[rule.peer.group].id };
      new SecurityGroupRule(this, rule.id, {
        type: rule.direction,
        securityGroupId: groups[rule.group].id,
        protocol: rule.protocol,
        fromPort: rule.ports?.[0] ?? 0,
        toPort: rule.ports?.[1] ?? 0,
        description: rule.description,
        ...peer,
      });
    }
  }
}
