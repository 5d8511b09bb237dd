import { Construct } from "constructs";
import { ProjectGroupRule, ProjectSecurityGroup } from "./project-security-group";

export interface StudioSecurityGroupProps {
  /** Group name, e.g. "sds-dev-fraud-studio". */
  readonly name: string;
  readonly vpcId: string;
  /** The environment's interface endpoint group: it gets one rule admitting HTTPS from this group. */
  readonly endpointSecurityGroupId: string;
  /** Prefix list of the S3 gateway endpoint. */
  readonly s3PrefixListId: string;
}

/**
 * The rules, as data: what SageMaker documents for a VPC-only domain (NFS to the domain's EFS home volume, TCP
 * 8192-65535 between the Jupyter server and its kernel apps) among the domain's own apps only, and HTTPS to the AWS
 * APIs through the VPC endpoints. Nothing reaches the internet: no rule has a CIDR peer.
 */
export const STUDIO_RULES: readonly ProjectGroupRule[] = [
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
export class StudioSecurityGroup extends ProjectSecurityGroup {
  constructor(scope: Construct, id: string, props: StudioSecurityGroupProps) {
    super(scope, id, {
      ...props,
      // The description is ForceNew: it keeps its first wording so that existing groups are not replaced.
      description: "SageMaker Studio apps of one project: NFS and app ports among themselves, HTTPS to the VPC endpoints and S3",
      rules: STUDIO_RULES,
      endpointRuleDescription: `HTTPS to the interface endpoints from the Studio apps of ${props.name}`,
    });
  }
}
