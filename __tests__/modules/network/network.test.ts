/** Contracts of the network constructs, read from their synthesized Terraform JSON. */
import { Testing, TerraformStack } from "cdktf";
import { ENDPOINT_CATALOGUE, selectEndpoints } from "../../../lib/domain/catalogue/endpoints";
import { FlowLogs } from "../../../lib/constructs/network/flow-logs";
import { InterfaceEndpoints } from "../../../lib/constructs/network/interface-endpoints";
import { PrivateNetwork } from "../../../lib/constructs/network/private-network";
import { S3GatewayEndpoint } from "../../../lib/constructs/network/s3-gateway-endpoint";
import { SecurityGroups } from "../../../lib/constructs/network/security-groups";
import { COMPUTE_RULES, ProjectSecurityGroup } from "../../../lib/constructs/network/project-security-group";

const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };

function synth(build: (stack: TerraformStack) => void): Record<string, any> {
  return JSON.parse(Testing.synthScope((s) => build(s as TerraformStack)));
}
const all = (json: Record<string, any>, type: string): Record<string, any>[] => Object.values(json.resource?.[type] ?? {});

describe("PrivateNetwork", () => {
  const json = synth((s) => new PrivateNetwork(s, "net", {
    name: "sds-dev", cidr: "10.20.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"], subnetCidrs: ["10.20.0.0/19", "10.20.32.0/19"] }));

  test("a VPC with DNS support and hostnames, and nothing that leads to the internet", () => {
    expect(all(json, "aws_vpc")).toEqual([expect.objectContaining({ cidr_block: "10.20.0.0/16", enable_dns_support: true, enable_dns_hostnames: true })]);
    for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_egress_only_internet_gateway", "aws_route", "aws_eip"]) {
      expect(all(json, type)).toEqual([]);
    }
    for (const table of all(json, "aws_route_table")) expect(table.route).toBeUndefined();
  });

  test("one private subnet per zone with the given CIDR and no public IPs, each on its own route table", () => {
    const subnets = all(json, "aws_subnet");
    expect(subnets.map((s) => [s.availability_zone, s.cidr_block, s.map_public_ip_on_launch]))
      .toEqual([["eu-west-1a", "10.20.0.0/19", false], ["eu-west-1b", "10.20.32.0/19", false]]);
    expect(all(json, "aws_route_table_association")).toHaveLength(2);
  });

  test("the default security group is managed with no rules", () => {
    const [group] = all(json, "aws_default_security_group");
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test("mismatched zones and CIDRs are a programming error", () => {
    expect(() => synth((s) => new PrivateNetwork(s, "n", { name: "x", cidr: "10.0.0.0/16", availabilityZones: ["a", "b"], subnetCidrs: ["10.0.0.0/24"] })))
      .toThrow(/1 subnet CIDRs for 2 zones/);
  });
});

const GROUP_NAMES = { endpoints: "sds-dev-vpc-endpoints" };

describe("SecurityGroups", () => {
  const json = synth((s) => new SecurityGroups(s, "sg", { names: GROUP_NAMES, vpcId: "vpc-1" }));

  test("the environment has one group, the endpoints', with no rule of its own and no environment-wide SageMaker group", () => {
    expect(all(json, "aws_security_group")).toEqual([expect.objectContaining({ name: "sds-dev-vpc-endpoints", description: expect.stringMatching(/.{10,}/) })]);
    expect(all(json, "aws_security_group_rule")).toEqual([]);
    for (const group of all(json, "aws_security_group")) {
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    }
  });
});

describe("ProjectSecurityGroup (a project's compute)", () => {
  const json = synth((s) => new ProjectSecurityGroup(s, "compute", {
    name: "sds-dev-fraud-compute", description: "SageMaker compute of one project", rules: COMPUTE_RULES, vpcId: "vpc-1",
    endpointSecurityGroupId: "sg-endpoints", endpointRuleDescription: "HTTPS to the interface endpoints from sds-dev-fraud-compute", s3PrefixListId: "pl-123",
  }));
  const rules = all(json, "aws_security_group_rule");
  const own = rules.filter((r) => String(r.security_group_id).startsWith("${aws_security_group.compute_group_"));

  test("all traffic only among its own members; HTTPS to the endpoints and S3; nothing open to the world; every rule described", () => {
    for (const rule of rules) {
      expect(rule.cidr_blocks).toBeUndefined();
      expect(rule.ipv6_cidr_blocks).toBeUndefined();
      expect(rule.description).toMatch(/.{10,}/);
      if (rule.protocol === "-1") expect(rule.self).toBe(true);
    }
    expect(own.filter((r) => r.type === "ingress")).toEqual([expect.objectContaining({ self: true, protocol: "-1" })]);
    expect(own.filter((r) => r.type === "egress")).toEqual(expect.arrayContaining([
      expect.objectContaining({ self: true, protocol: "-1" }),
      expect.objectContaining({ protocol: "tcp", from_port: 443, to_port: 443, source_security_group_id: "sg-endpoints" }),
      expect.objectContaining({ protocol: "tcp", from_port: 443, to_port: 443, prefix_list_ids: ["pl-123"], description: "HTTPS to S3 through the gateway endpoint" }),
    ]));
    expect(own.filter((r) => r.type === "egress")).toHaveLength(3);
  });

  test("the endpoint group admits it on 443 (one rule, in the project's stack)", () => {
    expect(rules.filter((r) => r.security_group_id === "sg-endpoints")).toEqual([expect.objectContaining({
      type: "ingress", protocol: "tcp", from_port: 443, to_port: 443, source_security_group_id: expect.stringContaining("aws_security_group.compute_group_") })]);
  });

  test("a rule that opens all traffic to a peer outside the group is a programming error", () => {
    expect(() => synth((s) => new ProjectSecurityGroup(s, "bad", {
      name: "x", description: "x", rules: [{ id: "out", type: "egress", peer: "endpoints", protocol: "-1", description: "everything to the endpoints" }], vpcId: "vpc-1",
      endpointSecurityGroupId: "sg-e", endpointRuleDescription: "x", s3PrefixListId: "pl-1",
    }))).toThrow(/rule out allows all traffic to a peer outside the group/);
  });
});

describe("SecurityGroups with client networks", () => {
  const clientAccess = { cidrs: ["10.100.0.0/16", "192.168.8.0/22"], prefixListIds: ["pl-0123456789abcdef0"] };
  const json = synth((s) => new SecurityGroups(s, "sg", { names: GROUP_NAMES, vpcId: "vpc-1", clientAccess }));
  const rules = all(json, "aws_security_group_rule");
  const clientRules = rules.filter((r) => r.cidr_blocks || (r.type === "ingress" && r.prefix_list_ids));

  test("each client network gets one described HTTPS ingress rule on the endpoint group, and nothing else changes", () => {
    expect(clientRules.map((r) => r.cidr_blocks ?? r.prefix_list_ids)).toEqual([["10.100.0.0/16"], ["192.168.8.0/22"], ["pl-0123456789abcdef0"]]);
    for (const r of clientRules) {
      expect(r).toMatchObject({ type: "ingress", protocol: "tcp", from_port: 443, to_port: 443, security_group_id: expect.stringContaining("sg_endpoints_") });
      expect(r.description).toMatch(/^HTTPS to the interface endpoints .* client network/);
    }
    expect(rules).toHaveLength(3);
  });

  test("rules are named after their network, so adding one leaves the others in place", () => {
    expect(Object.keys(json.resource.aws_security_group_rule)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^sg_endpoints-in-client-cidr-10-100-0-0-16_/),
      expect.stringMatching(/^sg_endpoints-in-client-cidr-192-168-8-0-22_/),
      expect.stringMatching(/^sg_endpoints-in-client-list-pl-0123456789abcdef0_/),
    ]));
  });

  test("the group itself is unchanged (its description forces replacement)", () => {
    const plain = synth((s) => new SecurityGroups(s, "sg", { names: GROUP_NAMES, vpcId: "vpc-1" }));
    expect(json.resource.aws_security_group).toEqual(plain.resource.aws_security_group);
  });
});

describe("VPC endpoints", () => {
  test("the S3 gateway endpoint sits on the route tables and admits only the allowed buckets and ECR layers", () => {
    const json = synth((s) => new S3GatewayEndpoint(s, "s3", { scope, name: "sds-dev", vpcId: "vpc-1", routeTableIds: ["rtb-1", "rtb-2"], bucketPatterns: ["sds-dev-*", "corp-lake"] }));
    const [endpoint] = all(json, "aws_vpc_endpoint");
    expect(endpoint).toMatchObject({ service_name: "com.amazonaws.eu-west-1.s3", vpc_endpoint_type: "Gateway", route_table_ids: ["rtb-1", "rtb-2"] });
    const policy = JSON.parse(endpoint.policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: "Allow", Resource: ["arn:aws:s3:::sds-dev-*", "arn:aws:s3:::sds-dev-*/*", "arn:aws:s3:::corp-lake", "arn:aws:s3:::corp-lake/*"],
        // Bucket names are global: the owner is pinned too, so a same-named bucket of another account is out of reach.
        Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012", "s3:ResourceAccount": "123456789012" } } }),
      expect.objectContaining({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*"] }),
    ]);
    expect(JSON.stringify(policy)).not.toMatch(/"s3:\*"|"Action":"\*"/);
  });

  test("interface endpoints: private DNS, every subnet, the endpoint group, and an own-account policy where supported", () => {
    const entries = selectEndpoints({ kms: true });
    const json = synth((s) => new InterfaceEndpoints(s, "ep", { scope, name: "sds-dev", vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], securityGroupId: "sg-e", endpoints: entries }));
    const endpoints = all(json, "aws_vpc_endpoint");
    expect(endpoints.map((e) => e.service_name)).toContain("aws.sagemaker.eu-west-1.notebook");
    expect(endpoints.map((e) => e.service_name)).toContain("com.amazonaws.eu-west-1.kms");
    for (const e of endpoints) {
      expect(e).toMatchObject({ vpc_endpoint_type: "Interface", private_dns_enabled: true, subnet_ids: ["subnet-a", "subnet-b"], security_group_ids: ["sg-e"] });
      const entry = entries.find((x) => e.service_name.endsWith(x.name))!;
      if (entry.supportsPolicy) {
        // Own-account principals; and own-account resources unless the service serves AWS-owned ones (ECR).
        const pinned = entry.foreignResources ? {} : { StringEqualsIfExists: { "aws:ResourceAccount": "123456789012" } };
        expect(JSON.parse(e.policy).Statement).toEqual([expect.objectContaining({ Effect: "Allow", Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" }, ...pinned } })]);
      } else expect(e.policy).toBeUndefined();
    }
  });
});

describe("FlowLogs", () => {
  const json = synth((s) => new FlowLogs(s, "fl", { scope, name: "sds-dev", roleName: "sds-dev-vpc-flow-logs", vpcId: "vpc-1", logGroupName: "/sds/dev/vpc-flow-logs", kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k", retentionDays: 731 }));

  test("all traffic, every minute, into an encrypted log group with the configured retention", () => {
    expect(all(json, "aws_flow_log")).toEqual([expect.objectContaining({ vpc_id: "vpc-1", traffic_type: "ALL", log_destination_type: "cloud-watch-logs", max_aggregation_interval: 60 })]);
    expect(all(json, "aws_cloudwatch_log_group")).toEqual([expect.objectContaining({ name: "/sds/dev/vpc-flow-logs", kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/k", retention_in_days: 731 })]);
  });

  test("the delivery role is for this account's flow-logs service and writes to that group only", () => {
    const [role] = all(json, "aws_iam_role");
    const trust = JSON.parse(role.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: "vpc-flow-logs.amazonaws.com" });
    expect(trust.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*" } });
    const [inline] = all(json, "aws_iam_role_policy");
    const statement = JSON.parse(inline.policy).Statement[0];
    expect(statement.Resource).toEqual(["arn:aws:logs:eu-west-1:123456789012:log-group:/sds/dev/vpc-flow-logs", "arn:aws:logs:eu-west-1:123456789012:log-group:/sds/dev/vpc-flow-logs:log-stream:*"]);
    expect(statement.Action).not.toContain("logs:*");
  });
});

test("the catalogue: every entry explains itself; defaults include the seed's endpoints; switches work both ways", () => {
  for (const e of ENDPOINT_CATALOGUE) expect(e.why.length).toBeGreaterThan(20);
  const names = (switches: Record<string, boolean>, required: string[] = []) => selectEndpoints(switches, required).map((e) => e.name);
  expect(names({})).toEqual(expect.arrayContaining(["sagemaker.api", "sagemaker.runtime", "notebook", "sts", "logs"]));
  expect(names({})).not.toContain("kms");
  expect(names({ kms: true, logs: false })).toContain("kms");
  expect(names({ kms: true, logs: false })).not.toContain("logs");
  expect(names({}, ["codeartifact.api"])).toContain("codeartifact.api");
});
