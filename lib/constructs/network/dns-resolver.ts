import { Construct } from "constructs";
import { Token } from "cdktf";
import { Route53ResolverEndpoint } from "@cdktf/provider-aws/lib/route53-resolver-endpoint";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";

export interface DnsResolverProps {
  /** Name of the inbound endpoint and of its security group (the plan's `names.dnsResolver`). */
  readonly names: { readonly endpoint: string; readonly securityGroup: string };
  readonly vpcId: string;
  /** The environment's private subnets: one address in each (two in the only one of a one-zone environment). */
  readonly subnetIds: readonly string[];
  /** Client networks (`network.clientAccess`): the only sources admitted on TCP and UDP 53. At least one. */
  readonly clients: { readonly cidrs: readonly string[]; readonly prefixListIds: readonly string[] };
}

/**
 * A Route 53 Resolver inbound endpoint in the environment's private subnets: resolvers of the client network (VPN,
 * Direct Connect, Transit Gateway) forward the interface endpoints' private DNS names to its addresses and get the
 * endpoints' private addresses back, as the VPC's own resolver answers them. Its own security group admits DNS
 * (TCP and UDP 53) from the client networks only, and has no egress rule (the group is stateful: answers go back).
 */
export class DnsResolver extends Construct {
  readonly endpointId: string;
  readonly securityGroupId: string;
  /** The inbound addresses, as a Terraform list of strings (forward the client network's queries to them). */
  readonly ipAddresses: string[];

  constructor(scope: Construct, id: string, props: DnsResolverProps) {
    super(scope, id);
    const { cidrs, prefixListIds } = props.clients;
    if (cidrs.length + prefixListIds.length === 0) throw new Error("DnsResolver: name the client networks (a resolver nobody may query is a config error)");
    if (props.subnetIds.length === 0) throw new Error("DnsResolver: at least one subnet");
    const group = new SecurityGroup(this, "security-group", {
      name: props.names.securityGroup,
      description: "Route 53 Resolver inbound endpoint; DNS (TCP and UDP 53) from the client networks only",
      vpcId: props.vpcId,
      tags: { Name: props.names.securityGroup },
    });
    const peers = [
      ...cidrs.map((c) => ({ suffix: c.replace(/[./]/g, "-"), peer: { cidrBlocks: [c] } })),
      ...prefixListIds.map((l) => ({ suffix: l, peer: { prefixListIds: [l] } })),
    ];
    for (const protocol of ["tcp", "udp"]) {
      for (const { suffix, peer } of peers) {
        new SecurityGroupRule(this, `dns-${protocol}-${suffix}`, {
          type: "ingress", securityGroupId: group.id, protocol, fromPort: 53, toPort: 53,
          description: `DNS over ${protocol.toUpperCase()} from a client network`, ...peer,
        });
      }
    }
    // AWS requires two addresses; in different zones wherever the environment has two.
    const subnets = props.subnetIds.length >= 2 ? props.subnetIds : [props.subnetIds[0], props.subnetIds[0]];
    const endpoint = new Route53ResolverEndpoint(this, "endpoint", {
      name: props.names.endpoint,
      direction: "INBOUND",
      securityGroupIds: [group.id],
      ipAddress: subnets.map((subnetId) => ({ subnetId })),
      tags: { Name: props.names.endpoint },
    });
    this.endpointId = endpoint.id;
    this.securityGroupId = group.id;
    this.ipAddresses = Token.asList(`\${[for a in ${endpoint.fqn}.ip_address : a.ip]}`);
  }
}
