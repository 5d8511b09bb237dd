/**
 * The IAM policy a read-only plan principal (`dataProtection.planPrincipalArns`) needs on the state, as data: the
 * state stack outputs it (`plan_principal_state_policy`) for the operator to attach next to AWS's `ReadOnlyAccess`.
 * `terraform plan -lock=false` reads the state object and, with DynamoDB locking, the state digest in the lock table;
 * it takes no lock and writes nothing (a saved plan whose state changed meanwhile is refused at apply as stale).
 */
import { policy, PolicyDocument } from "../../domain/policy/document";

export interface PlanStateAccessInput {
  /** The state bucket's ARN. */
  readonly bucketArn: string;
  /** The object-key prefix of the environment's states (`backend.keyPrefix`, "" when none). */
  readonly keyPrefix: string;
  /** The state key (objects and lock table are encrypted with it; used only through S3 and DynamoDB). */
  readonly stateKeyArn: string;
  /** The DynamoDB lock table's ARN, when locking uses DynamoDB. @default none (lockfile locking) */
  readonly lockTableArn?: string;
  /** `kms:ViaService` values of S3 (and DynamoDB with a lock table) in the environment's region. */
  readonly viaServices: readonly string[];
}

/** Read the states and the lock digest; decrypt with the state key only through those services. */
export function planStateAccessPolicy(input: PlanStateAccessInput): PolicyDocument {
  return policy(
    { Sid: "ListStates", Effect: "Allow", Action: ["s3:ListBucket"], Resource: input.bucketArn },
    { Sid: "ReadStates", Effect: "Allow", Action: ["s3:GetObject"], Resource: `${input.bucketArn}/${input.keyPrefix}*` },
    { Sid: "DecryptStates", Effect: "Allow", Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: input.stateKeyArn,
      Condition: { StringEquals: { "kms:ViaService": [...input.viaServices] } } },
    ...(input.lockTableArn ? [{ Sid: "ReadStateDigests", Effect: "Allow" as const, Action: ["dynamodb:GetItem"], Resource: input.lockTableArn }] : []),
  );
}
