import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";

export interface SecurityGroupsProps {
  /** Name of the group (also its `Name` tag), e.g. `{ endpoints: "sds-dev-vpc-endpoints" }`. */
  readonly names: Readonly<Record<"endpoints", string>>;
  readonly vpcId: string;
  /**
   * Client networks (VPN, Direct Connect) admitted to the interface endpoints on TCP 443: private IPv4 CIDRs and
   * managed prefix list ids. One ingress rule each. @default none
   */
  readonly clientAccess?: { readonly cidrs: readonly string[]; readonly prefixListIds: readonly string[] };
}

type Group = "endpoints";
/** Where a rule's traffic comes from: each client network. (Each project's groups add their own rule: project-security-group.ts.) */
type Peer = { client: "cidrs" | "prefixListIds" };

/** One rule of the table below: direction, the group it belongs to, the peer and the ports. */
interface RuleSpec {
  readonly id: string;
  readonly direction: "ingress" | "egress";
  readonly group: Group;
  /** A client peer makes one rule per configured network, with id `<id>-<network>`. */
  readonly peer: Peer;
  readonly protocol: "tcp";
  readonly ports: [number, number];
  readonly description: string;
}

/**
 * The rules, as data. Nothing is open to the world: every peer is a client network the config names (private CIDRs
 * only, app/config/schema.ts). The SageMaker compute and Studio groups are per project (project stacks), and each adds
 * the ingress rule that admits it here.
 */
const RULES: readonly RuleSpec[] = [
  { id: "endpoints-in-client-cidr", direction: "ingress", group: "endpoints", peer: { client: "cidrs" }, protocol: "tcp", ports: [443, 443],
    description: "HTTPS to the interface endpoints (SageMaker API, notebook UI) from a client network over VPN or Direct Connect" },
  { id: "endpoints-in-client-list", direction: "ingress", group: "endpoints", peer: { client: "prefixListIds" }, protocol: "tcp", ports: [443, 443],
    description: "HTTPS to the interface endpoints (SageMaker API, notebook UI) from client networks of a managed prefix list" },
];

/**
 * The environment's security group of the interface endpoints, which accept HTTPS from each project's SageMaker
 * groups (rules the project stacks add) and from the client networks the config names (`network.clientAccess`:
 * people reaching the SageMaker API and the notebook UI over VPN or Direct Connect). What SageMaker runs has no
 * environment-wide group: each project's notebooks and jobs have their own (project-security-group.ts).
 */
export class SecurityGroups extends Construct {
  readonly endpointSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const groups: Record<Group, SecurityGroup> = {
      endpoints: new SecurityGroup(this, "endpoints", {
        name: props.names.endpoints,
        // The description is ForceNew: it keeps its first wording so that existing groups are not replaced.
        description: "Interface VPC endpoints; HTTPS from the SageMaker group only",
        vpcId: props.vpcId,
        tags: { Name: props.names.endpoints },
      }),
    };
    this.endpointSecurityGroupId = groups.endpoints.id;
    const clients = { cidrs: props.clientAccess?.cidrs ?? [], prefixListIds: props.clientAccess?.prefixListIds ?? [] };
    for (const rule of RULES) {
      for (const { suffix, peer } of expand(rule.peer, clients)) {
        new SecurityGroupRule(this, suffix ? `${rule.id}-${suffix}` : rule.id, {
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
}

type ConcretePeer = { cidrBlocks: string[] } | { prefixListIds: string[] };

/** A client peer as one concrete peer per configured network, with an id suffix. */
function expand(peer: Peer, clients: { cidrs: readonly string[]; prefixListIds: readonly string[] }): { suffix: string; peer: ConcretePeer }[] {
  return peer.client === "cidrs"
    ? clients.cidrs.map((c) => ({ suffix: c.replace(/[./]/g, "-"), peer: { cidrBlocks: [c] } }))
    : clients.prefixListIds.map((l) => ({ suffix: l, peer: { prefixListIds: [l] } }));
}
