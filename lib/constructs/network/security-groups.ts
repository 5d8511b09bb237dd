import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";

export interface SecurityGroupsProps {
  /** Names of the two groups (also their `Name` tags), e.g. `{ sagemaker: "sds-dev-sagemaker", endpoints: "sds-dev-vpc-endpoints" }`. */
  readonly names: Readonly<Record<"sagemaker" | "endpoints", string>>;
  readonly vpcId: string;
  /** Prefix list of the S3 gateway endpoint, the only destination outside the VPC the SageMaker group may reach. */
  readonly s3PrefixListId: string;
  /**
   * Client networks (VPN, Direct Connect) admitted to the interface endpoints on TCP 443: private IPv4 CIDRs and
   * managed prefix list ids. One ingress rule each. @default none
   */
  readonly clientAccess?: { readonly cidrs: readonly string[]; readonly prefixListIds: readonly string[] };
}

type Group = "sagemaker" | "endpoints";
/** Where a rule's traffic comes from or goes to: a group of this VPC, the S3 prefix list, or each client network. */
type Peer = { group: Group } | { prefixList: "s3" } | { client: "cidrs" | "prefixListIds" };

/** One rule of the table below: direction, the group it belongs to, the peer and the ports. */
interface RuleSpec {
  readonly id: string;
  readonly direction: "ingress" | "egress";
  readonly group: Group;
  /** A client peer makes one rule per configured network, with id `<id>-<network>`. */
  readonly peer: Peer;
  readonly protocol: "tcp" | "-1";
  readonly ports?: [number, number];
  readonly description: string;
}

/**
 * The rules, as data. Nothing is open to the world: every peer is a group of this VPC, the S3 prefix list or a
 * client network the config names (private CIDRs only, app/config/schema.ts).
 * SageMaker documents NFS (2049) and 8192-65535 for Studio and all traffic between the instances of a distributed
 * training job; the self-referencing rules allow traffic between members of the SageMaker group only.
 */
const RULES: readonly RuleSpec[] = [
  { id: "endpoints-in-https", direction: "ingress", group: "endpoints", peer: { group: "sagemaker" }, protocol: "tcp", ports: [443, 443],
    description: "HTTPS to the interface endpoints from SageMaker notebooks, jobs and endpoints" },
  { id: "endpoints-in-client-cidr", direction: "ingress", group: "endpoints", peer: { client: "cidrs" }, protocol: "tcp", ports: [443, 443],
    description: "HTTPS to the interface endpoints (SageMaker API, notebook UI) from a client network over VPN or Direct Connect" },
  { id: "endpoints-in-client-list", direction: "ingress", group: "endpoints", peer: { client: "prefixListIds" }, protocol: "tcp", ports: [443, 443],
    description: "HTTPS to the interface endpoints (SageMaker API, notebook UI) from client networks of a managed prefix list" },
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
 * for the interface endpoints, which accept HTTPS from the first and from the client networks the config names
 * (`network.clientAccess`: people reaching the SageMaker API and the notebook UI over VPN or Direct Connect).
 */
export class SecurityGroups extends Construct {
  readonly sagemakerSecurityGroupId: string;
  readonly endpointSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const groups: Record<Group, SecurityGroup> = {
      sagemaker: new SecurityGroup(this, "sagemaker", {
        name: props.names.sagemaker,
        description: "SageMaker notebooks, jobs and endpoints; egress only to the VPC endpoints and S3",
        vpcId: props.vpcId,
        tags: { Name: props.names.sagemaker },
      }),
      endpoints: new SecurityGroup(this, "endpoints", {
        name: props.names.endpoints,
        // The description is ForceNew: it keeps its first wording so that existing groups are not replaced.
        description: "Interface VPC endpoints; HTTPS from the SageMaker group only",
        vpcId: props.vpcId,
        tags: { Name: props.names.endpoints },
      }),
    };
    this.sagemakerSecurityGroupId = groups.sagemaker.id;
    this.endpointSecurityGroupId = groups.endpoints.id;
    const clients = { cidrs: props.clientAccess?.cidrs ?? [], prefixListIds: props.clientAccess?.prefixListIds ?? [] };
    for (const rule of RULES) {
      for (const { suffix, peer } of expand(rule.peer, props.s3PrefixListId, clients)) {
        new SecurityGroupRule(this, suffix ? `${rule.id}-${suffix}` : rule.id, {
          type: rule.direction,
          securityGroupId: groups[rule.group].id,
          protocol: rule.protocol,
          fromPort: rule.ports?.[0] ?? 0,
          toPort: rule.ports?.[1] ?? 0,
          description: rule.description,
          ...("group" in peer ? (peer.group === rule.group ? { selfAttribute: true } : { sourceSecurityGroupId: groups[peer.group].id }) : peer),
        });
      }
    }
  }
}

type ConcretePeer = { group: Group } | { cidrBlocks: string[] } | { prefixListIds: string[] };

/** A table peer as one or more concrete peers: client peers give one per configured network, with an id suffix. */
function expand(peer: Peer, s3PrefixListId: string, clients: { cidrs: readonly string[]; prefixListIds: readonly string[] }): { suffix?: string; peer: ConcretePeer }[] {
  if ("group" in peer) return [{ peer }];
  if ("prefixList" in peer) return [{ peer: { prefixListIds: [s3PrefixListId] } }];
  return peer.client === "cidrs"
    ? clients.cidrs.map((c) => ({ suffix: c.replace(/[./]/g, "-"), peer: { cidrBlocks: [c] } }))
    : clients.prefixListIds.map((l) => ({ suffix: l, peer: { prefixListIds: [l] } }));
}
