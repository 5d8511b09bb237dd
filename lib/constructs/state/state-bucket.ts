import { Construct } from "constructs";
import { EncryptionKey } from "../encryption/encryption-key";
import { ArnScope } from "../../domain/policy/document";
import { AccessLogBucket } from "../storage/access-log-bucket";
import { SecureBucket } from "../storage/secure-bucket";

export interface StateBucketProps {
  readonly scope: ArnScope;
  /** Globally unique bucket name (the environment plan's `state.bucket`). */
  readonly bucketName: string;
  /** The state key: every object's default encryption (bucket key on); the bucket is destroyed before it. */
  readonly key: EncryptionKey;
  /** Days a noncurrent (replaced or deleted) state version is kept (config `backend.noncurrentVersionDays`). */
  readonly noncurrentVersionDays: number;
  /** Receives the server access logs (under `<bucket name>/`): who read or wrote which state. */
  readonly accessLogBucket: AccessLogBucket;
}

/**
 * The bucket that holds Terraform state: a SecureBucket (versioned, so every state write can be rolled back;
 * public access blocked; ACLs disabled; TLS 1.2+ only; SSE-C and non-KMS uploads refused; incomplete uploads
 * aborted) with three differences:
 * - the key is not pinned by the policy: the S3 backend names it by its alias (`kms_key_id = alias/...`, the ARN is
 *   not known when the backend configuration is written); requests without an encryption header get the state key;
 * - no VPC-endpoint restriction: Terraform runs outside the environment's VPC;
 * - `terraform destroy` deletes it only when empty ("delete-if-empty", whatever `dataProtection.bucketsOnDestroy`
 *   says: the state of every stack is in it; the workflow's teardown overrides `force_destroy` on purpose).
 * Its resources keep the addresses the state bucket had before it was a SecureBucket, except the public access
 * block (child `public-access-block` then, `public-access` now): the state stack adds a `moved` block from that
 * address (`STATE_PUBLIC_ACCESS_BLOCK_BEFORE_0_3` in lib/patterns/state.ts), so upgrading changes the bucket in
 * place and replaces nothing.
 */
export class StateBucket extends SecureBucket {
  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id, {
      scope: props.scope,
      bucketName: props.bucketName,
      encryption: {
        kmsKeyArn: props.key.keyArn,
        keyNotPinnedBecause: "the S3 backend names the state key by its alias, not by the ARN the policy would compare",
      },
      dependsOn: [props.key.key],
      vpcEndpoint: "none",
      accessLogs: { target: props.accessLogBucket },
      lifecycle: { noncurrentVersionDays: props.noncurrentVersionDays },
      onDestroy: "delete-if-empty",
    });
  }
}
