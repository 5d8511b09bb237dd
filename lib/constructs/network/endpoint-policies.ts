/** VPC endpoint policies as data. An endpoint policy made only of Deny grants nothing, so each one is an explicit Allow. */
import { ArnScope, PolicyDocument, policy } from "../../domain/policy/document";

/** What workloads in the VPC do with objects and buckets; no bucket administration goes through the endpoint. */
export const S3_DATA_ACTIONS = [
  "s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:PutObject", "s3:PutObjectTagging",
  "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts",
  "s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads", "s3:GetBucketLocation",
];

export interface S3EndpointPolicyInput {
  readonly scope: ArnScope;
  /** Bucket name patterns principals of the account may use through the endpoint (wildcards allowed). */
  readonly bucketPatterns: readonly string[];
  /** AWS-owned buckets principals of the account may read objects from (e.g. CodeArtifact's assets bucket). @default none */
  readonly serviceBuckets?: readonly string[];
}

/**
 * S3 gateway endpoint: principals of the own account may use the listed buckets; anyone may read ECR image layers
 * from the region's layer bucket (ECR hands out its layers from there, and jobs in the VPC need them).
 */
export function s3GatewayEndpointPolicy(input: S3EndpointPolicyInput): PolicyDocument {
  const p = input.scope.partition;
  const buckets = input.bucketPatterns.flatMap((b) => [`arn:${p}:s3:::${b}`, `arn:${p}:s3:::${b}/*`]);
  return policy(
    {
      Sid: "OwnAccountToAllowedBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: S3_DATA_ACTIONS,
      Resource: buckets,
      // Bucket names are global: a bucket of that name in another account is not ours (s3:ResourceAccount).
      Condition: { StringEquals: { "aws:PrincipalAccount": input.scope.accountId, "s3:ResourceAccount": input.scope.accountId } },
    },
    {
      Sid: "EcrImageLayers",
      Effect: "Allow",
      Principal: "*",
      Action: ["s3:GetObject"],
      Resource: [`arn:${p}:s3:::prod-${input.scope.region}-starport-layer-bucket/*`],
    },
    ...(input.serviceBuckets?.length ? [{
      Sid: "AwsServiceBucketsReadOnly",
      Effect: "Allow" as const,
      Principal: "*" as const,
      Action: ["s3:GetObject"],
      Resource: input.serviceBuckets.map((b) => `arn:${p}:s3:::${b}/*`),
      Condition: { StringEquals: { "aws:PrincipalAccount": input.scope.accountId } },
    }] : []),
  );
}

/**
 * Interface endpoints: any action, but only by principals of the own account and - unless the service must reach
 * resources of other accounts (`foreignResources`) - only on resources of the own account (`aws:ResourceAccount`;
 * IfExists, because actions without a resource, such as sts:GetCallerIdentity, carry no resource account).
 */
export function interfaceEndpointPolicy(scope: ArnScope, opts: { foreignResources?: boolean } = {}): PolicyDocument {
  return policy({
    Sid: opts.foreignResources ? "OwnAccountPrincipals" : "OwnAccountPrincipalsAndResources",
    Effect: "Allow",
    Principal: "*",
    Action: "*",
    Resource: "*",
    Condition: {
      StringEquals: { "aws:PrincipalAccount": scope.accountId },
      ...(!opts.foreignResources && { StringEqualsIfExists: { "aws:ResourceAccount": scope.accountId } }),
    },
  });
}
