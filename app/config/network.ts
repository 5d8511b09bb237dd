/**
 * Config of the environment's network: the VPC range, subnet size, interface endpoint switches and the extra buckets
 * the S3 endpoint admits, with their cross-field checks (zones, CIDR arithmetic). `schema.ts` plugs `Network` into
 * the environment and calls `checkZones` and `checkNetwork` from its cross-field checks.
 */
import { z } from "zod";
import { REGIONS, usableZones } from "../../lib/domain/catalogue/regions";
import { Cidr, format, isPrivate, parseCidr } from "./cidr";

/** Inbound rules the endpoint security group can spare for client networks (AWS's default quota is 60 per group). */
export const MAX_CLIENT_NETWORKS = 50;

export const ClientAccess = z.strictObject({
  /**
   * Private (RFC 1918) IPv4 CIDRs of the client networks that reach the VPC over VPN or Direct Connect, in canonical
   * form (network address, no leading zeros), e.g. "10.100.0.0/16". Each becomes one ingress rule (TCP 443) on the
   * interface endpoints' security group.
   */
  cidrs: z.array(z.string()).default([]),
  /**
   * Managed prefix lists (`pl-...`, e.g. one shared through AWS RAM by the network team) naming the client networks.
   * Each becomes one ingress rule (TCP 443); a prefix list counts as its max entries against the group's rule quota.
   */
  prefixListIds: z.array(z.string().regex(/^pl-[0-9a-f]{8,17}$/, { error: "must be a managed prefix list id: \"pl-\" and 8 to 17 lower-case hex digits (e.g. \"pl-0123456789abcdef0\")" })).default([]),
  /**
   * A Route 53 Resolver inbound endpoint in the private subnets (one address per subnet, two in a one-zone
   * environment), with its own security group admitting DNS (TCP and UDP 53) from the client networks only: the
   * client network's resolvers forward the endpoints' private DNS names to its addresses (docs/client-access.md).
   */
  dnsResolver: z.boolean().default(false),
}).default({ cidrs: [], prefixListIds: [], dnsResolver: false });

export const Network = z.strictObject({
  /** IPv4 CIDR of the VPC, /16 to /28, in a private (RFC 1918) range. */
  vpcCidr: z.string().default("10.20.0.0/16"),
  /** Prefix length of each private subnet. Default: the VPC's prefix + 3 (room for 8 subnets), at most /28. */
  subnetPrefixLength: z.number().int().min(16).max(28).optional(),
  /** Interface endpoints switched on (true) or off (false) against the catalogue's defaults. */
  interfaceEndpoints: z.record(z.string(), z.boolean()).default({}),
  /**
   * Extra S3 buckets the S3 gateway endpoint lets the VPC reach (names, wildcards allowed, e.g. "corp-datalake-*").
   * The environment's own buckets (`<prefix>-<environment>-*`) and the region's ECR layer bucket are always allowed.
   */
  s3AllowedBuckets: z.array(z.string().regex(/^[a-z0-9*][a-z0-9.*-]{0,62}$/, { error: "must be an S3 bucket name, * allowed as wildcard" })
    .refine((b) => b.replace(/[*.-]/g, "").length >= 3, { error: "must name buckets with at least 3 letters or digits besides wildcards (a bare * would let the VPC reach every bucket in S3), e.g. \"corp-datalake-*\"" })).default([]),
  /** Client networks (VPN, Direct Connect) that reach the interface endpoints over HTTPS (docs/client-access.md). */
  clientAccess: ClientAccess,
}).default({ vpcCidr: "10.20.0.0/16", interfaceEndpoints: {}, s3AllowedBuckets: [], clientAccess: { cidrs: [], prefixListIds: [], dnsResolver: false } });

/** The zones against the region; with `region` undefined (it failed its own rule) only their count. */
export function checkZones(region: string | undefined, zones: string[], report: (message: string, index?: number) => void): void {
  const known = region !== undefined && Object.hasOwn(REGIONS, region) ? REGIONS[region] : undefined;
  const usable = (region !== undefined && usableZones(region)) || 6;
  if (zones.length < 1 || zones.length > 6) {
    report(`${zones.length} zones given; 1 to 6 are supported (one private subnet each)`);
  } else if (zones.length > usable) {
    report(`${zones.length} zones given, but an account has ${usable} in ${region} (lib/domain/catalogue/regions.ts); list at most ${usable}`);
  }
  if (region === undefined) return;
  const seen = new Set<string>();
  const letters = known ? `[${known.zones}]` : "[a-z]";
  zones.forEach((zone, j) => {
    if (!new RegExp(`^${region}[a-z]$`).test(zone)) {
      report(`"${zone}" is not a zone of ${region}; zones are named ${region}a, ${region}b, ...`, j);
    } else if (!new RegExp(`^${region}${letters}$`).test(zone)) {
      report(`"${zone}" is not a zone of ${region}, whose zones are ${[...known!.zones].map((l) => `${region}${l}`).join(", ")} (lib/domain/catalogue/regions.ts); use one of those`, j);
    } else if (seen.has(zone)) {
      report(`"${zone}" is listed twice; each zone gets one subnet`, j);
    }
    seen.add(zone);
  });
}

export function checkNetwork(network: z.infer<typeof Network>, zones: number, report: (message: string, field: string) => void): void {
  const vpc = parseCidr(network.vpcCidr);
  if (typeof vpc === "string") return report(vpc, "vpcCidr");
  if (format(vpc) !== network.vpcCidr) return report(`"${network.vpcCidr}" is not written in canonical form; write ${format(vpc)}`, "vpcCidr");
  if (vpc.prefix < 16 || vpc.prefix > 28) return report(`/${vpc.prefix} is outside what a VPC allows; use a prefix from /16 to /28`, "vpcCidr");
  if (!isPrivate(vpc)) report(`${network.vpcCidr} is not in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)`, "vpcCidr");
  const prefix = network.subnetPrefixLength ?? Math.min(vpc.prefix + 3, 28);
  if (prefix < vpc.prefix) return report(`/${prefix} subnets do not fit in a /${vpc.prefix} VPC; use a prefix of ${vpc.prefix} or more`, "subnetPrefixLength");
  const slots = 2 ** (prefix - vpc.prefix);
  if (slots >= Math.max(zones, 1)) return;
  const bits = Math.ceil(Math.log2(zones));
  if (network.subnetPrefixLength === undefined) {
    report(`${network.vpcCidr} is too small for ${zones} subnets of at least /28 each; use a /${28 - bits} or larger VPC, or fewer zones`, "vpcCidr");
  } else {
    report(`/${prefix} subnets leave room for ${slots} in ${network.vpcCidr}, but ${zones} zones need one each; use /${vpc.prefix + bits} to /28`, "subnetPrefixLength");
  }
}

/**
 * Client networks: private, canonical, not the whole internet, not inside the VPC (its own instances are admitted
 * through the SageMaker group), no duplicates, and within the group's rule quota.
 */
export function checkClientAccess(network: z.infer<typeof Network>, report: (message: string, ...path: (string | number)[]) => void): void {
  const { cidrs, prefixListIds } = network.clientAccess;
  const vpc = parseCidr(network.vpcCidr);
  const seen = new Set<string>();
  cidrs.forEach((text, j) => {
    if (text === "0.0.0.0/0" || text === "::/0") {
      return report(`${text} would open the endpoints to every network; name the client networks' private CIDRs (e.g. "10.100.0.0/16" for the VPN pool)`, "cidrs", j);
    }
    const c = parseCidr(text);
    if (typeof c === "string") return report(`${c}; client networks are IPv4 CIDRs such as "10.100.0.0/16"`, "cidrs", j);
    if (format(c) !== text) return report(`"${text}" is not in canonical form; write it as "${format(c)}"`, "cidrs", j);
    if (!isPrivate(c)) {
      return report(`${text} is not in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); VPN and Direct Connect clients reach the endpoints from private addresses, name those`, "cidrs", j);
    }
    if (typeof vpc !== "string" && overlaps(c, vpc)) {
      return report(`${text} overlaps the VPC (${network.vpcCidr}), whose SageMaker instances already reach the endpoints; name only networks outside the VPC`, "cidrs", j);
    }
    if (seen.has(text)) return report(`${text} is listed twice; remove one`, "cidrs", j);
    seen.add(text);
  });
  const lists = new Set<string>();
  prefixListIds.forEach((id, j) => {
    if (lists.has(id)) report(`${id} is listed twice; remove one`, "prefixListIds", j);
    lists.add(id);
  });
  if (network.clientAccess.dnsResolver && cidrs.length + prefixListIds.length === 0) {
    report("the DNS resolver admits the client networks only, and none are named; add them to cidrs or prefixListIds, or set dnsResolver to false", "dnsResolver");
  }
  if (network.clientAccess.dnsResolver && 2 * (cidrs.length + prefixListIds.length) > 60) {
    report(`${cidrs.length + prefixListIds.length} client networks need ${2 * (cidrs.length + prefixListIds.length)} rules (TCP and UDP 53 each) on the resolver's security group, above AWS's default quota of 60: summarise CIDRs or put them in a managed prefix list (at most 30 networks with dnsResolver)`, "dnsResolver");
  }
  if (cidrs.length + prefixListIds.length > MAX_CLIENT_NETWORKS) {
    report(`${cidrs.length + prefixListIds.length} client networks; at most ${MAX_CLIENT_NETWORKS} fit in the endpoint security group's rule quota: summarise CIDRs or put them in a managed prefix list`);
  }
}

function overlaps(a: Cidr, b: Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const shift = 32 - prefix;
  return prefix === 0 || (a.address >>> shift) === (b.address >>> shift);
}
