import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { policy, policyJson } from "../../domain/policy/document";
import { keyPolicyStatements, KeyPolicyInput } from "./key-policy";

export interface EncryptionKeyProps extends KeyPolicyInput {
  /** Alias without the `alias/` prefix, e.g. "sds/dev/logs". */
  readonly alias: string;
  /** What the key protects; shown in the console. */
  readonly description: string;
  /** Days before a scheduled deletion happens. @default 30 (the maximum) */
  readonly deletionWindowInDays?: number;
}

/** A customer-managed symmetric KMS key with rotation on, an explicit key policy and an alias. */
export class EncryptionKey extends Construct {
  /** The key resource, for `dependsOn` (e.g. a bucket that must be destroyed before its key). */
  readonly key: KmsKey;
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const key = new KmsKey(this, "key", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: policyJson(policy(...keyPolicyStatements(props))),
    });
    const alias = new KmsAlias(this, "alias", { name: `alias/${props.alias}`, targetKeyId: key.keyId });
    this.key = key;
    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = alias.name;
  }
}
