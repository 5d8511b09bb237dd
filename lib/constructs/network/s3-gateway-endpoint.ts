import { Construct } from "constructs";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { ArnScope, policyJson } from "../../domain/policy/document";
import { s3GatewayEndpointPolicy } from "./endpoint-policies";

export interface S3GatewayEndpointProps {
  readonly scope: ArnScope;
  readonly name: string;
  readonly vpcId: string;
  /** Route tables the endpoint adds its prefix-list route to. */
  readonly routeTableIds: readonly string[];
  /** Bucket name patterns reachable through the endpoint (see `s3GatewayEndpointPolicy`). */
  readonly bucketPatterns: readonly string[];
  /** AWS-owned buckets the VPC may read objects from (see `s3GatewayEndpointPolicy`). @default none */
  readonly serviceBuckets?: readonly string[];
}

/** The free S3 gateway endpoint on the private route tables, with a policy limited to the allowed buckets. */
export class S3GatewayEndpoint extends Construct {
  readonly endpointId: string;
  /** The prefix list of S3 in the region, for security-group egress rules. */
  readonly prefixListId: string;

  constructor(scope: Construct, id: string, props: S3GatewayEndpointProps) {
    super(scope, id);
    const endpoint = new VpcEndpoint(this, "s3", {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.scope.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: [...props.routeTableIds],
      policy: policyJson(s3GatewayEndpointPolicy({ scope: props.scope, bucketPatterns: props.bucketPatterns, serviceBuckets: props.serviceBuckets })),
      tags: { Name: `${props.name}-s3` },
    });
    this.endpointId = endpoint.id;
    this.prefixListId = endpoint.prefixListId;
  }
}

