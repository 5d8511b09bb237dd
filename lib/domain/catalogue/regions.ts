/**
 * AWS regions the config accepts, with their partition and their Availability Zones, as data: adding a region is one
 * line. Zones are named `<region><letter>`; `zones` are the letters a region's zones can be named with, and `usable`
 * how many of them one account sees where that is fewer (the letters of us-west-1 and ap-northeast-1 are mapped per
 * account). AWS still checks the zone at plan time; this catches a letter the region never has, and more zones than
 * it has. Source: AWS Global Infrastructure "Regions and Availability Zones" and the AWS General Reference region
 * table (checked 2026-12; regions added since 2024: ap-southeast-5 Malaysia, ap-southeast-7 Thailand, mx-central-1
 * Mexico, ap-east-2 Taipei, ap-southeast-6 New Zealand). The AWS European Sovereign Cloud (partition aws-eusc) is not
 * listed: its partition needs its own service principals and DNS suffix in the policies.
 */
export interface Region {
  readonly partition: "aws" | "aws-cn" | "aws-us-gov";
  /** Letters of the region's zones. */
  readonly zones: string;
  /** Zones one account sees, when fewer than the letters. @default zones.length */
  readonly usable?: number;
}

export const REGIONS: Readonly<Record<string, Region>> = {
  "us-east-1": { partition: "aws", zones: "abcdef" },
  "us-east-2": { partition: "aws", zones: "abc" },
  "us-west-1": { partition: "aws", zones: "abc", usable: 2 },
  "us-west-2": { partition: "aws", zones: "abcd" },
  "af-south-1": { partition: "aws", zones: "abc" },
  "ap-east-1": { partition: "aws", zones: "abc" },
  "ap-east-2": { partition: "aws", zones: "abc" },
  "ap-south-1": { partition: "aws", zones: "abc" },
  "ap-south-2": { partition: "aws", zones: "abc" },
  "ap-southeast-1": { partition: "aws", zones: "abc" },
  "ap-southeast-2": { partition: "aws", zones: "abc" },
  "ap-southeast-3": { partition: "aws", zones: "abc" },
  "ap-southeast-4": { partition: "aws", zones: "abc" },
  "ap-southeast-5": { partition: "aws", zones: "abc" },
  "ap-southeast-6": { partition: "aws", zones: "abc" },
  "ap-southeast-7": { partition: "aws", zones: "abc" },
  "ap-northeast-1": { partition: "aws", zones: "abcd", usable: 3 },
  "ap-northeast-2": { partition: "aws", zones: "abcd" },
  "ap-northeast-3": { partition: "aws", zones: "abc" },
  "ca-central-1": { partition: "aws", zones: "abd" },
  "ca-west-1": { partition: "aws", zones: "abc" },
  "eu-central-1": { partition: "aws", zones: "abc" },
  "eu-central-2": { partition: "aws", zones: "abc" },
  "eu-west-1": { partition: "aws", zones: "abc" },
  "eu-west-2": { partition: "aws", zones: "abc" },
  "eu-west-3": { partition: "aws", zones: "abc" },
  "eu-south-1": { partition: "aws", zones: "abc" },
  "eu-south-2": { partition: "aws", zones: "abc" },
  "eu-north-1": { partition: "aws", zones: "abc" },
  "il-central-1": { partition: "aws", zones: "abc" },
  "me-south-1": { partition: "aws", zones: "abc" },
  "me-central-1": { partition: "aws", zones: "abc" },
  "mx-central-1": { partition: "aws", zones: "abc" },
  "sa-east-1": { partition: "aws", zones: "abc" },
  "us-gov-west-1": { partition: "aws-us-gov", zones: "abc" },
  "us-gov-east-1": { partition: "aws-us-gov", zones: "abc" },
  "cn-north-1": { partition: "aws-cn", zones: "abd" },
  "cn-northwest-1": { partition: "aws-cn", zones: "abc" },
};

/** How many zones one account can use in a region (undefined for a region not in the table). */
export function usableZones(region: string): number | undefined {
  return Object.hasOwn(REGIONS, region) ? (REGIONS[region].usable ?? REGIONS[region].zones.length) : undefined;
}

export function partitionOf(region: string): string {
  return Object.hasOwn(REGIONS, region) ? REGIONS[region].partition : "aws";
}

/** DNS suffix of the partition, used in service principals and endpoint service names. */
export function dnsSuffixOf(region: string): string {
  return partitionOf(region) === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}
