import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { SagemakerNotebookInstance } from "@cdktf/provider-aws/lib/sagemaker-notebook-instance";
import { OWNER_TAG } from "../identity/project-scope";

export interface HardenedNotebookProps {
  /** Instance name (`<project base>-<notebook>`), within the data scientist role's `<project base>-*` scope. */
  readonly name: string;
  /** The person who may start, stop and open it: the value of their session's `username` tag. */
  readonly owner: string;
  readonly instanceType: string;
  readonly volumeSizeGb: number;
  /** e.g. "notebook-al2-v3". */
  readonly platformIdentifier: string;
  /** The project's notebook execution role. */
  readonly roleArn: string;
  /** The project's volume key (ARN: the notebook creation role's `sagemaker:VolumeKmsKeyArn` condition compares ARNs). */
  readonly volumeKeyArn: string;
  /** One of the environment's private subnets. */
  readonly subnetId: string;
  /** The environment's SageMaker security group(s). */
  readonly securityGroupIds: readonly string[];
  readonly lifecycleConfigName: string;
  /** Git repository cloned into the notebook (SageMaker code repository name or URL). @default none */
  readonly defaultCodeRepository?: string;
  /** Resources to create first (e.g. the execution role's policy attachment). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A notebook instance that cannot reach the internet or run as root: in the environment's subnet and SageMaker
 * security group, volume encrypted with the project key, IMDSv2 only, tagged with its owner for the data scientist
 * role's `sagemaker:ResourceTag/username` condition.
 */
export class HardenedNotebook extends Construct {
  readonly notebookName: string;
  readonly notebookArn: string;

  constructor(scope: Construct, id: string, props: HardenedNotebookProps) {
    super(scope, id);
    const notebook = new SagemakerNotebookInstance(this, "instance", {
      name: props.name,
      roleArn: props.roleArn,
      instanceType: props.instanceType,
      volumeSize: props.volumeSizeGb,
      platformIdentifier: props.platformIdentifier,
      directInternetAccess: "Disabled",
      rootAccess: "Disabled",
      kmsKeyId: props.volumeKeyArn,
      subnetId: props.subnetId,
      securityGroups: [...props.securityGroupIds],
      instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" },
      lifecycleConfigName: props.lifecycleConfigName,
      defaultCodeRepository: props.defaultCodeRepository,
      tags: { [OWNER_TAG]: props.owner },
      dependsOn: props.dependsOn,
    });
    this.notebookName = notebook.name;
    this.notebookArn = notebook.arn;
  }
}
