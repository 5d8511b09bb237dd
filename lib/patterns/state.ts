import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { EnvironmentConfig } from "../../app/config/schema";
import { EncryptionKey } from "../../lib/constructs/encryption/encryption-key";
import { accountRoot } from "../../lib/domain/policy/document";
import { LockTable } from "../../lib/constructs/state/lock-table";
import { StateBucket } from "../../lib/constructs/state/state-bucket";
import { AccessLogBucket } from "../../lib/constructs/storage/access-log-bucket";
import type { EnvironmentPlan } from "../../app/plan/plan";
import { awsProvider } from "../../app/stacks/environment";

/** Construct id of the state bucket (its resources' logical ids start with it). */
export const STATE_BUCKET_ID = "state-bucket";

/**
 * Where the state bucket's public access block was in Terraform state before 0.3.0 (child `public-access-block` of
 * `state-bucket`; cdktf derives the suffix from that path). A `moved` block carries it to its address now, so an
 * upgrade replaces nothing: proven by __tests__/emulator/state-bucket-upgrade.test.ts on 0.2.0's synthesized stack.
 */
export const STATE_PUBLIC_ACCESS_BLOCK_BEFORE_0_3 = "aws_s3_bucket_public_access_block.state-bucket_public-access-block_498D68DA";

export interface StateStackProps {
  readonly prefix: string;
  readonly environment: EnvironmentConfig;
  /** The environment's plan: every name this stack uses. */
  readonly plan: EnvironmentPlan;
}

/**
 * One per environment with the S3 backend: the state key, the state bucket and (when locking uses DynamoDB) the
 * lock table. It is applied first on local state, then its own state is migrated into the bucket it created.
 */
export class StateStack extends TerraformStack {
  readonly key: EncryptionKey;
  readonly bucket: StateBucket;
  readonly accessLogs: AccessLogBucket;
  readonly lockTable?: LockTable;

  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id);
    const env = props.environment;
    if (env.backend.type !== "s3") throw new Error(`${id}: a state stack is only needed for the s3 backend`);
    const names = props.plan;
    const state = names.state;
    awsProvider(this, names);

    this.key = new EncryptionKey(this, "state-key", {
      alias: state.keyAlias,
      description: `${names.base}: Terraform state (bucket objects and lock table)`,
      scope: names.scope,
      administratorArns: names.keyAdministrators,
      // The account's IAM policies decide who may read and write state (the principals that run Terraform).
      userArns: [accountRoot(names.scope)],
    });
    // The state bucket's server access logs: who read or wrote which state, next to CloudTrail's management events.
    this.accessLogs = new AccessLogBucket(this, "access-logs", {
      scope: names.scope,
      bucketName: state.accessLogBucket,
      sourceBucketNames: [state.bucket],
      retentionDays: env.logs.retentionDays,
      breakGlassArns: env.dataProtection.breakGlassArns,
    });
    this.bucket = new StateBucket(this, STATE_BUCKET_ID, {
      scope: names.scope,
      bucketName: state.bucket,
      key: this.key,
      noncurrentVersionDays: env.backend.noncurrentVersionDays,
      accessLogBucket: this.accessLogs,
    });
    this.bucket.publicAccessBlock.moveFromId(STATE_PUBLIC_ACCESS_BLOCK_BEFORE_0_3);
    if (state.lockTable) this.lockTable = new LockTable(this, "lock-table", { tableName: state.lockTable, kmsKeyArn: this.key.keyArn });

    const outputs: Record<string, { value: string; description: string }> = {
      state_bucket: { value: this.bucket.bucketName, description: "Bucket holding the state of every stack of the environment" },
      state_bucket_arn: { value: this.bucket.bucketArn, description: "ARN of the state bucket" },
      state_access_log_bucket: { value: this.accessLogs.bucketName, description: "Server access logs of the state bucket" },
      state_kms_key_arn: { value: this.key.keyArn, description: "KMS key the state is encrypted with" },
      state_kms_key_alias: { value: this.key.aliasName, description: "Alias of the state key (the S3 backend's kms_key_id)" },
      ...(this.lockTable && { lock_table: { value: this.lockTable.tableName, description: "DynamoDB lock table" } }),
    };
    for (const [name, o] of Object.entries(outputs)) new TerraformOutput(this, name, o);
  }
}
