import { Construct } from "constructs";
import { EncryptionKey } from "../encryption/encryption-key";
import { ArnScope } from "../../domain/policy/document";
import { AccessLogBucket } from "./access-log-bucket";
import { OnDestroy, SecureBucket } from "./secure-bucket";

import { BUCKET_PURPOSES } from "../../domain/buckets";

/** The purposes of a project's buckets (lib/domain/buckets.ts); bucket names are the plan's `bucket(purpose)`. */
export { BUCKET_PURPOSES };

export interface ProjectBucketsProps {
  readonly scope: ArnScope;
  /** Bucket name of a purpose (the project plan's `bucket`). */
  readonly bucketName: (purpose: string) => string;
  /** KMS key of the data and model buckets (they are destroyed before it). */
  readonly dataKey: EncryptionKey;
  /** The environment's S3 gateway endpoint id. */
  readonly s3EndpointId: string;
  /** Principals that may reach the data and model buckets from outside the endpoint (Terraform's roles). */
  readonly administratorArns: readonly string[];
  /** The project's roles (their exact ARNs, never a name pattern): with the administrators and break-glass roles, the only principals that reach the data. */
  readonly projectRoleArns: readonly string[];
  /** Who writes model artifacts (the training role); with the administrators and break-glass roles. */
  readonly modelWriterArns: readonly string[];
  /** Read-only principals of `terraform plan`: the bucket-configuration reads of a refresh, nothing else. @default none */
  readonly planPrincipalArns?: readonly string[];
  /** Break-glass roles: inside the data perimeter, and the only ones who may delete access logs. @default none */
  readonly breakGlassArns?: readonly string[];
  /** The only principals that may change the access-log bucket's configuration or delete it (deploy and break-glass principals). */
  readonly evidenceConfigurationArns: readonly string[];
  /** Days a deleted or overwritten version stays recoverable in the data and model buckets. */
  readonly noncurrentVersionDays: number;
  /** Days access logs are kept. */
  readonly accessLogDays: number;
  /** @default "delete-if-empty" */
  readonly onDestroy?: OnDestroy;
}

/**
 * A project's buckets: `data` (training data), `models` (model artifacts), both KMS-encrypted with the data key and
 * reachable only through the environment's S3 endpoint; and `access-logs`, which receives both buckets' server
 * access logs (SSE-S3, as S3 server access logging requires; written by the logging service, so not VPC-bound).
 */
export class ProjectBuckets extends Construct {
  readonly accessLogs: AccessLogBucket;
  readonly data: SecureBucket;
  readonly models: SecureBucket;

  constructor(scope: Construct, id: string, props: ProjectBucketsProps) {
    super(scope, id);
    this.accessLogs = new AccessLogBucket(this, "access-logs", {
      scope: props.scope,
      bucketName: props.bucketName(BUCKET_PURPOSES.accessLogs),
      sourceBucketNames: [props.bucketName(BUCKET_PURPOSES.data), props.bucketName(BUCKET_PURPOSES.models)],
      retentionDays: props.accessLogDays,
      evidence: { breakGlassArns: props.breakGlassArns ?? [], configurationArns: props.evidenceConfigurationArns },
      onDestroy: props.onDestroy,
    });
    const operators = [...props.administratorArns, ...(props.breakGlassArns ?? [])];
    const dataBucket = (id: string, purpose: string, writerArns?: readonly string[]) => new SecureBucket(this, id, {
      scope: props.scope,
      bucketName: props.bucketName(purpose),
      encryption: { kmsKeyArn: props.dataKey.keyArn },
      dependsOn: [props.dataKey.key],
      vpcEndpoint: { endpointId: props.s3EndpointId, exemptPrincipalArns: operators },
      principalArns: [...props.projectRoleArns, ...operators],
      planPrincipalArns: props.planPrincipalArns,
      writerArns: writerArns && [...writerArns, ...operators],
      accessLogs: { target: this.accessLogs },
      lifecycle: { noncurrentVersionDays: props.noncurrentVersionDays },
      onDestroy: props.onDestroy,
    });
    this.data = dataBucket("data", BUCKET_PURPOSES.data);
    this.models = dataBucket("models", BUCKET_PURPOSES.models, props.modelWriterArns);
  }
}
