/** Concrete values for the policy builders, as the simulator and the existence check see them. */
import type { ProjectScopeInput } from "../../lib/constructs/identity/project-scope";
import type { ArnScope } from "../../lib/domain/policy/document";
import { projectRoles, roleArnsOf } from "../../app/plan/plan";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const SUBNETS = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"];
export const VPC = "vpc-0ddddddddddddddd1";
export const SG = "sg-0bbbbbbbbbbbbbbb1";
export const NOTEBOOK_ENDPOINT = "vpce-0ccccccccccccccc2";
export const API_ENDPOINT = "vpce-0ccccccccccccccc1";
export const VOLUME_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-1111-1111-1111-111111111111`;
export const DATA_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/22222222-2222-2222-2222-222222222222`;
export const OTHER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-9999-9999-9999-999999999999`;
export const DATA_BUCKET = `arn:aws:s3:::sds-dev-fraud-data-${ACCOUNT}`;
export const MODEL_BUCKET = `arn:aws:s3:::sds-dev-fraud-models-${ACCOUNT}`;

const SCOPE: ArnScope = { partition: "aws", region: REGION, accountId: ACCOUNT };

/** The project base and the role ARNs the plan computes for it (the stack passes the same fields). */
export function projectNames(projectBase: string): Pick<ProjectScopeInput, "projectBase" | "roleArns"> {
  return { projectBase, roleArns: roleArnsOf(projectRoles(SCOPE, projectBase)) };
}

export const INPUT: ProjectScopeInput = {
  scope: SCOPE,
  ...projectNames("sds-dev-fraud"),
  vpcId: VPC,
  instanceTypes: { notebooks: ["ml.t3.*", "ml.m5.*"], jobs: ["ml.m5.*", "ml.c5.*", "ml.g4dn.*", "ml.g5.*"], endpoints: ["ml.t2.*", "ml.m5.*", "ml.c5.*", "ml.g4dn.*"] },
  subnetIds: SUBNETS,
  securityGroupIds: [SG],
  notebookLifecycleConfigArns: [`arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance-lifecycle-config/sds-dev-fraud-notebooks`],
  sagemakerApiEndpointId: API_ENDPOINT,
  notebookEndpointId: NOTEBOOK_ENDPOINT,
  dataBucketArns: [DATA_BUCKET],
  modelBucketArns: [MODEL_BUCKET],
  bucketKeyArns: [DATA_KEY],
  volumeKeyArn: VOLUME_KEY,
  outputKeyArn: DATA_KEY,
  codeRepository: { arn: `arn:aws:codecommit:${REGION}:${ACCOUNT}:sds-dev-fraud`, keyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/22222222-2222-2222-2222-222222222222` },
  packageMirror: {
    domainArn: `arn:aws:codeartifact:${REGION}:${ACCOUNT}:domain/sds-dev`,
    repositoryArn: `arn:aws:codeartifact:${REGION}:${ACCOUNT}:repository/sds-dev/pypi`,
  },
};

/** ARN of a SageMaker resource in the fixture's account and region. */
export function sm(type: string, name: string): string {
  return `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${type}/${name}`;
}

/** A project's Studio domain, as the Studio policies see it. */
export const STUDIO_DOMAIN = "d-abcdefghijkl";
export const STUDIO_SCOPE = {
  domainId: STUDIO_DOMAIN,
  lifecycleConfigArns: [sm("studio-lifecycle-config", "sds-dev-fraud-jupyterlab"), sm("studio-lifecycle-config", "sds-dev-fraud-codeeditor")],
  instanceTypes: ["ml.t3.medium", "ml.m5.large"],
  imageArns: [sm("image", "team-python")],
};
