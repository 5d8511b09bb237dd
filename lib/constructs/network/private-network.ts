import { Construct } from "constructs";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";

export interface PrivateNetworkProps {
  /** Name prefix of every resource, e.g. "sds-dev". */
  readonly name: string;
  /** IPv4 CIDR of the VPC. */
  readonly cidr: string;
  /** One private subnet per zone; `subnetCidrs[i]` is the subnet of `availabilityZones[i]`. */
  readonly availabilityZones: readonly string[];
  readonly subnetCidrs: readonly string[];
}

/**
 * A VPC with no route to the internet: DNS support and hostnames on, one private subnet and one route table per
 * zone, and the default security group taken over with no rules. It never creates an internet or NAT gateway,
 * and its route tables hold only the local route (plus the S3 gateway endpoint's prefix-list route).
 */
export class PrivateNetwork extends Construct {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetIds: string[];
  readonly routeTableIds: string[];

  constructor(scope: Construct, id: string, props: PrivateNetworkProps) {
    super(scope, id);
    if (props.subnetCidrs.length !== props.availabilityZones.length) {
      throw new Error(`PrivateNetwork ${props.name}: ${props.subnetCidrs.length} subnet CIDRs for ${props.availabilityZones.length} zones`);
    }
    const vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.name },
    });
    // Manage the default security group with no rules at all (FSBP EC2.2, CIS 5.4): nothing can use it by accident.
    new DefaultSecurityGroup(this, "default-sg", { vpcId: vpc.id, tags: { Name: `${props.name}-default-unused` } });

    this.subnetIds = [];
    this.routeTableIds = [];
    props.availabilityZones.forEach((zone, i) => {
      const subnet = new Subnet(this, `subnet-${zone}`, {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: props.subnetCidrs[i],
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-private-${zone}`, tier: "private" },
      });
      const table = new RouteTable(this, `rt-${zone}`, { vpcId: vpc.id, tags: { Name: `${props.name}-private-${zone}` } });
      new RouteTableAssociation(this, `rta-${zone}`, { subnetId: subnet.id, routeTableId: table.id });
      this.subnetIds.push(subnet.id);
      this.routeTableIds.push(table.id);
    });
    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;
  }
}
