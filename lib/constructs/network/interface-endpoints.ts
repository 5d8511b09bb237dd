import { Construct } from "constructs";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { EndpointEntry, serviceName } from "../../domain/catalogue/endpoints";
import { ArnScope, policyJson } from "../../domain/policy/document";
import { interfaceEndpointPolicy } from "./endpoint-policies";

export interface InterfaceEndpointsProps {
  readonly scope: ArnScope;
  readonly name: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  /** Catalogue entries to create, one endpoint each. */
  readonly endpoints: readonly EndpointEntry[];
}

/** Interface endpoints from the catalogue: private DNS on, in every private subnet, with the own-account policy (principals, and resources unless the service needs others'). */
export class InterfaceEndpoints extends Construct {
  /** Endpoint id by catalogue name. */
  readonly endpointIds: Record<string, string> = {};
  /** The endpoint-specific regional DNS name (`vpce-....<service>.vpce.amazonaws.com`) by catalogue name. */
  readonly dnsNames: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: InterfaceEndpointsProps) {
    super(scope, id);
    for (const entry of props.endpoints) {
      const endpoint = new VpcEndpoint(this, entry.name.replace(/\./g, "-"), {
        vpcId: props.vpcId,
        serviceName: serviceName(entry, props.scope.region),
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [props.securityGroupId],
        policy: entry.supportsPolicy ? policyJson(interfaceEndpointPolicy(props.scope, { foreignResources: entry.foreignResources !== undefined })) : undefined,
        tags: { Name: `${props.name}-${entry.name}` },
      });
      this.endpointIds[entry.name] = endpoint.id;
      this.dnsNames[entry.name] = endpoint.dnsEntry.get(0).dnsName;
    }
  }
}
