/**
 * AWS regions the config accepts, with their partition. Data, not logic: adding a region is one line.
 * Zones are named `<region><letter>`; the letters a region really has are checked by AWS at plan time,
 * the config only checks that a zone belongs to the environment's region.
 */
export const REGIONS: Readonly<Record<string, { partition: "aws" | "aws-cn" | "aws-us-gov" }>> = {
  "us-east-1": { partition: "aws" },
  "us-east-2": { partition: "aws" },
  "us-west-1": { partition: "aws" },
  "us-west-2": { partition: "aws" },
  "af-south-1": { partition: "aws" },
  "ap-east-1": { partition: "aws" },
  "ap-south-1": { partition: "aws" },
  "ap-south-2": { partition: "aws" },
  "ap-southeast-1": { partition: "aws" },
  "ap-southeast-2": { partition: "aws" },
  "ap-southeast-3": { partition: "aws" },
  "ap-southeast-4": { partition: "aws" },
  "ap-northeast-1": { partition: "aws" },
  "ap-northeast-2": { partition: "aws" },
  "ap-northeast-3": { partition: "aws" },
  "ca-central-1": { partition: "aws" },
  "ca-west-1": { partition: "aws" },
  "eu-central-1": { partition: "aws" },
  "eu-central-2": { partition: "aws" },
  "eu-west-1": { partition: "aws" },
  "eu-west-2": { partition: "aws" },
  "eu-west-3": { partition: "aws" },
  "eu-south-1": { partition: "aws" },
  "eu-south-2": { partition: "aws" },
  "eu-north-1": { partition: "aws" },
  "il-central-1": { partition: "aws" },
  "me-south-1": { partition: "aws" },
  "me-central-1": { partition: "aws" },
  "sa-east-1": { partition: "aws" },
  "us-gov-west-1": { partition: "aws-us-gov" },
  "us-gov-east-1": { partition: "aws-us-gov" },
  "cn-north-1": { partition: "aws-cn" },
  "cn-northwest-1": { partition: "aws-cn" },
};

export function partitionOf(region: string): string {
  return Object.hasOwn(REGIONS, region) ? REGIONS[region].partition : "aws";
}

/** DNS suffix of the partition, used in service principals and endpoint service names. */
export function dnsSuffixOf(region: string): string {
  return partitionOf(region) === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}
