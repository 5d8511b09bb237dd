/**
 * Config of the environment's network: the VPC range, subnet size, interface endpoint switches and the extra buckets
 * the S3 endpoint admits, with their cross-field checks (zones, CIDR arithmetic). `schema.ts` plugs `Network` into
 * the environment and calls `checkZones` and `checkNetwork` from its cross-field checks.
 */
import { z } from "zod";
import { format, isPrivate, parseCidr } from "./cidr";

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
}).default({ vpcCidr: "10.20.0.0/16", interfaceEndpoints: {}, s3AllowedBuckets: [] });

export function checkZones(region: string, zones: string[], report: (message: string, index?: number) => void): void {
  if (zones.length < 1 || zones.length > 6) {
    report(`${zones.length} zones given; 1 to 6 are supported (one private subnet each)`);
  }
  const seen = new Set<string>();
  zones.forEach((zone, j) => {
    if (!new RegExp(`^${region}[a-z]$`).test(zone)) {
      report(`"${zone}" is not a zone of ${region}; zones are named ${region}a, ${region}b, ...`, j);
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
