import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";

export interface StudioSecurityGroupProps {
  /** Group name, e.g. "sds-dev-fraud-studio". */
  readonly name: string;
  readonly vpcId: string;
  /** The environment's interface endpoint group: it gets one rule admitting HTTPS from this group. */
  readonly endpointSecurityGroupId: string;
  /** Prefix list of the S3 gateway endpoint. */
  readonly s3PrefixListId: string;
}

/** A Studio rule: `self` = members of the Studio group; the other peers are the endpoint group and the S3 prefix list. */
interface StudioRule {
  readonly id: string;
  readonly type: "ingress" | "egress";
  readonly peer: "self" | "endpoints" | "s3";
  readonly ports: readonly [number, number];
  readonly description: string;
}

/**
 * The rules, as data: what SageMaker documents for a VPC-only domain (NFS to the domain's EFS home volume, TCP
 * 8192-65535 between the Jupyter server and its kernel apps) among the domain's own apps only, and HTTPS to the AWS
 * APIs through the VPC endpoints. Nothing reaches the internet: no rule has a CIDR peer.
 */
export const STUDIO_RULES: readonly StudioRule[] = [
  { id: "in-nfs", type: "ingress", peer: "self", ports: [2049, 2049], description: "NFS between the domain apps and their EFS home volume" },
  { id: "out-nfs", type: "egress", peer: "self", ports: [2049, 2049], description: "NFS between the domain apps and their EFS home volume" },
  { id: "in-apps", type: "ingress", peer: "self", ports: [8192, 65535], description: "Between the Studio apps of the domain (server and kernel apps)" },
  { id: "out-apps", type: "egress", peer: "self", ports: [8192, 65535], description: "Between the Studio apps of the domain (server and kernel apps)" },
  { id: "out-endpoints", type: "egress", peer: "endpoints", ports: [443, 443], description: "HTTPS to the interface VPC endpoints (AWS APIs)" },
  { id: "out-s3", type: "egress", peer: "s3", ports: [443, 443], description: "HTTPS to S3 through the gateway endpoint" },
];

/**
 * A project's Studio security group: given to the domain, its user profiles and its spaces. A group per project, so
 * one project's apps cannot mount another project's home volume. The environment's endpoint group admits it on 443.
 */
export class StudioSecurityGroup extends Construct {
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: StudioSecurityGroupProps) {
    super(scope, id);
    const group = new SecurityGroup(this, "group", {
      name: props.name,
      description: "SageMaker Studio apps of one project: NFS and app ports among themselves, HTTPS to the VPC endpoints and S3",
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    this.securityGroupId = group.id;
    const peers = {
      self: { selfAttribute: true },
      endpoints: { sourceSecurityGroupId: props.endpointSecurityGroupId },
      s3: { prefixListIds: [props.s3PrefixListId] },
    };
    for (const r of STUDIO_RULES) {
      new SecurityGroupRule(this, r.id, {
        securityGroupId: group.id, type: r.type, protocol: "tcp", fromPort: r.ports[0], toPort: r.ports[1], description: r.description, ...peers[r.peer],
      });
    }
    new SecurityGroupRule(this, "endpoints-in", {
      securityGroupId: props.endpointSecurityGroupId, type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, sourceSecurityGroupId: group.id,
      description: `HTTPS to the interface endpoints from the Studio apps of ${props.name}`,
    });
  }
}
