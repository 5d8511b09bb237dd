/**
 * A platform team's own cdktf app that uses the library beside its own stacks: one stack of the team's own
 * (a parameter other tools read), the secure SageMaker platform of one environment, and one project on it.
 * Every name is written here: the library forms none (the repository's CLI app computes them from its YAML
 * config; this app writes them itself). In your own repository, depend on the package and import from
 * "secure-sagemaker-cdktf"; this example imports the source next door, as terraform-aws-modules' examples use
 * `source = "../../"`.
 *
 *   cd examples/typescript-app && npx cdktf synth      (or: npx ts-node app/cli/main.ts)
 */
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import {
  ArnScope,
  DEFAULT_NOTEBOOK_PLATFORM,
  ROLE_NAMES,
  ROLE_PATH,
  RoleName,
  SecureSageMakerPlatform,
  SecureSageMakerProject,
  selectEndpoints,
} from "../../lib";

const account = "123456789012";
const region = "eu-west-1";
const scope: ArnScope = { partition: "aws", region, accountId: account };
const provider = { region, allowedAccountIds: [account], defaultTags: [{ tags: { team: "ml-platform", environment: "lab" } }] };
const admins = [`arn:aws:iam::${account}:role/platform-admin`];
const env = "acme-lab";

/** The team's own resources, as they had them before: here, a parameter that points other tools at the project. */
class TeamStack extends TerraformStack {
  constructor(scope: Construct, id: string, project: SecureSageMakerProject) {
    super(scope, id);
    new AwsProvider(this, "aws", provider);
    new SsmParameter(this, "data-bucket", { name: "/acme/lab/fraud/data-bucket", type: "String", value: project.buckets.data.bucketName });
  }
}

const app = new App();

const platform = new SecureSageMakerPlatform(app, "lab-platform", {
  provider,
  base: env,
  scope,
  dnsSuffix: "amazonaws.com",
  keyAdministrators: admins,
  planPrincipals: [],
  logsKeyAlias: "acme/lab/logs",
  network: {
    vpcCidr: "10.40.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    subnetCidrs: ["10.40.0.0/19", "10.40.32.0/19"],
    endpoints: selectEndpoints({}),
    s3BucketPatterns: [`${env}-*`],
    s3ServiceBuckets: [],
    flowLogGroup: "/acme/lab/vpc-flow-logs",
    clientAccess: { cidrs: [], prefixListIds: [] },
  },
  names: {
    flowLogRole: `${env}-vpc-flow-logs`,
    endpointSecurityGroup: `${env}-vpc-endpoints`,
    alertTopic: `${env}-security-alerts`,
    alertRule: `${env}-sagemaker-noncompliant-create`,
    alertKeyAlias: "acme/lab/alerts",
  },
  // The organization's trail records this account: no trail of the environment's own.
  auditLogGroups: { sageMaker: [] },
  logRetentionDays: 365,
  audit: { trailFileRetentionDays: 365, organizationTrailArn: "arn:aws:cloudtrail:eu-west-1:111111111111:trail/org-trail", alertSubscriptions: [] },
  bucketsOnDestroy: "retain",
  breakGlassArns: [`arn:aws:iam::${account}:role/break-glass`],
  evidenceAdministrators: admins,
});

const project = `${env}-fraud`;
const roleArn = (name: string) => `arn:aws:iam::${account}:role${ROLE_PATH}${name}`;
const role = (r: RoleName) => ({ name: `${project}-${r}`, arn: roleArn(`${project}-${r}`), policyParts: [`${project}-${r}`, `${project}-${r}-2`, `${project}-${r}-3`], boundary: `${project}-${r}-boundary` });
const roles = Object.fromEntries(ROLE_NAMES.map((r) => [r, role(r)])) as Record<RoleName, ReturnType<typeof role>>;

const fraud = new SecureSageMakerProject(app, "lab-project-fraud", {
  provider: { ...provider, defaultTags: [{ tags: { team: "ml-platform", environment: "lab", project: "fraud" } }] },
  platform,
  name: "fraud",
  base: project,
  scope,
  dnsSuffix: "amazonaws.com",
  keyAdministrators: admins,
  planPrincipals: [],
  evidenceAdministrators: admins,
  names: {
    rolePath: ROLE_PATH,
    keyAliases: { data: "acme/lab/fraud/data", volumes: "acme/lab/fraud/volumes", logs: "acme/lab/fraud/logs" },
    logGroupPattern: "/aws/sagemaker/*",
    codeRepository: project,
    computeSecurityGroup: `${project}-compute`,
  },
  roles,
  roleArnList: ROLE_NAMES.map((r) => roles[r].arn),
  trainingRoleArn: roles.training.arn,
  bucket: (purpose) => `${project}-${purpose}-${account}`,
  trust: { dataScientists: [`arn:aws:iam::${account}:role/data-scientists`], cicd: [`arn:aws:iam::${account}:role/ci`] },
  instanceTypes: { notebooks: ["ml.t3.medium"], jobs: ["ml.m5.large"], endpoints: ["ml.m5.large"] },
  codeRepository: { type: "codecommit" },
  notebooks: [
    { name: "alice", instanceName: `${project}-alice`, owner: "alice", instanceType: "ml.t3.medium", volumeSizeGb: 20, platformIdentifier: DEFAULT_NOTEBOOK_PLATFORM },
  ],
  notebookLifecycle: `${project}-notebooks`,
  notebookAutoStopMinutes: 60,
  dataProtection: { administratorArns: admins, breakGlassArns: [`arn:aws:iam::${account}:role/break-glass`], noncurrentVersionDays: 90, bucketsOnDestroy: "retain" },
  logRetentionDays: 365,
});

new TeamStack(app, "lab-team", fraud);

app.synth();
