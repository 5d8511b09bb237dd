import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider, AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import { EncryptionKey } from "../constructs/encryption/encryption-key";
import { accountRoot, ArnScope, policyJson } from "../domain/policy/document";
import { viaService } from "../constructs/encryption/key-policy";
import { planStateAccessPolicy } from "../constructs/state/plan-access";
import { LockTable } from "../constructs/state/lock-table";
import { StateBucket } from "../constructs/state/state-bucket";
import { AccessLogBucket } from "../constructs/storage/access-log-bucket";

/** Construct id of the state bucket (its resources' logical ids start with it). */
export const STATE_BUCKET_ID = "state-bucket";

/**
 * Where the state bucket's public access block was in Terraform state before 0.3.0 (child `public-access-block` of
 * `state-bucket`; cdktf derives the suffix from that path). A `moved` block carries it to its address now, so an
 * upgrade replaces nothing: proven by __tests__/emulator/state-bucket-upgrade.test.ts on 0.2.0's synthesized stack.
 */
export const STATE_PUBLIC_ACCESS_BLOCK_BEFORE_0_3 = "aws_s3_bucket_public_access_block.state-bucket_public-access-block_498D68DA";

/** Names of the Terraform state's resources (the S3 backend of every stack of the environment uses them). */
export interface StateNames {
  readonly bucket: string;
  /** Bucket receiving the state bucket's server access logs. */
  readonly accessLogBucket: string;
  /** DynamoDB lock table, when the backend's locking uses one. @default S3-native locking only */
  readonly lockTable?: string;
  /** Alias of the state key, without `alias/`. */
  readonly keyAlias: string;
}

/** The state stack as plain values: every name comes from the caller; the pattern forms none. */
export interface TerraformStateStackProps {
  /** The stack's AWS provider: Region, the one account it may touch, default tags, the role it assumes. */
  readonly provider: AwsProviderConfig;
  /** `<prefix>-<environment>`: the label of descriptions. */
  readonly base: string;
  /** Partition, Region and account of the ARNs the policies name. */
  readonly scope: ArnScope;
  /** Principals that administer the state key. */
  readonly keyAdministrators: readonly string[];
  /** Principals that run `terraform plan`: they read the states, never lock or write (output `plan_principal_state_policy`). */
  readonly planPrincipals: readonly string[];
  /** DNS suffix of the partition's service principals (`amazonaws.com`). */
  readonly dnsSuffix: string;
  /** The prefix of the state objects' keys in the bucket (the backend's `keyPrefix`, "" for none). */
  readonly stateKeyPrefix: string;
  readonly state: StateNames;
  /** Days the state bucket's access logs are kept. */
  readonly logRetentionDays: number;
  /** The only principals that may delete or overwrite access logs. */
  readonly breakGlassArns: readonly string[];
  /** Principals that may change the access-log bucket's protection configuration. */
  readonly evidenceAdministrators: readonly string[];
  /** Days noncurrent state versions are kept. */
  readonly noncurrentVersionDays: number;
}

/**
 * One per environment with the S3 backend: the state key, the state bucket and (when locking uses DynamoDB) the
 * lock table. It is applied first on local state, then its own state is migrated into the bucket it created.
 */
export class TerraformStateStack extends TerraformStack {
  readonly key: EncryptionKey;
  readonly bucket: StateBucket;
  readonly accessLogs: AccessLogBucket;
  readonly lockTable?: LockTable;

  constructor(scope: Construct, id: string, props: TerraformStateStackProps) {
    super(scope, id);
    const names = props;
    const state = names.state;
    new AwsProvider(this, "aws", props.provider);

    this.key = new EncryptionKey(this, "state-key", {
      alias: state.keyAlias,
      description: `${names.base}: Terraform state (bucket objects and lock table)`,
      scope: names.scope,
      administratorArns: names.keyAdministrators,
      planPrincipalArns: names.planPrincipals,
      // The account's IAM policies decide who may read and write state (the principals that run Terraform).
      userArns: [accountRoot(names.scope)],
    });
    // The state bucket's server access logs: who read or wrote which state, next to CloudTrail's management events.
    this.accessLogs = new AccessLogBucket(this, "access-logs", {
      scope: names.scope,
      bucketName: state.accessLogBucket,
      sourceBucketNames: [state.bucket],
      retentionDays: names.logRetentionDays,
      evidence: { breakGlassArns: names.breakGlassArns, configurationArns: names.evidenceAdministrators },
    });
    this.bucket = new StateBucket(this, STATE_BUCKET_ID, {
      scope: names.scope,
      bucketName: state.bucket,
      key: this.key,
      noncurrentVersionDays: names.noncurrentVersionDays,
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
    if (names.planPrincipals.length) {
      outputs.plan_principal_state_policy = {
        description: "IAM policy to attach to the plan principals (dataProtection.planPrincipalArns) besides ReadOnlyAccess: read the states, no lock",
        value: policyJson(planStateAccessPolicy({
          bucketArn: this.bucket.bucketArn, keyPrefix: names.stateKeyPrefix, stateKeyArn: this.key.keyArn, lockTableArn: this.lockTable?.tableArn,
          viaServices: ["s3", ...(this.lockTable ? ["dynamodb"] : [])].map((s) => viaService(s, names.scope, names.dnsSuffix)),
        })),
      };
    }
    for (const [name, o] of Object.entries(outputs)) new TerraformOutput(this, name, o);
  }
}
