/** The optional Route 53 Resolver inbound endpoint (network.clientAccess.dnsResolver), as synthesized. */
import { ConfigError } from "../../../app/load";
import { configWith, resources, synthConfig } from "../../helpers/synth";

const network = (clientAccess: Record<string, unknown>, zones?: string[]) => ({
  network: { vpcCidr: "10.20.0.0/16", clientAccess }, ...(zones && { availabilityZones: zones }),
});

test("off by default: no resolver, no output", () => {
  const platform = synthConfig(configWith(), "dns-off").stack("dev-platform");
  expect(resources(platform, "aws_route53_resolver_endpoint")).toEqual([]);
  expect(platform.output.dns_resolver).toBeUndefined();
});

test("on: an inbound endpoint with one address per private subnet, its own group admitting TCP and UDP 53 from the client networks only", () => {
  const platform = synthConfig(configWith(network({ cidrs: ["10.100.0.0/16"], prefixListIds: ["pl-0123456789abcdef0"], dnsResolver: true })), "dns-on").stack("dev-platform");
  const [[, endpoint]] = resources(platform, "aws_route53_resolver_endpoint");
  expect(endpoint).toMatchObject({ name: "sds-dev-dns-inbound", direction: "INBOUND" });
  const subnets = resources(platform, "aws_subnet").map(([id]) => `\${aws_subnet.${id}.id}`);
  expect(endpoint.ip_address.map((a: any) => a.subnet_id).sort()).toEqual(subnets.sort());
  const [[groupId, group]] = resources(platform, "aws_security_group").filter(([, g]) => g.name === "sds-dev-dns-inbound");
  expect(endpoint.security_group_ids).toEqual([`\${aws_security_group.${groupId}.id}`]);
  expect(group.ingress ?? []).toEqual([]);
  const rules = resources(platform, "aws_security_group_rule").filter(([, r]) => r.security_group_id === `\${aws_security_group.${groupId}.id}`)
    .map(([, r]) => [r.type, r.protocol, r.from_port, r.to_port, r.cidr_blocks ?? r.prefix_list_ids]);
  expect(rules.sort()).toEqual([
    ["ingress", "tcp", 53, 53, ["10.100.0.0/16"]], ["ingress", "tcp", 53, 53, ["pl-0123456789abcdef0"]],
    ["ingress", "udp", 53, 53, ["10.100.0.0/16"]], ["ingress", "udp", 53, 53, ["pl-0123456789abcdef0"]],
  ].sort());
  expect(platform.output.dns_resolver.value.ip_addresses).toMatch(/^\$\{\[for a in aws_route53_resolver_endpoint\.[\w-]+\.ip_address : a\.ip\]\}$/);
});

test("a one-zone environment gets two addresses in its only subnet (AWS requires two)", () => {
  const platform = synthConfig(configWith(network({ cidrs: ["10.100.0.0/16"], dnsResolver: true }, ["eu-west-1a"])), "dns-one").stack("dev-platform");
  const [[, endpoint]] = resources(platform, "aws_route53_resolver_endpoint");
  expect(endpoint.ip_address).toHaveLength(2);
  expect(new Set(endpoint.ip_address.map((a: any) => a.subnet_id)).size).toBe(1);
});

test("refused without client networks, and beyond the group's rule quota, naming the path and the fix", () => {
  expect(() => configWith(network({ dnsResolver: true }))).toThrow(ConfigError);
  expect(() => configWith(network({ dnsResolver: true }))).toThrow(/network\.clientAccess\.dnsResolver.*add them to cidrs or prefixListIds/s);
  const many = Array.from({ length: 31 }, (_, i) => `10.${100 + i}.0.0/16`);
  expect(() => configWith(network({ cidrs: many, dnsResolver: true }))).toThrow(/31 client networks need 62 rules.*at most 30 networks with dnsResolver/s);
  expect(() => configWith(network({ cidrs: many.slice(0, 30), dnsResolver: true }))).not.toThrow();
});
