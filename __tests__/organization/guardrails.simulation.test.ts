/**
 * Proof by simulation (@cloud-copilot/iam-simulate evaluates SCPs and RCPs): an account administrator of the
 * environment's account (AdministratorAccess), whom the account's own IAM does not stop, tries each way out of the
 * perimeter, and the organization policies deny it; the seed's legitimate paths (the project roles' own policies
 * and boundary, from __tests__/identity/fixture.ts) stay allowed through SCP + RCP + IAM together; the exempt deploy
 * role still manages what the guardrails protect.
 */
import { boundaryPolicy } from "../../lib/constructs/identity/boundary";
import { RoleName } from "../../lib/constructs/identity/project-scope";
import { rolePolicy } from "../../lib/constructs/identity/role-policies";
import { policy, PolicyDocument } from "../../lib/domain/policy/document";
import { plan } from "../../app/plan/plan";
import { ACCOUNT, DATA_BUCKET, DATA_KEY, INPUT, REGION, SG, sm, SUBNETS, VOLUME_KEY, VPC } from "../identity/fixture";
import { Decision, simulate } from "../identity/simulate";
import { configWith } from "../helpers/synth";
import { DEPLOYER, ORG_ID, ORGANIZATION } from "./fixture";

const organization = plan(configWith({}, { organization: ORGANIZATION } as any)).organization!;
const docs = (type: string) => organization.policies.filter((p) => p.type === type).map((p) => p.content as PolicyDocument);
const scps = docs("SERVICE_CONTROL_POLICY");
const rcps = docs("RESOURCE_CONTROL_POLICY");
const ADMIN_ACCESS = policy({ Effect: "Allow", Action: "*", Resource: "*" });
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/Admin`;

const vpc = { "sagemaker:VpcSubnets": [SUBNETS[0]], "sagemaker:VpcSecurityGroupIds": [SG] };
const NOTEBOOK = sm("notebook-instance", "sds-dev-fraud-alice");
const notebook = { ...vpc, "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:DirectInternetAccess": "Disabled", "sagemaker:RootAccess": "Disabled",
  "sagemaker:MinimumInstanceMetadataServiceVersion": "2", "sagemaker:InstanceTypes": ["ml.t3.medium"] };
const TRAINING_JOB = sm("training-job", "sds-dev-fraud-xgb-1");
const training = { ...vpc, "sagemaker:VolumeKmsKeyArn": VOLUME_KEY, "sagemaker:OutputKmsKeyArn": DATA_KEY,
  "sagemaker:InterContainerTrafficEncryption": "true", "sagemaker:NetworkIsolation": "true", "sagemaker:InstanceTypes": ["ml.m5.xlarge"] };
const inOrg = { "aws:PrincipalOrgID": ORG_ID };
const without = (ctx: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(ctx).filter(([k]) => !keys.includes(k)));
const TRAINING_ROLE = `arn:aws:iam::${ACCOUNT}:role/sagemaker-project/sds-dev-fraud-training`;

interface Attempt {
  readonly title: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, unknown>;
  readonly principal?: string;
  /** A guardrail on the product's own resources, which the deploy and break-glass roles are exempt from. */
  readonly exempt?: true;
  /** The resource's own policy (a KMS key always has one). */
  readonly resourcePolicy?: PolicyDocument;
}

/** The default key policy: the account's IAM decides (as the product's key policies do for their administrators). */
const KEY_POLICY = policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" });

/** aws:PrincipalArn is given explicitly: AWS sets it on every request, the simulator does not derive it from the principal. */
async function asAdmin(a: Attempt, organizationPolicies = true): Promise<Decision> {
  const principal = a.principal ?? ADMIN;
  return simulate({ principal, action: a.action, resource: a.resource, context: { ...inOrg, "aws:PrincipalArn": principal, ...a.context } as Record<string, string | string[]> },
    { identity: [ADMIN_ACCESS], resource: a.resourcePolicy, ...(organizationPolicies && { scps, rcps }) });
}

const ATTACKS: Attempt[] = [
  { title: "a notebook outside the VPC", action: "sagemaker:CreateNotebookInstance", resource: NOTEBOOK, context: without(notebook, "sagemaker:VpcSubnets", "sagemaker:VpcSecurityGroupIds") },
  { title: "a notebook without a volume key", action: "sagemaker:CreateNotebookInstance", resource: NOTEBOOK, context: without(notebook, "sagemaker:VolumeKmsKeyArn") },
  { title: "a notebook with direct internet access", action: "sagemaker:CreateNotebookInstance", resource: NOTEBOOK, context: { ...notebook, "sagemaker:DirectInternetAccess": "Enabled" } },
  { title: "a notebook with root access", action: "sagemaker:CreateNotebookInstance", resource: NOTEBOOK, context: { ...notebook, "sagemaker:RootAccess": "Enabled" } },
  { title: "a training job outside the VPC", action: "sagemaker:CreateTrainingJob", resource: TRAINING_JOB, context: without(training, "sagemaker:VpcSubnets", "sagemaker:VpcSecurityGroupIds") },
  { title: "a training job with unencrypted volumes (EBS instance type)", action: "sagemaker:CreateTrainingJob", resource: TRAINING_JOB, context: without(training, "sagemaker:VolumeKmsKeyArn") },
  { title: "a training job with unencrypted output", action: "sagemaker:CreateTrainingJob", resource: TRAINING_JOB, context: without(training, "sagemaker:OutputKmsKeyArn") },
  { title: "a training job with network access", action: "sagemaker:CreateTrainingJob", resource: TRAINING_JOB, context: { ...training, "sagemaker:NetworkIsolation": "false" } },
  { title: "a training job with clear inter-container traffic", action: "sagemaker:CreateTrainingJob", resource: TRAINING_JOB, context: without(training, "sagemaker:InterContainerTrafficEncryption") },
  { title: "a Studio domain on the public internet", action: "sagemaker:CreateDomain", resource: sm("domain", "d-abcdefghijkl"), context: { ...vpc, "sagemaker:AppNetworkAccessType": "PublicInternetOnly", "sagemaker:VolumeKmsKeyArn": VOLUME_KEY } },
  { title: "detaching a project role's boundary", exempt: true, action: "iam:DeleteRolePermissionsBoundary", resource: TRAINING_ROLE },
  { title: "attaching AdministratorAccess to a project role", exempt: true, action: "iam:AttachRolePolicy", resource: TRAINING_ROLE },
  { title: "stopping the trail", exempt: true, action: "cloudtrail:StopLogging", resource: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/sds-dev-trail` },
  { title: "deleting the flow logs", exempt: true, action: "ec2:DeleteFlowLogs", resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc-flow-log/fl-0123456789abcdef0` },
  { title: "deleting the trail's log group", exempt: true, action: "logs:DeleteLogGroup", resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/sds/dev/cloudtrail` },
  { title: "deleting the CIS alarms", exempt: true, action: "cloudwatch:DeleteAlarms", resource: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:sds-dev-cis-4.3-root-account-usage` },
  { title: "disabling a project key", exempt: true, resourcePolicy: KEY_POLICY, action: "kms:DisableKey", resource: VOLUME_KEY, context: { "kms:ResourceAliases": ["alias/sds/dev/fraud/volumes"] } },
  { title: "scheduling a project key's deletion", exempt: true, resourcePolicy: KEY_POLICY, action: "kms:ScheduleKeyDeletion", resource: DATA_KEY, context: { "kms:ResourceAliases": ["alias/sds/dev/fraud/data"] } },
  { title: "rewriting a project key's policy", exempt: true, resourcePolicy: KEY_POLICY, action: "kms:PutKeyPolicy", resource: DATA_KEY, context: { "kms:ResourceAliases": ["alias/sds/dev/fraud/data"] } },
  { title: "attaching an internet gateway", action: "ec2:AttachInternetGateway", resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:internet-gateway/igw-0123456789abcdef0` },
  { title: "creating a NAT gateway", action: "ec2:CreateNatGateway", resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:natgateway/nat-0123456789abcdef0` },
  { title: "a route to the internet", exempt: true, action: "ec2:CreateRoute", resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:route-table/rtb-0123456789abcdef0` },
  { title: "reading project data from outside the network", action: "s3:GetObject", resource: `${DATA_BUCKET}/train.csv` },
  { title: "reading project data from another VPC", action: "s3:GetObject", resource: `${DATA_BUCKET}/train.csv`, context: { "aws:SourceVpc": "vpc-0eeeeeeeeeeeeeee9" } },
  { title: "reading a job's logs from outside the network", action: "logs:GetLogEvents", resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/TrainingJobs:log-stream:sds-dev-fraud-xgb-1/algo-1` },
  { title: "a principal of another organization reading project data from the VPC", action: "s3:GetObject", resource: `${DATA_BUCKET}/train.csv`,
    principal: "arn:aws:iam::444455556666:role/Admin", context: { "aws:PrincipalOrgID": "o-zzzzzzzzzz", "aws:SourceVpc": VPC } },
];

describe("an account administrator, stopped by the organization policies", () => {
  test.each(ATTACKS.map((a) => [a.title, a] as const))("%s: allowed by the account's IAM, denied by the organization", async (_, a) => {
    // Without organization policies the administrator's AdministratorAccess allows it (a resource-policy-free request):
    // the denial below comes from the SCPs or RCPs, nothing else. (The cross-organization principal has no policy in this account.)
    if (!a.principal) expect(await asAdmin(a, false)).toBe("Allowed");
    expect(await asAdmin(a)).toBe("ExplicitlyDenied");
  });
});

describe("the legitimate paths, through SCP + RCP + IAM", () => {
  const session = (role: RoleName) => `arn:aws:sts::${ACCOUNT}:assumed-role/${INPUT.roleArns[role].split("/").pop()}/alice`;
  const asRole = (role: RoleName, action: string, resource: string, context: Record<string, unknown>) =>
    simulate({ principal: session(role), action, resource, context: { ...inOrg, "aws:SourceVpc": VPC, ...context } as Record<string, string | string[]> },
      { identity: [rolePolicy(role, INPUT)], boundary: boundaryPolicy(role, INPUT), scps, rcps });

  test.each([
    ["CI creates a hardened notebook in the VPC", "notebook-creation" as RoleName, "sagemaker:CreateNotebookInstance", NOTEBOOK, notebook],
    ["a notebook starts a compliant training job", "notebook-execution" as RoleName, "sagemaker:CreateTrainingJob", TRAINING_JOB, training],
    ["a notebook starts a training job on an NVMe instance type without a volume key", "notebook-execution" as RoleName, "sagemaker:CreateTrainingJob", TRAINING_JOB,
      { ...without(training, "sagemaker:VolumeKmsKeyArn"), "sagemaker:InstanceTypes": ["ml.g5.xlarge"] }],
    ["CI creates an isolated model in the VPC", "endpoint-creation" as RoleName, "sagemaker:CreateModel", sm("model", "sds-dev-fraud-xgb"), { ...vpc, "sagemaker:NetworkIsolation": "true" }],
    ["a notebook reads project data from inside the VPC", "notebook-execution" as RoleName, "s3:GetObject", `${DATA_BUCKET}/train.csv`, {}],
  ])("%s", async (_, role, action, resource, context) => {
    expect(await asRole(role, action, resource, context)).toBe("Allowed");
  });

  test("the exempt deploy role still manages the trail, keys, roles and routes; an AWS service still reads for the account", async () => {
    for (const a of ATTACKS.filter((x) => x.exempt)) {
      expect({ title: a.title, decision: await asAdmin({ ...a, principal: DEPLOYER }) }).toEqual({ title: a.title, decision: "Allowed" });
    }
    expect(await asAdmin({ title: "deployer reads state-adjacent project data from outside", action: "s3:GetObject", resource: `${DATA_BUCKET}/x`, principal: DEPLOYER })).toBe("Allowed");
    expect(await asAdmin({ title: "a service on the caller's behalf", action: "s3:GetObject", resource: `${DATA_BUCKET}/x`, context: { "aws:ViaAWSService": "true" } })).toBe("Allowed");
  });

  test("no exemption from the SageMaker and internet guardrails, not even for the deployer", async () => {
    for (const a of ATTACKS.filter((x) => x.action.startsWith("sagemaker:") || /internet gateway|NAT/.test(x.title))) {
      expect({ title: a.title, decision: await asAdmin({ ...a, principal: DEPLOYER }) }).toEqual({ title: a.title, decision: "ExplicitlyDenied" });
    }
  });
});
