/**
 * The condition blocks the project's policies are made of, one function per control, so each control is written
 * once and every policy that needs it says so by name.
 */
import type { Conditions } from "../../domain/policy/document";
import { isNvme } from "../../domain/catalogue/instance-types";
import { OWNER_TAG, ProjectScopeInput, sagemakerService } from "./project-scope";

/** Merges condition blocks (operator by operator); a key given twice under one operator is a programming error. */
export function allOf(...blocks: Conditions[]): Conditions {
  const merged: Record<string, Record<string, string | boolean | number | readonly string[]>> = {};
  for (const block of blocks) {
    for (const [operator, keys] of Object.entries(block)) {
      const target = (merged[operator] ??= {});
      for (const [key, value] of Object.entries(keys)) {
        if (key in target) throw new Error(`condition ${operator} ${key} given twice`);
        target[key] = value;
      }
    }
  }
  return merged;
}

/** The request names subnets and security groups, and every one of them is the environment's. */
export function inEnvironmentVpc(input: ProjectScopeInput): Conditions {
  return {
    Null: { "sagemaker:VpcSubnets": "false", "sagemaker:VpcSecurityGroupIds": "false" },
    "ForAllValues:StringEquals": { "sagemaker:VpcSubnets": [...input.subnetIds], "sagemaker:VpcSecurityGroupIds": [...input.securityGroupIds] },
  };
}

/** Volumes are encrypted with the project's volume key (absent key → no match). */
export function withVolumeKey(input: ProjectScopeInput): Conditions {
  return { StringEquals: { "sagemaker:VolumeKmsKeyArn": input.volumeKeyArn } };
}

/** Job output is encrypted with the project's output key. */
export function withOutputKey(input: ProjectScopeInput): Conditions {
  return { StringEquals: { "sagemaker:OutputKmsKeyArn": input.outputKeyArn } };
}

/** Containers of a job talk to each other encrypted and have no network access of their own. */
export function encryptedAndIsolated(): Conditions {
  return { Bool: { "sagemaker:InterContainerTrafficEncryption": "true", "sagemaker:NetworkIsolation": "true" } };
}

/** Notebook instance with no direct internet, no root, IMDSv2 only. */
export function hardenedNotebook(): Conditions {
  return {
    StringEquals: {
      "sagemaker:DirectInternetAccess": "Disabled",
      "sagemaker:RootAccess": "Disabled",
      "sagemaker:MinimumInstanceMetadataServiceVersion": "2",
    },
  };
}

/** The notebook carries the caller's own identity in its owner tag. */
export function ownNotebook(): Conditions {
  return { StringEquals: { [`sagemaker:ResourceTag/${OWNER_TAG}`]: `$\${aws:PrincipalTag/${OWNER_TAG}}` } };
}

/** The request came through the environment's SageMaker API endpoint. */
export function throughApiEndpoint(input: ProjectScopeInput): Conditions {
  // SageMaker evaluates the presigned-URL policy again on the requests the browser then sends to the notebook,
  // which arrive through the notebook endpoint: both endpoints of the environment, no other (SageMaker Developer
  // Guide, "Connect to a notebook instance through a VPC interface endpoint").
  return { StringEquals: { "aws:SourceVpce": [input.sagemakerApiEndpointId, ...(input.notebookEndpointId ? [input.notebookEndpointId] : [])] } };
}

/** A role may be passed to SageMaker only. */
export function passedToSageMaker(): Conditions {
  return { StringEquals: { "iam:PassedToService": sagemakerService() } };
}

/** KMS used on the caller's behalf by S3 in the environment's region only. */
export function viaS3(input: ProjectScopeInput): Conditions {
  return viaService(input, "s3");
}

/** KMS used on the caller's behalf by the given service in the environment's region only. */
export function viaService(input: ProjectScopeInput, service: string): Conditions {
  return { StringEquals: { "kms:ViaService": `${service}.${input.scope.region}.${input.dnsSuffix ?? "amazonaws.com"}` } };
}

/** Grants on a key only for AWS resources (SageMaker and EC2 create them for encrypted volumes). */
export function grantForAwsResource(): Conditions {
  return { Bool: { "kms:GrantIsForAWSResource": "true" } };
}

/** Every instance type of the request is on the list (types or `ml.<family>.*` patterns); a request naming none does not match. */
export function instanceTypesIn(types: readonly string[]): Conditions {
  return { "ForAllValues:StringLike": { "sagemaker:InstanceTypes": [...types] }, Null: { "sagemaker:InstanceTypes": "false" } };
}

/** The entries of an allow-list whose instances have local NVMe storage only (they refuse a volume KMS key). */
export function nvmeTypes(types: readonly string[]): string[] {
  return types.filter(isNvme);
}

/**
 * A notebook instance runs only the project's lifecycle configuration(s) (or none): a lifecycle script runs as root
 * at every start, so another one would undo the hardening.
 */
export function projectLifecycleConfigs(input: ProjectScopeInput): Conditions {
  return { "ForAllValues:ArnEquals": { "sagemaker:NotebookInstanceLifecycleConfigArns": [...input.notebookLifecycleConfigArns] } };
}

/**
 * A job reads its input from S3 only, never from an EFS or FSx for Lustre file system (`FileSystemDataSource`): a file
 * system in the VPC is outside the project's buckets, keys and data events. The request must name none
 * (`sagemaker:FileSystemId` absent).
 */
export function noFileSystemInputs(): Conditions {
  return { Null: { "sagemaker:FileSystemId": "true" } };
}

/** Remote debugging (an interactive shell in a training container) stays off. */
export function noRemoteDebug(): Conditions {
  return { BoolIfExists: { "sagemaker:EnableRemoteDebug": "false" } };
}

/**
 * The network perimeter: the request came from inside the environment's VPC (through one of its endpoints), or an
 * AWS service made it on the caller's behalf (forward access sessions: `aws:ViaAWSService`). Used negated in Deny
 * statements: `StringNotEqualsIfExists aws:SourceVpc` + `BoolIfExists aws:ViaAWSService false`.
 */
export function outsideNetwork(input: ProjectScopeInput): Conditions {
  return { StringNotEqualsIfExists: { "aws:SourceVpc": input.vpcId }, BoolIfExists: { "aws:ViaAWSService": "false" } };
}
