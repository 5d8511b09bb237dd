/**
 * The attack scenarios, as tables: one row = (name, principal, action, resource, request context incl. the network
 * path, expected decision). Rows are generated per project of a synthesized app from the same tables, so the
 * default config and the two-environment config are attacked the same way. Class ids follow issue #12:
 *   C1 channels other than S3, C2 resource perimeter on the endpoints, C3 identity perimeter on the data,
 *   C4 encryption headers, C5 key administration, C6 trust, C7 separation of duties, C8 audit evidence,
 *   C9 each role's own boundary with AdministratorAccess attached (an administrator's mistake), C10 log streams,
 *   C11 compute isolation between projects, C12 smaller openings;
 *   L1 NVMe instance types without a volume key, L2 a notebook reads its own project's job logs,
 *   L3 people reach sagemaker.api / notebook through the endpoints (the IAM half; the network half is the
 *      security-group tests'),
 *   L4 the seed's ML workflow as one chain, step by step (notebook, training job, batch model, transform job, hosting
 *      model, endpoint config, endpoint, invocation), with the abuses of each step,
 *   L5 CI from pull request to apply: the read-only plan principal reads every bucket's and key's configuration and
 *      the state, nothing else; the apply principal makes the changes an apply makes.
 */
import {
  accountRoot, Actor, ADMIN_POLICY, adminSession, ATTACKER_ACCOUNT, Expected, INTERNET, Network, OTHER_VPC, PerimeterApp, roleSession, servicePrincipal,
} from "./perimeter-sim";
import { CODEARTIFACT_ASSET_BUCKETS } from "../../lib/domain/catalogue/codeartifact";
import { KEY_PLAN_READ_ACTIONS } from "../../lib/constructs/encryption/key-policy";
import { PLAN_BUCKET_READS } from "../../lib/constructs/storage/bucket-policy";
import { ssoRole } from "./configs";
import { S3_BUCKET_CONFIGURATION_ACTIONS } from "../../lib/constructs/storage/bucket-policy";


export type ClassId = "C1" | "C2" | "C3" | "C4" | "C5" | "C6" | "C7" | "C8" | "C9" | "C10" | "C11" | "C12" | "L1" | "L2" | "L3" | "L4" | "L5";
export const CLASSES: Record<ClassId, string> = {
  C1: "channels other than S3 (stolen credentials outside the VPC)",
  C2: "resource perimeter on the VPC endpoints",
  C3: "identity perimeter on the data (other projects, other accounts, account administrators)",
  C4: "encryption headers",
  C5: "key administration",
  C6: "trust policies",
  C7: "separation of duties",
  C8: "audit evidence (objects and bucket configuration)",
  C9: "guardrails an attached policy cannot lift (each role's own boundary, AdministratorAccess attached)",
  C10: "log streams and groups written only under the project's own names",
  C11: "isolation between projects' compute (security groups)",
  C12: "smaller openings (network interface permissions, notebook lifecycle configs, file systems, Studio remote access and images)",
  L1: "legitimate: NVMe instance types without a volume key",
  L2: "legitimate: a notebook reads its own project's job logs",
  L3: "legitimate: people reach the SageMaker API and notebooks through the endpoints",
  L4: "legitimate: the ML workflow as one chain (notebook, training, batch transform, endpoint, invocation)",
  L5: "legitimate: CI from pull request to apply (plan principal reads configuration, apply principal changes it)",
};

export interface Target { readonly arn: string; readonly account: string; readonly policy?: Record<string, any> }

export interface Scenario {
  readonly cls: ClassId;
  readonly name: string;
  readonly actor: Actor;
  readonly action: string;
  readonly target: Target;
  readonly network: Network;
  readonly context?: Record<string, string | string[]>;
  readonly expect: Expected;
  /**
   * For denials: what must be among the deniers (`<layer>:<Sid>` of a Deny statement, or `<layer>:implicit` for a
   * layer without a matching Allow; layers identity, boundary, resource, endpoint). Ties each mitigation to the
   * statement that enforces it (docs/threat-model.md cites these).
   */
  readonly by?: string;
}

/** Instance types: an NVMe type (AWS refuses a volume key there), an EBS type, and one no allow-list should hold. */
export const NVME_TYPE = "ml.g5.xlarge";
/** An NVMe type in the default endpoint allow-list (ml.g5 is a jobs-only family by default). */
export const NVME_ENDPOINT_TYPE = "ml.g4dn.xlarge";
export const EBS_TYPE = "ml.m5.xlarge";
export const DISALLOWED_TYPE = "ml.p5.48xlarge";

/** The environment's deploy role (its first administrator) and break-glass role (if configured), holding `*:*`. */
function operators(app: PerimeterApp, env: string): { deployer: Actor; breakGlass?: Actor } {
  const dp = app.env(env).dataProtection;
  return { deployer: adminSession(dp.administratorArns[0], "deploy role"),
    breakGlass: dp.breakGlassArns[0] ? adminSession(dp.breakGlassArns[0], "break-glass role") : undefined };
}

/** Every scenario for one project `p` of environment `env`. */
export function projectScenarios(app: PerimeterApp, env: string, p: string): Scenario[] {
  const e = app.env(env);
  const { accountId: acct, region } = e;
  const base = `${app.config.prefix}-${env}-${p}`;
  const vpc = (endpoint: string): Network => ({ from: "vpc", env, endpoint });
  const S3 = vpc("s3"), LOGS = vpc("logs"), API = vpc("sagemaker.api"), RUNTIME = vpc("sagemaker.runtime"), GIT = vpc("git-codecommit"), STS = vpc("sts");
  const viaS3: Network = { from: "service", service: `s3.amazonaws.com` };
  const viaSageMaker: Network = { from: "service", service: `sagemaker.amazonaws.com` };

  const role = (r: string) => roleSession(app.role(env, p, r), "alice", r === "data-scientist" ? { username: "alice" } : undefined);
  const nb = role("notebook-execution"), tr = role("training"), ds = role("data-scientist"), ec = role("endpoint-creation"),
    eh = role("endpoint-hosting"), ei = role("endpoint-invocation"), nc = role("notebook-creation");
  const data = app.projectBucket(env, p, "data"), models = app.projectBucket(env, p, "models"), accessLogs = app.projectBucket(env, p, "access-logs");
  const dataKey = app.projectKey(env, p, "data"), volumeKey = app.projectKey(env, p, "volumes");
  const obj = (b: typeof data, key: string): Target => ({ arn: `${b.arn}/${key}`, account: b.account, policy: b.policy });
  const key = (k: typeof dataKey): Target => ({ arn: k.arn, account: k.account, policy: k.policy });
  const sm = (type: string, name: string): Target => ({ arn: `arn:aws:sagemaker:${region}:${acct}:${type}/${name}`, account: acct });
  const stream = (group: string, s: string): Target => ({ arn: `arn:aws:logs:${region}:${acct}:log-group:/aws/sagemaker/${group}:log-stream:${s}`, account: acct });
  const group = (g: string): Target => ({ arn: `arn:aws:logs:${region}:${acct}:log-group:/aws/sagemaker/${g}`, account: acct });
  const repo: Target = { arn: app.repository(env, p), account: acct };
  const trustOf = (r: string): Target => { const x = app.role(env, p, r); return { arn: x.arn, account: acct, policy: x.trust }; };

  const admin = adminSession(`arn:aws:iam::${acct}:role/AccountAdministrator`, "account administrator (*:*)");
  const { deployer, breakGlass } = operators(app, env);
  const attacker = adminSession(`arn:aws:iam::${ATTACKER_ACCOUNT}:role/attacker`, "another account's administrator");
  /** Something else in the VPC with broad rights (an instance someone launched into the subnets with an admin profile). */
  const vpcAdmin = adminSession(`arn:aws:iam::${acct}:role/instance-in-vpc`, "own-account principal in the VPC with *:*");
  /** A role an account administrator creates under the project's path with a name like the project's roles (`<base>-*`), holding *:*. */
  const lookAlike = adminSession(`arn:aws:iam::${acct}:role/sagemaker-project/${base}-notebook-execution-copy`, "a look-alike of a project role (*:*)");
  /** The notebook role with a broad policy someone attached by mistake: only the boundary and resource-side layers remain. */
  const nbBroad: Actor = { ...nb, label: `${nb.label} + s3:*`, identity: [...nb.identity, { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }] };

  const subnets = app.subnetIds(env), sg = app.computeSecurityGroup(env, p);
  const inVpc = { "sagemaker:VpcSubnets": subnets.slice(0, 1), "sagemaker:VpcSecurityGroupIds": [sg] };
  const job = (extra: Record<string, string | string[]> = {}) => ({ ...inVpc, "sagemaker:VolumeKmsKeyArn": volumeKey.arn, "sagemaker:OutputKmsKeyArn": dataKey.arn,
    "sagemaker:InterContainerTrafficEncryption": "true", "sagemaker:NetworkIsolation": "true", "sagemaker:InstanceTypes": [EBS_TYPE], ...extra });
  const jobWithout = (drop: string, extra: Record<string, string | string[]> = {}) => { const c: Record<string, string | string[]> = job(extra); delete c[drop]; return c; };
  const sse = (k?: string) => ({ "s3:x-amz-server-side-encryption": "aws:kms", ...(k ? { "s3:x-amz-server-side-encryption-aws-kms-key-id": k } : {}) });
  const notebook = sm("notebook-instance", `${base}-alice`);
  const mine = { "sagemaker:ResourceTag/username": "alice" };
  const endpointArn = sm("endpoint", `${base}-scoring`);
  const trainingJob = sm("training-job", `${base}-xgb-1`);

  const ni = (suffix: string): Target => ({ arn: `arn:aws:ec2:${region}:${acct}:${suffix}`, account: acct });
  const S: Scenario[] = [];
  const row = (cls: ClassId, name: string, actor: Actor, action: string, target: Target, network: Network, expect: Expected, context?: Record<string, string | string[]>, by?: string) =>
    S.push({ cls, name, actor, action, target, network, expect, context, by });

  // C1 - stolen notebook / job credentials used outside the VPC; the same calls inside the VPC are the legitimate path.
  row("C1", "notebook creds from the internet read project data", nb, "s3:GetObject", obj(data, "train.csv"), INTERNET, "Denied", undefined, "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook creds from another VPC read project data", nb, "s3:GetObject", obj(data, "train.csv"), OTHER_VPC, "Denied", undefined, "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook creds from the internet write project data", nb, "s3:PutObject", obj(data, "x.csv"), INTERNET, "Denied", sse(dataKey.arn), "boundary:NeverOutsideTheNetwork");
  row("C1", "training job creds from the internet read project data", tr, "s3:GetObject", obj(data, "train.csv"), INTERNET, "Denied", undefined, "resource:DenyAccessOutsideVpcEndpoint");
  row("C1", "training job creds from the internet write model artifacts", tr, "s3:PutObject", obj(models, "m/model.tar.gz"), INTERNET, "Denied", sse(dataKey.arn), "boundary:NeverOutsideTheNetwork");
  row("C1", "endpoint hosting creds from the internet read model artifacts", eh, "s3:GetObject", obj(models, "m/model.tar.gz"), INTERNET, "Denied", undefined,
    "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook reads project data inside the VPC", nb, "s3:GetObject", obj(data, "train.csv"), S3, "Allowed");
  row("C1", "notebook writes project data inside the VPC with the project key", nb, "s3:PutObject", obj(data, "x.csv"), S3, "Allowed", sse(dataKey.arn));
  row("C1", "data scientist creds from the internet read a job's log stream", ds, "logs:GetLogEvents", stream("TrainingJobs", `${base}-xgb-1/algo-1-1700000000`), INTERNET, "Denied", undefined, "boundary:NeverOutsideTheNetwork");
  row("C1", "data scientist creds from the internet filter the notebook log group", ds, "logs:FilterLogEvents", group("NotebookInstances"), INTERNET, "Denied", undefined, "boundary:implicit");
  row("C1", "notebook creds from the internet read the project's job log stream", nb, "logs:GetLogEvents", stream("TrainingJobs", `${base}-xgb-1/algo-1-1700000000`), INTERNET, "Denied", undefined, "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook creds from the internet run a Logs Insights query", nb, "logs:StartQuery", group("NotebookInstances"), INTERNET, "Denied", undefined, "boundary:implicit");
  row("C1", "notebook writes its own log stream inside the VPC", nb, "logs:PutLogEvents", stream("NotebookInstances", `${base}-alice/jupyter.log`), LOGS, "Allowed");
  row("C1", "data scientist creds from the internet tail the training job logs live", ds, "logs:StartLiveTail", group("TrainingJobs"), INTERNET, "Denied", undefined, "boundary:implicit");
  // C1 - metadata as a channel: a notebook (insider code) writes data into what it may name or describe - job names,
  // hyperparameters, environment variables, log stream names - and a person reads it back from outside the VPC.
  row("C1", "data scientist creds from the internet describe a project training job (hyperparameters a notebook set can carry data)", ds,
    "sagemaker:DescribeTrainingJob", trainingJob, INTERNET, "Denied");
  const consoleMode = app.config.environments.find((x) => x.name === env)!.projects.find((x) => x.name === p)!.identity.dataScientistConsole;
  if (!consoleMode) {
    row("C1", "data scientist creds from the internet list training jobs (job names a notebook chose can carry data)", ds,
      "sagemaker:ListTrainingJobs", { arn: "*", account: acct }, INTERNET, "Denied");
  }
  row("C1", "data scientist creds from the internet list the notebook log streams (stream names a notebook chose can carry data)", ds,
    "logs:DescribeLogStreams", group("NotebookInstances"), INTERNET, "Denied");
  row("C1", "data scientist describes a project training job inside the VPC", ds, "sagemaker:DescribeTrainingJob", trainingJob, API, "Allowed");
  row("C1", "data scientist lists the training job log streams inside the VPC", ds, "logs:DescribeLogStreams", group("TrainingJobs"), LOGS, "Allowed");
  row("C1", "notebook creds from the internet git pull the project repository", nb, "codecommit:GitPull", repo, INTERNET, "Denied", undefined, "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook creds from the internet git push to the project repository", nb, "codecommit:GitPush", repo, INTERNET, "Denied", undefined, "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook creds from another VPC git pull", nb, "codecommit:GitPull", repo, OTHER_VPC, "Denied", undefined, "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook git pulls inside the VPC", nb, "codecommit:GitPull", repo, GIT, "Allowed");
  row("C1", "notebook git pushes inside the VPC", nb, "codecommit:GitPush", repo, GIT, "Allowed");
  row("C1", "notebook creds decrypt with the data key directly from the internet", nb, "kms:Decrypt", key(dataKey), INTERNET, "Denied", undefined, "identity:implicit");
  row("C1", "training creds decrypt with the volume key directly from the internet", tr, "kms:Decrypt", key(volumeKey), INTERNET, "Denied", undefined, "resource:implicit");
  row("C1", "training creds generate data keys with the data key directly from the internet", tr, "kms:GenerateDataKey", key(dataKey), INTERNET, "Denied", undefined, "resource:implicit");
  row("C1", "notebook decrypts project data through S3 (kms:ViaService)", nb, "kms:Decrypt", key(dataKey), viaS3, "Allowed", { "kms:ViaService": `s3.${region}.amazonaws.com` });
  row("C1", "notebook creds from the internet start a training job", nb, "sagemaker:CreateTrainingJob", trainingJob, INTERNET, "Denied", job(), "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook creds from the internet start a transform job", nb, "sagemaker:CreateTransformJob", sm("transform-job", `${base}-batch-1`), INTERNET, "Denied",
    { "sagemaker:VolumeKmsKeyArn": volumeKey.arn, "sagemaker:OutputKmsKeyArn": dataKey.arn, "sagemaker:ModelArn": sm("model", `${base}-m`).arn, "sagemaker:InstanceTypes": [EBS_TYPE] },
    "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook creds from another VPC start a processing job", nb, "sagemaker:CreateProcessingJob", sm("processing-job", `${base}-prep-1`), OTHER_VPC, "Denied", job(), "boundary:NeverOutsideTheNetwork");
  row("C1", "notebook starts a compliant training job inside the VPC", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Allowed", job());
  row("C1", "data scientist creds from the internet get a presigned notebook URL", ds, "sagemaker:CreatePresignedNotebookInstanceUrl", notebook, INTERNET, "Denied", mine, "boundary:NeverOutsideTheNetwork");
  row("C1", "invocation creds from the internet invoke the project endpoint", ei, "sagemaker:InvokeEndpoint", endpointArn, INTERNET, "Denied", undefined, "boundary:NeverOutsideTheNetwork");
  row("C1", "invocation creds from another VPC invoke the project endpoint", ei, "sagemaker:InvokeEndpoint", endpointArn, OTHER_VPC, "Denied", undefined, "boundary:NeverOutsideTheNetwork");
  row("C1", "the endpoint is invoked inside the VPC", ei, "sagemaker:InvokeEndpoint", endpointArn, RUNTIME, "Allowed");

  row("C1", "notebook creds from the internet assume the endpoint invocation role", nb, "sts:AssumeRole", trustOf("endpoint-invocation"), INTERNET, "Denied", undefined,
    "identity:DenyOutsideTheNetwork");
  row("C1", "notebook reads project data over plain HTTP", nb, "s3:GetObject", obj(data, "train.csv"), S3, "ExplicitlyDenied", { "aws:SecureTransport": "false" },
    "resource:DenyInsecureTransport");
  row("C1", "notebook reads project data over TLS 1.1", nb, "s3:GetObject", obj(data, "train.csv"), S3, "ExplicitlyDenied", { "s3:TlsVersion": "1.1" }, "resource:DenyOutdatedTls");
  // C1 - building a way out: compute with internet access, root, or outside the environment's network.
  const hardenedNotebook = { ...inVpc, "sagemaker:VolumeKmsKeyArn": volumeKey.arn, "sagemaker:DirectInternetAccess": "Disabled", "sagemaker:RootAccess": "Disabled",
    "sagemaker:MinimumInstanceMetadataServiceVersion": "2", "sagemaker:InstanceTypes": ["ml.t3.medium"] };
  const newNotebook = sm("notebook-instance", `${base}-new`);
  row("C1", "CI creates a hardened notebook in the environment's VPC", nc, "sagemaker:CreateNotebookInstance", newNotebook, API, "Allowed", hardenedNotebook);
  row("C1", "CI creates a notebook with direct internet access", nc, "sagemaker:CreateNotebookInstance", newNotebook, API, "Denied",
    { ...hardenedNotebook, "sagemaker:DirectInternetAccess": "Enabled" }, "boundary:OnlyDirectInternetAccess");
  row("C1", "CI creates a notebook with root access", nc, "sagemaker:CreateNotebookInstance", newNotebook, API, "Denied",
    { ...hardenedNotebook, "sagemaker:RootAccess": "Enabled" }, "boundary:OnlyRootAccess");
  row("C1", "CI switches root access on for a notebook", nc, "sagemaker:UpdateNotebookInstance", notebook, API, "Denied", { "sagemaker:RootAccess": "Enabled" },
    "boundary:OnlyRootAccess2");
  row("C1", "notebook starts a training job outside any VPC", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied",
    jobWithout("sagemaker:VpcSubnets"), "boundary:NeverOutsideVpc");
  row("C1", "notebook starts a training job in another subnet", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied",
    job({ "sagemaker:VpcSubnets": ["subnet-0a77ac4e70000000a"] }), "boundary:NeverOtherSubnets");
  row("C1", "notebook starts a training job with another security group", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied",
    job({ "sagemaker:VpcSecurityGroupIds": ["sg-0a77ac4e70000000a"] }), "boundary:NeverOtherGroups");
  row("C1", "notebook passes the training role to EC2 (an instance outside SageMaker's controls)", nb, "iam:PassRole",
    { arn: app.role(env, p, "training").arn, account: acct }, API, "Denied", { "iam:PassedToService": "ec2.amazonaws.com" }, "boundary:OnlyPassedToService");

  // C11 - the project's compute stays in its own security group (never the endpoints' group or another project's).
  row("C11", "notebook starts a training job in the interface endpoints' security group", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied",
    job({ "sagemaker:VpcSecurityGroupIds": [app.endpointSecurityGroup(env)] }), "boundary:NeverOtherGroups");
  row("C11", "notebook starts a training job in the project's compute security group", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Allowed", job());
  // C12 - smaller openings: network interface permissions, notebook lifecycle scripts, file-system inputs.
  const eni = ni("network-interface/eni-0123456789abcdef0");
  const eniIn = { "ec2:Vpc": `arn:aws:ec2:${region}:${acct}:vpc/${app.vpcId(env)}`, "ec2:Subnet": `arn:aws:ec2:${region}:${acct}:subnet/${subnets[0]}` };
  row("C12", "SageMaker lets its instance attach the training job's network interface", tr, "ec2:CreateNetworkInterfacePermission", eni, INTERNET, "Allowed",
    { ...eniIn, "ec2:Permission": "INSTANCE-ATTACH" });
  row("C12", "training creds grant an Elastic IP association on a network interface", tr, "ec2:CreateNetworkInterfacePermission", eni, INTERNET, "Denied",
    { ...eniIn, "ec2:Permission": "EIP-ASSOCIATE" }, "identity:implicit");
  row("C12", "training creds grant attachment of a network interface in another VPC", tr, "ec2:CreateNetworkInterfacePermission", eni, INTERNET, "Denied",
    { "ec2:Vpc": `arn:aws:ec2:${region}:${acct}:vpc/vpc-0a77ac4e70000000a`, "ec2:Subnet": `arn:aws:ec2:${region}:${acct}:subnet/subnet-0a77ac4e70000000a`, "ec2:Permission": "INSTANCE-ATTACH" },
    "identity:implicit");
  row("C12", "hosting creds grant attachment of a network interface in another subnet of the VPC", eh, "ec2:CreateNetworkInterfacePermission", eni, INTERNET, "Denied",
    { ...eniIn, "ec2:Subnet": `arn:aws:ec2:${region}:${acct}:subnet/subnet-0a77ac4e70000000a`, "ec2:Permission": "INSTANCE-ATTACH" }, "identity:implicit");
  const ownLifecycle = `arn:aws:sagemaker:${region}:${acct}:notebook-instance-lifecycle-config/${base}-notebooks`;
  const otherLifecycle = `arn:aws:sagemaker:${region}:${acct}:notebook-instance-lifecycle-config/${base}-rootkit`;
  row("C12", "CI creates a hardened notebook with the project's lifecycle configuration", nc, "sagemaker:CreateNotebookInstance", newNotebook, API, "Allowed",
    { ...hardenedNotebook, "sagemaker:NotebookInstanceLifecycleConfigArns": [ownLifecycle] });
  row("C12", "CI creates a notebook with another lifecycle configuration (a root script at every start)", nc, "sagemaker:CreateNotebookInstance", newNotebook, API, "Denied",
    { ...hardenedNotebook, "sagemaker:NotebookInstanceLifecycleConfigArns": [otherLifecycle] }, "identity:implicit");
  row("C12", "CI switches a notebook to another lifecycle configuration", nc, "sagemaker:UpdateNotebookInstance", notebook, API, "Denied",
    { "sagemaker:NotebookInstanceLifecycleConfigArns": [otherLifecycle] }, "identity:implicit");
  row("C12", "CI updates a notebook keeping the project's lifecycle configuration", nc, "sagemaker:UpdateNotebookInstance", notebook, API, "Allowed",
    { "sagemaker:NotebookInstanceLifecycleConfigArns": [ownLifecycle], "sagemaker:InstanceTypes": ["ml.t3.medium"] });
  row("C12", "notebook starts a training job reading an EFS or FSx file system", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied",
    job({ "sagemaker:FileSystemId": "fs-0123456789abcdef0" }), "identity:implicit");
  row("C12", "notebook starts a tuning job reading an EFS or FSx file system", nb, "sagemaker:CreateHyperParameterTuningJob", sm("hyper-parameter-tuning-job", `${base}-hpo-1`), API, "Denied",
    job({ "sagemaker:FileSystemId": "fs-0123456789abcdef0" }), "identity:implicit");

  // C1 - the package mirror (CodeArtifact): read-only, through the VPC.
  const mirror = app.packageMirror(env);
  if (mirror) {
    const [, mDomain, mRepo] = /repository\/([^/]+)\/(.+)$/.exec(mirror.repositoryArn)!;
    const domainT: Target = { arn: mirror.domainArn, account: acct }, repoT: Target = { arn: mirror.repositoryArn, account: acct };
    row("C1", "notebook creds from the internet get a package-mirror token", nb, "codeartifact:GetAuthorizationToken", domainT, INTERNET, "Denied", undefined,
      "identity:DenyOutsideTheNetwork");
    row("C1", "notebook gets a package-mirror token inside the VPC", nb, "codeartifact:GetAuthorizationToken", domainT, vpc("codeartifact.api"), "Allowed");
    row("C1", "notebook gets the bearer token for the mirror through the STS endpoint", nb, "sts:GetServiceBearerToken", { arn: "*", account: acct }, STS, "Allowed",
      { "sts:AWSServiceName": "codeartifact.amazonaws.com" });
    row("C1", "notebook reads packages from the mirror inside the VPC", nb, "codeartifact:ReadFromRepository", repoT, vpc("codeartifact.repositories"), "Allowed");
    row("C1", "notebook publishes a package to the mirror (exfiltration through the package repository)", nb, "codeartifact:PublishPackageVersion",
      { arn: `arn:aws:codeartifact:${region}:${acct}:package/${mDomain}/${mRepo}/pypi/ns/exfil`, account: acct }, vpc("codeartifact.api"), "Denied", undefined, "identity:implicit");
    const assets = CODEARTIFACT_ASSET_BUCKETS[region];
    if (assets) {
      const assetObject = (policy: Record<string, any>): Target => ({ arn: `arn:aws:s3:::${assets}/x`, account: "000000000000", policy });
      const readOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: `arn:aws:s3:::${assets}/*` }] };
      row("C2", "a principal in the VPC reads CodeArtifact package assets (AWS-owned bucket named in the endpoint policy)", vpcAdmin, "s3:GetObject", assetObject(readOnly), S3, "Allowed");
      row("C2", "a principal in the VPC writes into the CodeArtifact assets bucket", vpcAdmin, "s3:PutObject", assetObject(readOnly), S3, "Denied", undefined, "endpoint:implicit");
    }
  }

  // C1 legitimate: what SageMaker's service plane does with the execution roles from outside the VPC (no aws:SourceVpc,
  // not a forward access session) must stay open, or jobs and endpoints cannot start.
  const plane = INTERNET;
  const ecrRepo: Target = { arn: `arn:aws:ecr:${region}:${acct}:repository/${base}-image`, account: acct };
  row("C1", "SageMaker creates the training job's network interface with the training role", tr, "ec2:CreateNetworkInterface", ni(`subnet/${subnets[0]}`), plane, "Allowed",
    { "ec2:Vpc": `arn:aws:ec2:${region}:${acct}:vpc/${app.vpcId(env)}` });
  row("C1", "SageMaker pulls the training image with the training role", tr, "ecr:BatchGetImage", ecrRepo, plane, "Allowed");
  row("C1", "SageMaker writes the training job's log stream with the training role", tr, "logs:PutLogEvents", stream("TrainingJobs", `${base}-xgb-1/algo-1-1700000000`), plane, "Allowed");
  row("C1", "SageMaker creates a grant on the volume key for the job's volume", tr, "kms:CreateGrant", key(volumeKey), viaSageMaker, "Allowed",
    { "kms:ViaService": `sagemaker.${region}.amazonaws.com`, "kms:GrantIsForAWSResource": "true" });
  row("C1", "SageMaker pulls the hosting image with the endpoint hosting role", eh, "ecr:GetDownloadUrlForLayer", ecrRepo, plane, "Allowed");

  // C2 - the endpoints admit own-account principals to own-account resources only.
  const sniped = (b: typeof data, k: string): Target => ({ arn: `${b.arn}/${k}`, account: ATTACKER_ACCOUNT,
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: [b.arn, `${b.arn}/*`] }] } });
  const lookalike = `arn:aws:s3:::${base}-exfil`;
  const openBucket: Target = { arn: `${lookalike}/loot.csv`, account: ATTACKER_ACCOUNT,
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: [lookalike, `${lookalike}/*`] }] } };
  row("C2", "notebook writes to the data bucket's name re-registered in another account, through the S3 endpoint", nb, "s3:PutObject", sniped(data, "x.csv"), S3, "Denied", undefined, "endpoint:implicit");
  row("C2", "training writes models to the models bucket's name re-registered in another account", tr, "s3:PutObject", sniped(models, "m.tar.gz"), S3, "Denied", undefined, "endpoint:implicit");
  row("C2", "a broad notebook role writes to a look-alike bucket (matching the endpoint's name pattern) in another account", nbBroad, "s3:PutObject", openBucket, S3, "Denied", undefined, "endpoint:implicit");
  row("C2", "a principal in the VPC writes to a look-alike bucket in another account", vpcAdmin, "s3:PutObject", openBucket, S3, "Denied", undefined, "endpoint:implicit");
  row("C2", "another account's principal uses the S3 endpoint to reach its own bucket", attacker, "s3:PutObject", openBucket, S3, "Denied", undefined, "endpoint:implicit");
  const ecrLayers: Target = { arn: `arn:aws:s3:::prod-${region}-starport-layer-bucket/sha256/abc`, account: "000000000000",
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::prod-${region}-starport-layer-bucket/*` }] } };
  row("C2", "a principal in the VPC reads ECR image layers (AWS-owned bucket named in the endpoint policy)", vpcAdmin, "s3:GetObject", ecrLayers, S3, "Allowed");
  row("C2", "a principal in the VPC writes into the ECR layer bucket", vpcAdmin, "s3:PutObject", ecrLayers, S3, "Denied", undefined, "endpoint:implicit");
  const foreignRole: Target = { arn: `arn:aws:iam::${ATTACKER_ACCOUNT}:role/exfil`, account: ATTACKER_ACCOUNT,
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: "sts:AssumeRole" }] } };
  row("C2", "a principal in the VPC assumes a role in another account through the STS endpoint", vpcAdmin, "sts:AssumeRole", foreignRole, STS, "Denied", undefined, "endpoint:implicit");
  row("C2", "another account's principal uses the logs endpoint", attacker, "logs:PutLogEvents", stream("NotebookInstances", `${base}-alice/x`), LOGS, "Denied", undefined, "endpoint:implicit");

  // C3 - only the project's roles (and deploy / break-glass) on the project's data and keys.
  row("C3", "account administrator reads project data from inside the VPC", admin, "s3:GetObject", obj(data, "train.csv"), S3, "ExplicitlyDenied", undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "account administrator reads project data from the internet", admin, "s3:GetObject", obj(data, "train.csv"), INTERNET, "Denied", undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "account administrator lists the data bucket from inside the VPC", admin, "s3:ListBucket", { arn: data.arn, account: data.account, policy: data.policy }, S3, "ExplicitlyDenied", undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "account administrator overwrites a model artifact from inside the VPC", admin, "s3:PutObject", obj(models, "m/model.tar.gz"), S3, "ExplicitlyDenied", sse(dataKey.arn), "resource:DenyPrincipalsOutsideProject");
  row("C3", "account administrator deletes project data from inside the VPC", admin, "s3:DeleteObject", obj(data, "train.csv"), S3, "ExplicitlyDenied", undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "account administrator decrypts with the data key through S3", admin, "kms:Decrypt", key(dataKey), viaS3, "Denied", { "kms:ViaService": `s3.${region}.amazonaws.com` }, "resource:implicit");
  row("C3", "account administrator decrypts with the data key directly", admin, "kms:Decrypt", key(dataKey), INTERNET, "Denied", undefined, "resource:implicit");
  row("C3", "account administrator decrypts with the volume key through SageMaker", admin, "kms:Decrypt", key(volumeKey), viaSageMaker, "Denied", { "kms:ViaService": `sagemaker.${region}.amazonaws.com` }, "resource:implicit");
  row("C3", "account administrator replaces the data bucket's policy (to open it)", admin, "s3:PutBucketPolicy", { arn: data.arn, account: data.account, policy: data.policy }, INTERNET, "ExplicitlyDenied",
    undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "account administrator configures replication of the data bucket (to another account)", admin, "s3:PutReplicationConfiguration", { arn: data.arn, account: data.account, policy: data.policy }, INTERNET,
    "ExplicitlyDenied", undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "the deploy role replaces the data bucket's policy (Terraform)", deployer, "s3:PutBucketPolicy", { arn: data.arn, account: data.account, policy: data.policy }, INTERNET, "Allowed");
  row("C3", "a principal in the VPC with *:* reads project data", vpcAdmin, "s3:GetObject", obj(data, "train.csv"), S3, "ExplicitlyDenied", undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "another account's administrator reads project data from its own VPC", attacker, "s3:GetObject", obj(data, "train.csv"), OTHER_VPC, "Denied", undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "another account's administrator decrypts with the data key", attacker, "kms:Decrypt", key(dataKey), INTERNET, "Denied", undefined, "resource:implicit");
  row("C3", "another account's root assumes the data scientist role", accountRoot(ATTACKER_ACCOUNT), "sts:AssumeRole", trustOf("data-scientist"), INTERNET, "Denied", undefined, "resource:implicit");
  // Key and bucket policies name the seven role ARNs exactly: a look-alike role (same path, name `<base>-...`) is an outsider.
  row("C3", "a look-alike project role reads project data from inside the VPC", lookAlike, "s3:GetObject", obj(data, "train.csv"), S3, "ExplicitlyDenied", undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "a look-alike project role reads model artifacts from inside the VPC", lookAlike, "s3:GetObject", obj(models, "m/model.tar.gz"), S3, "ExplicitlyDenied", undefined, "resource:DenyPrincipalsOutsideProject");
  row("C3", "a look-alike project role decrypts with the data key through S3", lookAlike, "kms:Decrypt", key(dataKey), viaS3, "Denied", { "kms:ViaService": `s3.${region}.amazonaws.com` }, "resource:implicit");
  row("C3", "a look-alike project role decrypts with the volume key through SageMaker", lookAlike, "kms:Decrypt", key(volumeKey), viaSageMaker, "Denied", { "kms:ViaService": `sagemaker.${region}.amazonaws.com` }, "resource:implicit");
  row("C3", "the notebook execution role decrypts with the data key through S3 (the legitimate path)", nb, "kms:Decrypt", key(dataKey), viaS3, "Allowed", { "kms:ViaService": `s3.${region}.amazonaws.com` });
  row("C3", "the deploy role manages the data bucket from outside the VPC (Terraform)", deployer, "s3:GetObject", obj(data, "train.csv"), INTERNET, "Allowed");
  if (breakGlass) row("C3", "the break-glass role reads project data from inside the VPC", breakGlass, "s3:GetObject", obj(data, "train.csv"), S3, "Allowed");

  // C9 - every role with AdministratorAccess attached: its own boundary (derived from its grants) keeps its hardening.
  const withAdmin = (a: Actor): Actor => ({ ...a, label: `${a.label} + AdministratorAccess`, identity: [...a.identity, ADMIN_POLICY] });
  const [nbA, trA, dsA, ncA, ecA, ehA, eiA] = [nb, tr, ds, nc, ec, eh, ei].map(withAdmin);
  const otherKey = `arn:aws:kms:${region}:${ATTACKER_ACCOUNT}:key/00000000-0000-0000-0000-000000000000`;
  for (const a of [nbA, trA, dsA, ncA, ecA, ehA, eiA]) {
    row("C9", `${a.label} creates an IAM user`, a, "iam:CreateUser", { arn: `arn:aws:iam::${acct}:user/backdoor`, account: acct }, API, "Denied", undefined, "boundary:implicit");
    row("C9", `${a.label} removes its own boundary`, a, "iam:DeleteRolePermissionsBoundary", { arn: a.principalArn, account: acct }, API, "ExplicitlyDenied", undefined, "boundary:NeverTamper");
  }
  row("C9", "notebook role + AdministratorAccess starts a compliant training job (the legitimate path)", nbA, "sagemaker:CreateTrainingJob", trainingJob, API, "Allowed", job());
  row("C9", "notebook role + AdministratorAccess starts a training job with network isolation off", nbA, "sagemaker:CreateTrainingJob", trainingJob, API, "ExplicitlyDenied",
    job({ "sagemaker:NetworkIsolation": "false" }), "boundary:OnlyNetworkIsolation");
  row("C9", "notebook role + AdministratorAccess starts a training job without network isolation", nbA, "sagemaker:CreateTrainingJob", trainingJob, API, "ExplicitlyDenied",
    jobWithout("sagemaker:NetworkIsolation"), "boundary:OnlyNetworkIsolation");
  row("C9", "notebook role + AdministratorAccess starts a training job with inter-container encryption off", nbA, "sagemaker:CreateTrainingJob", trainingJob, API, "ExplicitlyDenied",
    job({ "sagemaker:InterContainerTrafficEncryption": "false" }), "boundary:OnlyInterContainerTrafficEncryption");
  row("C9", "notebook role + AdministratorAccess starts a training job with another account's volume key", nbA, "sagemaker:CreateTrainingJob", trainingJob, API, "ExplicitlyDenied",
    job({ "sagemaker:VolumeKmsKeyArn": otherKey }), "boundary:OnlyVolumeKmsKeyArn");
  row("C9", "notebook role + AdministratorAccess starts a training job writing output under another key", nbA, "sagemaker:CreateTrainingJob", trainingJob, API, "ExplicitlyDenied",
    job({ "sagemaker:OutputKmsKeyArn": otherKey }), "boundary:OnlyOutputKmsKeyArn");
  row("C9", "notebook role + AdministratorAccess starts a transform job on another project's model", nbA, "sagemaker:CreateTransformJob", sm("transform-job", `${base}-t`), API, "ExplicitlyDenied",
    { "sagemaker:VolumeKmsKeyArn": volumeKey.arn, "sagemaker:OutputKmsKeyArn": dataKey.arn, "sagemaker:InstanceTypes": [EBS_TYPE], "sagemaker:ModelArn": sm("model", "someone-else-model").arn },
    "boundary:OnlyModelArn");
  row("C9", "notebook role + AdministratorAccess passes the training role to another service", nbA, "iam:PassRole", { arn: app.role(env, p, "training").arn, account: acct }, API, "ExplicitlyDenied",
    { "iam:PassedToService": "glue.amazonaws.com" }, "boundary:OnlyPassedToService");
  row("C9", "training role + AdministratorAccess starts a training job (no role but the notebook's may)", trA, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied", job(), "boundary:implicit");
  row("C9", "training role + AdministratorAccess reads another project's bucket", trA, "s3:GetObject", { arn: "arn:aws:s3:::someone-elses-bucket/x", account: acct }, S3, "Denied", undefined, "boundary:implicit");
  row("C9", "data scientist + AdministratorAccess starts a colleague's notebook", dsA, "sagemaker:StartNotebookInstance", notebook, API, "ExplicitlyDenied",
    { "sagemaker:ResourceTag/username": "bob" }, "boundary:OnlyResourceTagusername");
  row("C9", "data scientist + AdministratorAccess opens their notebook through another VPC endpoint", dsA, "sagemaker:CreatePresignedNotebookInstanceUrl", notebook, API, "ExplicitlyDenied",
    { ...mine, "aws:SourceVpce": "vpce-0a77ac4e70000000b" }, "boundary:OnlySourceVpce");
  row("C9", "data scientist + AdministratorAccess reads project data from the internet", dsA, "s3:GetObject", obj(data, "train.csv"), INTERNET, "Denied", undefined, "boundary:implicit");
  const nbReq = { ...inVpc, "sagemaker:VolumeKmsKeyArn": volumeKey.arn, "sagemaker:DirectInternetAccess": "Disabled", "sagemaker:RootAccess": "Disabled",
    "sagemaker:MinimumInstanceMetadataServiceVersion": "2", "sagemaker:InstanceTypes": ["ml.t3.medium"] };
  row("C9", "notebook creation + AdministratorAccess creates a hardened notebook (the legitimate path)", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "Allowed", nbReq);
  row("C9", "notebook creation + AdministratorAccess creates a notebook with direct internet access", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { ...nbReq, "sagemaker:DirectInternetAccess": "Enabled" }, "boundary:OnlyDirectInternetAccess");
  row("C9", "notebook creation + AdministratorAccess creates a notebook with root access", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { ...nbReq, "sagemaker:RootAccess": "Enabled" }, "boundary:OnlyRootAccess");
  row("C9", "notebook creation + AdministratorAccess creates a notebook allowing IMDSv1", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { ...nbReq, "sagemaker:MinimumInstanceMetadataServiceVersion": "1" }, "boundary:OnlyMinimumInstanceMetadataServiceVersion");
  row("C9", "notebook creation + AdministratorAccess creates a notebook under another account's key", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { ...nbReq, "sagemaker:VolumeKmsKeyArn": otherKey }, "boundary:OnlyVolumeKmsKeyArn");
  row("C9", "endpoint creation + AdministratorAccess creates a model without network isolation", ecA, "sagemaker:CreateModel", sm("model", `${base}-m`), API, "ExplicitlyDenied",
    { ...inVpc, "sagemaker:NetworkIsolation": "false" }, "boundary:OnlyNetworkIsolation");
  row("C9", "endpoint creation + AdministratorAccess creates an endpoint config under another account's key", ecA, "sagemaker:CreateEndpointConfig", sm("endpoint-config", `${base}-c`), API, "ExplicitlyDenied",
    { "sagemaker:VolumeKmsKeyArn": otherKey, "sagemaker:InstanceTypes": [EBS_TYPE], "sagemaker:ModelArn": sm("model", `${base}-m`).arn }, "boundary:OnlyVolumeKmsKeyArn");
  row("C9", "notebook creation + AdministratorAccess creates a notebook in another subnet", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { ...nbReq, "sagemaker:VpcSubnets": ["subnet-0a77ac4e70000000a"] }, "boundary:NeverOtherSubnets");
  row("C9", "notebook creation + AdministratorAccess creates a notebook with another security group", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { ...nbReq, "sagemaker:VpcSecurityGroupIds": ["sg-0a77ac4e70000000a"] }, "boundary:NeverOtherGroups");
  const { ["sagemaker:VpcSubnets"]: _s, ["sagemaker:VpcSecurityGroupIds"]: _g, ...nbOutside } = nbReq;
  row("C9", "notebook creation + AdministratorAccess creates a notebook outside the VPC (no subnet)", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { ...nbOutside, "sagemaker:VpcSecurityGroupIds": [sg] }, "boundary:NeverOutsideVpc");
  row("C9", "notebook creation + AdministratorAccess creates a notebook without a security group", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { ...nbOutside, "sagemaker:VpcSubnets": subnets.slice(0, 1) }, "boundary:OnlyVpcSecurityGroupIdsNull");
  row("C9", "notebook creation + AdministratorAccess lets a notebook use IMDSv1 later", ncA, "sagemaker:UpdateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { "sagemaker:MinimumInstanceMetadataServiceVersion": "1", "sagemaker:InstanceTypes": ["ml.t3.medium"] }, "boundary:OnlyMinimumInstanceMetadataServiceVersion2");
  row("C9", "training role + AdministratorAccess publishes metrics outside SageMaker's namespace", trA, "cloudwatch:PutMetricData", { arn: "*", account: acct }, INTERNET, "Denied",
    { "cloudwatch:namespace": "Billing" });
  row("C9", "notebook role + AdministratorAccess starts a training job reading an EFS or FSx file system", nbA, "sagemaker:CreateTrainingJob", trainingJob, API, "ExplicitlyDenied",
    job({ "sagemaker:FileSystemId": "fs-0a77ac4e70000000a" }), "boundary:OnlyFileSystemIdNull");
  row("C9", "notebook creation + AdministratorAccess creates a notebook with another lifecycle configuration", ncA, "sagemaker:CreateNotebookInstance", notebook, API, "ExplicitlyDenied",
    { ...nbReq, "sagemaker:NotebookInstanceLifecycleConfigArns": [`arn:aws:sagemaker:${region}:${acct}:notebook-instance-lifecycle-config/root-at-start`] },
    "boundary:OnlyNotebookInstanceLifecycleConfigArns");
  row("C9", "training role + AdministratorAccess grants an Elastic IP association on a network interface", trA, "ec2:CreateNetworkInterfacePermission",
    ni("network-interface/eni-0a77ac4e70000000a"), API, "ExplicitlyDenied", { ...eniIn, "ec2:Permission": "EIP-ASSOCIATE" }, "boundary:OnlyPermission");
  row("C9", "training role + AdministratorAccess grants attachment of a network interface in another subnet", trA, "ec2:CreateNetworkInterfacePermission",
    ni("network-interface/eni-0a77ac4e70000000a"), API, "ExplicitlyDenied",
    { ...eniIn, "ec2:Subnet": `arn:aws:ec2:${region}:${acct}:subnet/subnet-0a77ac4e70000000a`, "ec2:Permission": "INSTANCE-ATTACH" }, "boundary:OnlySubnet");
  row("C9", "training role + AdministratorAccess shares a network interface of another VPC", trA, "ec2:CreateNetworkInterfacePermission", ni("network-interface/eni-0a77ac4e70000000a"), API, "ExplicitlyDenied",
    { "ec2:Vpc": `arn:aws:ec2:${region}:${acct}:vpc/vpc-0a77ac4e70000000a` }, "boundary:OnlyVpc");
  if (mirror) {
    row("C9", "notebook role + AdministratorAccess gets a bearer token for another service", nbA, "sts:GetServiceBearerToken", { arn: "*", account: acct }, STS, "Denied",
      { "sts:AWSServiceName": "codecatalyst.amazonaws.com" }, "boundary:implicit");
  }
  row("C9", "endpoint hosting + AdministratorAccess overwrites training data", ehA, "s3:PutObject", obj(data, "train.csv"), S3, "Denied", sse(dataKey.arn), "boundary:implicit");
  row("C9", "endpoint invocation + AdministratorAccess reads project data", eiA, "s3:GetObject", obj(data, "train.csv"), S3, "Denied", undefined, "boundary:implicit");

  // C4 - the upload must name the project key.
  row("C4", "notebook uploads with aws:kms and no key id (would land under aws/s3)", nb, "s3:PutObject", obj(data, "x.csv"), S3, "ExplicitlyDenied", sse(), "resource:DenyKmsUploadsWithoutKeyId");
  row("C4", "training uploads a model with aws:kms and no key id", tr, "s3:PutObject", obj(models, "m.tar.gz"), S3, "ExplicitlyDenied", sse(), "resource:DenyKmsUploadsWithoutKeyId");
  row("C4", "notebook uploads with another KMS key", nb, "s3:PutObject", obj(data, "x.csv"), S3, "ExplicitlyDenied", sse(`arn:aws:kms:${region}:${ATTACKER_ACCOUNT}:key/00000000-0000-0000-0000-000000000000`), "resource:DenyUploadsWithAnotherKmsKey");
  row("C4", "notebook uploads with SSE-S3 (AES256)", nb, "s3:PutObject", obj(data, "x.csv"), S3, "ExplicitlyDenied", { "s3:x-amz-server-side-encryption": "AES256" }, "resource:DenyUploadsWithOtherEncryption");
  row("C4", "notebook uploads with a customer-provided key (SSE-C)", nb, "s3:PutObject", obj(data, "x.csv"), S3, "ExplicitlyDenied", { "s3:x-amz-server-side-encryption-customer-algorithm": "AES256" }, "resource:DenyCustomerProvidedKeys");
  row("C4", "notebook uploads without encryption headers (bucket default: the project key)", nb, "s3:PutObject", obj(data, "x.csv"), S3, "Allowed");

  // C5 - key administration on every key of the environment (project, platform and state keys) is the subject of
  // environmentScenarios; here the project-side attempts.
  row("C5", "notebook role changes the data key's policy", nb, "kms:PutKeyPolicy", key(dataKey), API, "Denied", undefined, "boundary:NeverTamper");
  row("C5", "account administrator grants itself decrypt on the data key", admin, "kms:CreateGrant", key(dataKey), INTERNET, "Denied", undefined, "resource:implicit");

  // C6 - trust.
  for (const r of ["notebook-execution", "training", "endpoint-hosting"]) {
    const sourceArn = `arn:aws:sagemaker:${region}:${acct}:${r === "training" ? "training-job" : r === "endpoint-hosting" ? "endpoint" : "notebook-instance"}/${base}-x`;
    row("C6", `SageMaker assumes ${r} for this account`, servicePrincipal("sagemaker.amazonaws.com"), "sts:AssumeRole", trustOf(r), INTERNET, "Allowed",
      { "aws:SourceAccount": acct, "aws:SourceArn": sourceArn });
    row("C6", `SageMaker assumes ${r} without aws:SourceAccount (confused deputy)`, servicePrincipal("sagemaker.amazonaws.com"), "sts:AssumeRole", trustOf(r), INTERNET, "Denied",
      undefined, "resource:implicit");
    row("C6", `SageMaker assumes ${r} on behalf of another account`, servicePrincipal("sagemaker.amazonaws.com"), "sts:AssumeRole", trustOf(r), INTERNET, "Denied",
      { "aws:SourceAccount": ATTACKER_ACCOUNT, "aws:SourceArn": `arn:aws:sagemaker:${region}:${ATTACKER_ACCOUNT}:training-job/x` }, "resource:implicit");
    row("C6", `SageMaker assumes ${r} for this account but for a resource in another region`, servicePrincipal("sagemaker.amazonaws.com"), "sts:AssumeRole", trustOf(r), INTERNET, "Denied",
      { "aws:SourceAccount": acct, "aws:SourceArn": sourceArn.replace(`:${region}:`, ":ap-southeast-2:") }, "resource:implicit");
  }
  row("C6", "EC2 assumes the training role", servicePrincipal("ec2.amazonaws.com"), "sts:AssumeRole", trustOf("training"), INTERNET, "Denied", undefined, "resource:implicit");
  row("C6", "the account root (any IAM admin) assumes the endpoint invocation role", accountRoot(acct), "sts:AssumeRole", trustOf("endpoint-invocation"), INTERNET, "Denied", undefined, "resource:implicit");
  row("C6", "an account administrator role assumes the endpoint invocation role", admin, "sts:AssumeRole", trustOf("endpoint-invocation"), INTERNET, "Denied", undefined, "resource:implicit");
  row("C6", "the account root assumes the notebook creation role", accountRoot(acct), "sts:AssumeRole", trustOf("notebook-creation"), INTERNET, "Denied", undefined, "resource:implicit");
  row("C6", "an account administrator role assumes the data scientist role", admin, "sts:AssumeRole", trustOf("data-scientist"), INTERNET, "Denied", undefined, "resource:implicit");
  row("C6", "the CI/CD principal assumes the notebook creation role", deployer, "sts:AssumeRole", trustOf("notebook-creation"), INTERNET, "Allowed");
  row("C6", "the CI/CD principal assumes the endpoint creation role", deployer, "sts:AssumeRole", trustOf("endpoint-creation"), INTERNET, "Allowed");
  // Identity Center sets the person's username as the permission-set role session's principal tag (attributes for access control).
  const sso: Actor = { ...adminSession(ssoRole(acct), "Identity Center permission-set role"), tags: { username: "alice" } };
  const identity = e.projects.find((x) => x.name === p)!.identity;
  const ssoOk = { ...(identity.requireMfa ? { "aws:MultiFactorAuthPresent": "true" } : {}), ...(identity.requireSourceIdentity ? { "sts:SourceIdentity": "alice" } : {}) };
  row("C6", "the Identity Center role assumes the data scientist role", sso, "sts:AssumeRole", trustOf("data-scientist"), INTERNET, "Allowed", ssoOk);
  if (identity.requireMfa) {
    const { ["aws:MultiFactorAuthPresent"]: _m, ...noMfa } = ssoOk;
    row("C6", "the Identity Center role assumes the data scientist role without MFA (requireMfa)", sso, "sts:AssumeRole", trustOf("data-scientist"), INTERNET, "Denied", noMfa, "resource:implicit");
  }
  if (identity.requireSourceIdentity) {
    const { ["sts:SourceIdentity"]: _s, ...noSource } = ssoOk;
    row("C6", "the Identity Center role assumes the data scientist role without a source identity (requireSourceIdentity)", sso, "sts:AssumeRole", trustOf("data-scientist"), INTERNET, "Denied",
      noSource, "resource:implicit");
    // The source identity names the person in CloudTrail: it must be the caller's own username, never a colleague's.
    row("C6", "alice assumes the data scientist role with bob's name as source identity (requireSourceIdentity)", sso, "sts:AssumeRole", trustOf("data-scientist"), INTERNET, "Denied",
      { ...ssoOk, "sts:SourceIdentity": "bob" }, "resource:implicit");
  }
  if (identity.applicationPrincipals.length === 0) {
    row("C6", "the project's notebook assumes the endpoint invocation role through the STS endpoint (no application principals)", nb, "sts:AssumeRole", trustOf("endpoint-invocation"), STS, "Allowed");
  } else {
    const app0 = adminSession(identity.applicationPrincipals[0], "application principal");
    row("C6", "the configured application assumes the endpoint invocation role", app0, "sts:AssumeRole", trustOf("endpoint-invocation"), INTERNET, "Allowed");
    row("C6", "the project's notebook assumes the endpoint invocation role when applications are named", nb, "sts:AssumeRole", trustOf("endpoint-invocation"), STS, "Denied");
  }

  // C7 - separation of duties.
  row("C7", "notebook overwrites a model artifact endpoints serve", nb, "s3:PutObject", obj(models, "m/model.tar.gz"), S3, "Denied", sse(dataKey.arn), "resource:DenyWritesExceptWriters");
  row("C7", "notebook deletes a model artifact", nb, "s3:DeleteObject", obj(models, "m/model.tar.gz"), S3, "Denied", undefined, "resource:DenyWritesExceptWriters");
  row("C7", "notebook reads model artifacts", nb, "s3:GetObject", obj(models, "m/model.tar.gz"), S3, "Allowed");
  row("C7", "training writes model artifacts", tr, "s3:PutObject", obj(models, "m/model.tar.gz"), S3, "Allowed", sse(dataKey.arn));
  row("C7", "endpoint hosting reads model artifacts", eh, "s3:GetObject", obj(models, "m/model.tar.gz"), S3, "Allowed");
  row("C7", "endpoint hosting overwrites a model artifact", eh, "s3:PutObject", obj(models, "m/model.tar.gz"), S3, "Denied", sse(dataKey.arn), "resource:DenyWritesExceptWriters");
  row("C7", "notebook starts a training job on a disallowed instance type", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied", job({ "sagemaker:InstanceTypes": [DISALLOWED_TYPE] }), "identity:DenyJobTypesOffTheList");
  row("C7", "notebook starts a training job without naming the instance type", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied", jobWithout("sagemaker:InstanceTypes"), "identity:implicit");
  row("C7", "CI creates a notebook on a disallowed instance type", nc, "sagemaker:CreateNotebookInstance", sm("notebook-instance", `${base}-big`), API, "Denied",
    { ...inVpc, "sagemaker:VolumeKmsKeyArn": volumeKey.arn, "sagemaker:DirectInternetAccess": "Disabled", "sagemaker:RootAccess": "Disabled",
      "sagemaker:MinimumInstanceMetadataServiceVersion": "2", "sagemaker:InstanceTypes": [DISALLOWED_TYPE] }, "identity:DenyNotebookTypesOffTheList");
  row("C7", "endpoint config on a disallowed instance type", ec, "sagemaker:CreateEndpointConfig", sm("endpoint-config", `${base}-cfg`), API, "Denied",
    { "sagemaker:VolumeKmsKeyArn": volumeKey.arn, "sagemaker:ModelArn": sm("model", `${base}-m`).arn, "sagemaker:InstanceTypes": [DISALLOWED_TYPE] }, "identity:DenyEndpointTypesOffTheList");
  row("C7", "notebook starts a training job with remote debugging", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied", job({ "sagemaker:EnableRemoteDebug": "true" }), "identity:DenyRemoteDebug");
  // Someone attaches a broader policy to a project role: the role's own policy denies remote debugging and unlisted
  // instance types explicitly, so an added policy cannot lift them (the boundary has no room left under IAM's 6144
  // characters; replacing the role's own policy would also remove every grant).
  const nbSageMaker: Actor = { ...nb, label: `${nb.label} + sagemaker:*`, identity: [...nb.identity, { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sagemaker:*", Resource: "*" }] }] };
  row("C7", "a notebook role with a broad SageMaker policy attached starts a training job with remote debugging", nbSageMaker, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied",
    job({ "sagemaker:EnableRemoteDebug": "true" }), "identity:DenyRemoteDebug");
  row("C7", "a notebook role with a broad SageMaker policy attached starts a training job on a disallowed instance type", nbSageMaker, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied",
    job({ "sagemaker:InstanceTypes": [DISALLOWED_TYPE] }), "identity:DenyJobTypesOffTheList");
  row("C7", "training role creates a network interface in the environment's subnet", tr, "ec2:CreateNetworkInterface", ni(`subnet/${subnets[0]}`), INTERNET, "Allowed",
    { "ec2:Vpc": `arn:aws:ec2:${region}:${acct}:vpc/${app.vpcId(env)}` });
  row("C7", "training role creates a network interface in another subnet", tr, "ec2:CreateNetworkInterface", ni("subnet/subnet-0a77ac4e70000000a"), INTERNET, "Denied",
    { "ec2:Vpc": `arn:aws:ec2:${region}:${acct}:vpc/vpc-0a77ac4e70000000b` }, "identity:implicit");

  // L1 - NVMe instance types need no volume key; every other type does.
  row("L1", `training job on ${NVME_TYPE} (local NVMe) without a volume key`, nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Allowed",
    jobWithout("sagemaker:VolumeKmsKeyArn", { "sagemaker:InstanceTypes": [NVME_TYPE] }));
  row("L1", `training job on ${EBS_TYPE} (EBS) without a volume key`, nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied", jobWithout("sagemaker:VolumeKmsKeyArn"),
    "boundary:NeverUnencrypted");
  row("L1", `training job mixing ${NVME_TYPE} and ${EBS_TYPE} without a volume key`, nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Denied",
    jobWithout("sagemaker:VolumeKmsKeyArn", { "sagemaker:InstanceTypes": [NVME_TYPE, EBS_TYPE] }), "boundary:NeverUnencrypted");
  const cfg = (types: string[], withKey: boolean, model = sm("model", `${base}-m`)) => ({ "sagemaker:ModelArn": model.arn, "sagemaker:InstanceTypes": types,
    ...(withKey ? { "sagemaker:VolumeKmsKeyArn": volumeKey.arn } : {}) });
  row("L1", `endpoint config on ${NVME_ENDPOINT_TYPE} without a volume key`, ec, "sagemaker:CreateEndpointConfig", sm("endpoint-config", `${base}-cfg`), API, "Allowed", cfg([NVME_ENDPOINT_TYPE], false));
  row("L1", `endpoint config on ${EBS_TYPE} without a volume key`, ec, "sagemaker:CreateEndpointConfig", sm("endpoint-config", `${base}-cfg`), API, "Denied", cfg([EBS_TYPE], false),
    "boundary:NeverUnencrypted");
  row("L1", `endpoint config on ${EBS_TYPE} with the project volume key`, ec, "sagemaker:CreateEndpointConfig", sm("endpoint-config", `${base}-cfg`), API, "Allowed", cfg([EBS_TYPE], true));

  // L2 - job logs: own project's streams readable inside the VPC; shared groups not filterable.
  row("L2", "notebook reads its own project's training job log stream", nb, "logs:GetLogEvents", stream("TrainingJobs", `${base}-xgb-1/algo-1-1700000000`), LOGS, "Allowed");
  row("L2", "notebook reads its own project's processing job log stream", nb, "logs:GetLogEvents", stream("ProcessingJobs", `${base}-prep-1/algo-1-1700000000`), LOGS, "Allowed");
  row("L2", "data scientist reads its own project's training job log stream inside the VPC", ds, "logs:GetLogEvents", stream("TrainingJobs", `${base}-xgb-1/algo-1-1700000000`), LOGS, "Allowed");
  row("L2", "data scientist filters the shared training job log group (all projects)", ds, "logs:FilterLogEvents", group("TrainingJobs"), LOGS, "Denied", undefined, "identity:implicit");
  row("L2", "notebook reads a job log stream named outside the project", nb, "logs:GetLogEvents", stream("TrainingJobs", `someone-else-job/algo-1-1700000000`), LOGS, "Denied", undefined, "identity:implicit");
  // C10 - log streams and groups are written only under the project's own names (SageMaker's streams of its notebooks,
  // jobs and endpoints); a stream named for anything else is refused.
  row("C10", "notebook writes a stream named outside the project", nb, "logs:PutLogEvents", stream("NotebookInstances", `someone-else/jupyter.log`), LOGS, "Denied", undefined, "identity:implicit");
  row("C10", "notebook writes a job log stream (only jobs write there)", nb, "logs:PutLogEvents", stream("TrainingJobs", `${base}-xgb-1/algo-1-1700000000`), LOGS, "Denied", undefined, "identity:implicit");
  row("C10", "training writes a job stream named outside the project", tr, "logs:PutLogEvents", stream("TrainingJobs", `someone-else-xgb/algo-1-1700000000`), INTERNET, "Denied", undefined, "identity:implicit");
  row("C10", "SageMaker writes the project's processing job stream with the training role", tr, "logs:CreateLogStream", stream("ProcessingJobs", `${base}-prep-1/algo-1-1700000000`), INTERNET, "Allowed");
  row("C10", "SageMaker writes the project's endpoint log stream with the hosting role", eh, "logs:PutLogEvents", stream(`Endpoints/${base}-scoring`, "AllTraffic/i-0123456789abcdef0"), INTERNET, "Allowed");
  row("C10", "hosting writes an endpoint log group named outside the project", eh, "logs:PutLogEvents", stream("Endpoints/someone-else", "AllTraffic/i-0123456789abcdef0"), INTERNET, "Denied", undefined, "identity:implicit");
  row("C10", "notebook creates its own lifecycle-config stream", nb, "logs:CreateLogStream", stream("NotebookInstances", `${base}-alice/LifecycleConfigOnStart`), LOGS, "Allowed");

  // L3 - the IAM half of the client-network path.
  row("L3", "data scientist gets a presigned URL for their notebook through the sagemaker.api endpoint", ds, "sagemaker:CreatePresignedNotebookInstanceUrl", notebook, API, "Allowed", mine);
  row("L3", "the notebook's requests, re-checked against the same policy, come through the notebook endpoint", ds, "sagemaker:CreatePresignedNotebookInstanceUrl", notebook,
    vpc("notebook"), "Allowed", mine);
  row("L3", "data scientist creds from another VPC get a presigned notebook URL", ds, "sagemaker:CreatePresignedNotebookInstanceUrl", notebook, OTHER_VPC, "Denied", mine,
    "boundary:NeverOutsideTheNetwork");
  row("L3", "data scientist starts their notebook", ds, "sagemaker:StartNotebookInstance", notebook, API, "Allowed", mine);
  row("L3", "data scientist gets a presigned URL for a colleague's notebook", ds, "sagemaker:CreatePresignedNotebookInstanceUrl", notebook, API, "Denied", { "sagemaker:ResourceTag/username": "bob" }, "identity:implicit");

  // L3 / C1 - the AWS console, i.e. the data scientist's session from outside the network (identity.dataScientistConsole).
  const bobs = { "sagemaker:ResourceTag/username": "bob" };
  const untagged = roleSession(app.role(env, p, "data-scientist"), "alice");
  if (consoleMode) {
    row("L3", "console mode: data scientist lists notebooks from the internet", ds, "sagemaker:ListNotebookInstances", { arn: "*", account: acct }, INTERNET, "Allowed");
    row("L3", "console mode: data scientist describes their notebook from the internet", ds, "sagemaker:DescribeNotebookInstance", notebook, INTERNET, "Allowed", mine);
    row("L3", "console mode: data scientist starts their notebook from the internet", ds, "sagemaker:StartNotebookInstance", notebook, INTERNET, "Allowed", mine);
    row("L3", "console mode: data scientist stops their notebook from the internet", ds, "sagemaker:StopNotebookInstance", notebook, INTERNET, "Allowed", mine);
    row("L3", "console mode: data scientist describes their own (tagged) training job from the internet", ds, "sagemaker:DescribeTrainingJob", trainingJob, INTERNET, "Allowed", mine);
    row("L3", "console mode: data scientist describes their own (tagged) endpoint from the internet", ds, "sagemaker:DescribeEndpoint", endpointArn, INTERNET, "Allowed", mine);
    row("L3", "console mode: data scientist lists training jobs from the internet (names only)", ds, "sagemaker:ListTrainingJobs", { arn: "*", account: acct }, INTERNET, "Allowed");
    row("C1", "console mode: data scientist stops a colleague's notebook from the internet", ds, "sagemaker:StopNotebookInstance", notebook, INTERNET, "Denied", bobs,
      "identity:DenyConsoleOnOthersResources");
    row("C1", "console mode: data scientist starts a colleague's notebook from the internet", ds, "sagemaker:StartNotebookInstance", notebook, INTERNET, "Denied", bobs,
      "identity:DenyConsoleOnOthersResources");
    row("C1", "console mode: data scientist describes a colleague's notebook from the internet", ds, "sagemaker:DescribeNotebookInstance", notebook, INTERNET, "Denied", bobs,
      "identity:DenyConsoleOnOthersResources");
    row("C1", "console mode: data scientist describes a colleague's training job from the internet", ds, "sagemaker:DescribeTrainingJob", trainingJob, INTERNET, "Denied", bobs,
      "identity:DenyConsoleOnOthersResources");
    row("C1", "console mode: a session without the username tag lists notebooks from the internet", untagged, "sagemaker:ListNotebookInstances", { arn: "*", account: acct }, INTERNET,
      "Denied", undefined, "identity:DenyConsoleWithoutUsername");
    row("C1", "console mode: a session without the username tag describes an untagged notebook from the internet", untagged, "sagemaker:DescribeNotebookInstance", notebook, INTERNET,
      "Denied", undefined, "identity:DenyConsoleWithoutUsername");
    row("C1", "console mode: data scientist gets a presigned URL for their notebook from the internet (Open Jupyter in the console)", ds,
      "sagemaker:CreatePresignedNotebookInstanceUrl", notebook, INTERNET, "Denied", mine, "boundary:NeverOutsideTheNetwork");
    row("C1", "console mode: data scientist reads project data from the internet", ds, "s3:GetObject", obj(data, "train.csv"), INTERNET, "Denied", undefined,
      "identity:DenyOutsideTheNetwork");
    row("C1", "console mode: data scientist reads their notebook's log stream from the internet", ds, "logs:GetLogEvents", stream("NotebookInstances", `${base}-alice/jupyter.log`), INTERNET,
      "Denied", undefined, "boundary:NeverOutsideTheNetwork");
    row("C1", "console mode: data scientist lists the notebook log streams from the internet", ds, "logs:DescribeLogStreams", group("NotebookInstances"), INTERNET, "Denied", undefined,
      "identity:DenyOutsideTheNetwork");
    row("C1", "console mode: data scientist git pulls the project repository from the internet", ds, "codecommit:GitPull", repo, INTERNET, "Denied", undefined, "identity:DenyOutsideTheNetwork");
    row("C1", "console mode: data scientist invokes the project endpoint from the internet", ds, "sagemaker:InvokeEndpoint", endpointArn, INTERNET, "Denied", undefined,
      "identity:DenyOutsideTheNetwork");
    row("C1", "console mode: data scientist describes a project model from the internet (not a console action)", ds, "sagemaker:DescribeModel", sm("model", `${base}-m`), INTERNET, "Denied", mine,
      "identity:DenyOutsideTheNetwork");
  } else {
    row("L3", "console mode off: data scientist starts their notebook from the internet", ds, "sagemaker:StartNotebookInstance", notebook, INTERNET, "Denied", mine,
      "identity:DenyOutsideTheNetwork");
    row("L3", "console mode off: data scientist describes their notebook from the internet", ds, "sagemaker:DescribeNotebookInstance", notebook, INTERNET, "Denied", mine,
      "identity:DenyOutsideTheNetwork");
    row("L3", "console mode off: data scientist lists notebooks from the internet", ds, "sagemaker:ListNotebookInstances", { arn: "*", account: acct }, INTERNET, "Denied", undefined,
      "identity:DenyOutsideTheNetwork");
  }

  // L4 - the seed's ML workflow as ONE chain, in order: each step's principal, action, resource and context as AWS
  // would see them, followed by the abuses of that step. A transform job runs as its model's execution role: batch
  // models (`<project>-batch-*`) run as the training role, created by the notebook; hosting models run as the
  // hosting role, created by CI; endpoints refuse batch models (docs/security.md, "Batch transform").
  const batchModel = sm("model", `${base}-batch-xgb`), hostingModel = sm("model", `${base}-xgb`);
  const transformJob = sm("transform-job", `${base}-batch-1`);
  const transform = (model: Target) => ({ "sagemaker:VolumeKmsKeyArn": volumeKey.arn, "sagemaker:OutputKmsKeyArn": dataKey.arn, "sagemaker:ModelArn": model.arn,
    "sagemaker:InstanceTypes": [EBS_TYPE] });
  const isolatedModel = { ...inVpc, "sagemaker:NetworkIsolation": "true" };
  const passTo = (r: string): Target => ({ arn: app.role(env, p, r).arn, account: acct });
  const toSageMaker = { "iam:PassedToService": "sagemaker.amazonaws.com" };
  const endpointConfig = sm("endpoint-config", `${base}-xgb`);
  const results = obj(data, "transform-output/batch-1/test.csv.out");
  const viaS3Key = { "kms:ViaService": `s3.${region}.amazonaws.com` };
  // 1. the data scientist opens their notebook (from the client network, through the endpoints)
  row("L4", "chain 1: data scientist opens their notebook through sagemaker.api", ds, "sagemaker:CreatePresignedNotebookInstanceUrl", notebook, API, "Allowed", mine);
  // 2. the notebook starts a training job (VPC, keys, isolation) with the training role
  row("L4", "chain 2a: notebook passes the training role to SageMaker", nb, "iam:PassRole", passTo("training"), API, "Allowed", toSageMaker);
  row("L4", "chain 2b: notebook starts an isolated, encrypted training job in the VPC", nb, "sagemaker:CreateTrainingJob", trainingJob, API, "Allowed", job());
  row("L4", "chain 2c: the training job reads the training data", tr, "s3:GetObject", obj(data, "train/train.csv"), S3, "Allowed");
  row("L4", "chain 2d: the training job decrypts the data through S3", tr, "kms:Decrypt", key(dataKey), viaS3, "Allowed", viaS3Key);
  row("L4", "chain 2e: the training job writes the model artifact", tr, "s3:PutObject", obj(models, "xgb/output/model.tar.gz"), S3, "Allowed", sse(dataKey.arn));
  row("L4", "chain 2f: the training job encrypts the artifact through S3", tr, "kms:GenerateDataKey", key(dataKey), viaS3, "Allowed", viaS3Key);
  // 3. the notebook creates the batch model (training role) and 4. starts the transform job
  row("L4", "chain 3: notebook creates an isolated batch model in the VPC (training role as execution role)", nb, "sagemaker:CreateModel", batchModel, API, "Allowed", isolatedModel);
  row("L4", "chain 4a: notebook starts a transform job on the batch model", nb, "sagemaker:CreateTransformJob", transformJob, API, "Allowed", transform(batchModel));
  row("L4", "chain 4b: the transform job (training role) reads the model artifact", tr, "s3:GetObject", obj(models, "xgb/output/model.tar.gz"), S3, "Allowed");
  row("L4", "chain 4c: the transform job reads its input from the data bucket", tr, "s3:GetObject", obj(data, "test/test.csv"), S3, "Allowed");
  row("L4", "chain 4d: the transform job writes results under transform-output/ with the project key", tr, "s3:PutObject", results, S3, "Allowed", sse(dataKey.arn));
  row("L4", "chain 4e: the notebook reads the transform results", nb, "s3:GetObject", results, S3, "Allowed");
  // 5. CI (endpoint creation role) creates the hosting model, the endpoint config and the endpoint
  row("L4", "chain 5a: CI passes the hosting role to SageMaker", ec, "iam:PassRole", passTo("endpoint-hosting"), API, "Allowed", toSageMaker);
  row("L4", "chain 5b: CI creates an isolated hosting model in the VPC", ec, "sagemaker:CreateModel", hostingModel, API, "Allowed", isolatedModel);
  row("L4", "chain 5c: CI creates an encrypted endpoint config for the hosting model", ec, "sagemaker:CreateEndpointConfig", endpointConfig, API, "Allowed", cfg([EBS_TYPE], true, hostingModel));
  row("L4", "chain 5d: CI creates the endpoint", ec, "sagemaker:CreateEndpoint", endpointArn, API, "Allowed");
  row("L4", "chain 5e: the endpoint (hosting role) reads the model artifact", eh, "s3:GetObject", obj(models, "xgb/output/model.tar.gz"), S3, "Allowed");
  // 6. invocation from inside the network
  row("L4", "chain 6a: the notebook assumes the invocation role through the STS endpoint", nb, "sts:AssumeRole", trustOf("endpoint-invocation"),
    STS, e.projects.find((x) => x.name === p)!.identity.applicationPrincipals.length ? "Denied" : "Allowed");
  row("L4", "chain 6b: the endpoint is invoked through sagemaker.runtime", ei, "sagemaker:InvokeEndpoint", endpointArn, RUNTIME, "Allowed");
  // the abuses of each step
  row("L4", "abuse: the transform job writes results outside transform-output/ (over the training data)", tr, "s3:PutObject", obj(data, "train/train.csv"), S3, "Denied",
    sse(dataKey.arn), "identity:implicit");
  row("L4", "abuse: the transform job writes results to a bucket outside the project", tr, "s3:PutObject", sniped(data, "transform-output/x.out"), S3, "Denied",
    sse(dataKey.arn), "endpoint:implicit");
  row("L4", "abuse: the transform job writes results from outside the VPC", tr, "s3:PutObject", results, INTERNET, "Denied", sse(dataKey.arn), "boundary:NeverOutsideTheNetwork");
  row("L4", "abuse: CI puts the batch model (training role, data access) behind an endpoint", ec, "sagemaker:CreateEndpointConfig", endpointConfig, API, "Denied",
    cfg([EBS_TYPE], true, batchModel), "identity:DenyBatchModelsOnEndpoints");
  row("L4", "abuse: CI creates a hosting model under a batch name (transform jobs would run it)", ec, "sagemaker:CreateModel", batchModel, API, "Denied", isolatedModel,
    "identity:DenyHostingModelsNamedBatch");
  row("L4", "abuse: CI passes the training role (a hosting model with data access)", ec, "iam:PassRole", passTo("training"), API, "Denied", toSageMaker, "identity:implicit");
  row("L4", "abuse: notebook creates a model under a hosting name (with the training role)", nb, "sagemaker:CreateModel", hostingModel, API, "Denied", isolatedModel, "identity:implicit");
  row("L4", "abuse: notebook creates a batch model outside the VPC", nb, "sagemaker:CreateModel", batchModel, API, "Denied", { "sagemaker:NetworkIsolation": "true" },
    "boundary:NeverOutsideVpc");
  row("L4", "abuse: notebook creates a batch model without network isolation", nb, "sagemaker:CreateModel", batchModel, API, "Denied", { ...inVpc, "sagemaker:NetworkIsolation": "false" },
    "identity:implicit");
  row("L4", "abuse: notebook creates an endpoint config for its batch model", nb, "sagemaker:CreateEndpointConfig", endpointConfig, API, "Denied", cfg([EBS_TYPE], true, batchModel),
    "identity:implicit");
  row("L4", "abuse: notebook starts a transform job on a hosting model", nb, "sagemaker:CreateTransformJob", transformJob, API, "Denied", transform(hostingModel), "identity:implicit");
  row("L4", "abuse: notebook starts a transform job writing results under another key", nb, "sagemaker:CreateTransformJob", transformJob, API, "Denied",
    { ...transform(batchModel), "sagemaker:OutputKmsKeyArn": `arn:aws:kms:${region}:${ATTACKER_ACCOUNT}:key/00000000-0000-0000-0000-000000000000` }, "identity:implicit");
  row("L4", "abuse: the endpoint (hosting role) reads the training data", eh, "s3:GetObject", obj(data, "train/train.csv"), S3, "Denied", undefined, "identity:implicit");
  row("L4", "abuse: the endpoint (hosting role) reads the transform results", eh, "s3:GetObject", results, S3, "Denied", undefined, "identity:implicit");
  row("L4", "abuse: the invocation role reads the transform results", ei, "s3:GetObject", results, S3, "Denied", undefined, "identity:implicit");

  // C8 - audit evidence: the project's access logs.
  row("C8", "account administrator deletes a project access-log object", admin, "s3:DeleteObject", obj(accessLogs, "data/2026-01-01-00-00-00-ABC"), INTERNET, "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  row("C8", "account administrator overwrites a project access-log object", admin, "s3:PutObject", obj(accessLogs, "data/2026-01-01-00-00-00-ABC"), INTERNET, "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  row("C8", "the deploy role deletes a project access-log object version", deployer, "s3:DeleteObjectVersion", obj(accessLogs, "data/2026-01-01-00-00-00-ABC"), INTERNET, "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  if (breakGlass) row("C8", "the break-glass role deletes a project access-log object", breakGlass, "s3:DeleteObject", obj(accessLogs, "data/2026-01-01-00-00-00-ABC"), INTERNET, "Allowed");
  const accessLogBucket: Target = { arn: accessLogs.arn, account: accessLogs.account, policy: accessLogs.policy };
  for (const action of ["s3:PutLifecycleConfiguration", "s3:DeleteBucketPolicy", "s3:PutBucketVersioning", "s3:DeleteBucket"]) {
    row("C8", `account administrator calls ${action} on the project access-log bucket`, admin, action, accessLogBucket, INTERNET, "ExplicitlyDenied", undefined, "resource:DenyEvidenceConfigurationChanges");
    row("C8", `the deploy role (Terraform) calls ${action} on the project access-log bucket`, deployer, action, accessLogBucket, INTERNET, "Allowed");
  }
  return S.map((s) => ({ ...s, name: `${env}/${p}: ${s.name}` }));
}

/** Scenarios between two projects: `attacker` project's roles against `victim` project's resources. */
export function crossProjectScenarios(app: PerimeterApp, a: { env: string; project: string }, v: { env: string; project: string }): Scenario[] {
  const ve = app.env(v.env);
  const vbase = `${app.config.prefix}-${v.env}-${v.project}`;
  const role = (r: string) => roleSession(app.role(a.env, a.project, r), "alice", r === "data-scientist" ? { username: "alice" } : undefined);
  const nb = role("notebook-execution"), tr = role("training"), ds = role("data-scientist"), ei = role("endpoint-invocation"), eh = role("endpoint-hosting");
  const data = app.projectBucket(v.env, v.project, "data"), models = app.projectBucket(v.env, v.project, "models");
  const dataKey = app.projectKey(v.env, v.project, "data"), volumeKey = app.projectKey(v.env, v.project, "volumes");
  const sameEnv = a.env === v.env;
  // The attacker's requests leave from the attacker project's VPC (its environment); a different environment's VPC
  // is, for the victim, "another VPC".
  const net = (endpoint: string): Network => ({ from: "vpc", env: a.env, endpoint });
  const sm = (type: string, name: string): Target => ({ arn: `arn:aws:sagemaker:${ve.region}:${ve.accountId}:${type}/${name}`, account: ve.accountId });
  const stream = (g: string, s: string): Target => ({ arn: `arn:aws:logs:${ve.region}:${ve.accountId}:log-group:/aws/sagemaker/${g}:log-stream:${s}`, account: ve.accountId });
  const region = ve.region;
  const S: Scenario[] = [];
  const row = (name: string, actor: Actor, action: string, target: Target, network: Network, context?: Record<string, string | string[]>) =>
    S.push({ cls: "C3", name: `${a.env}/${a.project} -> ${v.env}/${v.project}: ${name}`, actor, action, target, network, context, expect: "Denied" });
  row("notebook reads the other project's data", nb, "s3:GetObject", { arn: `${data.arn}/train.csv`, account: data.account, policy: data.policy }, net("s3"));
  row("notebook writes the other project's data", nb, "s3:PutObject", { arn: `${data.arn}/x.csv`, account: data.account, policy: data.policy }, net("s3"),
    { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": dataKey.arn });
  row("training overwrites the other project's models", tr, "s3:PutObject", { arn: `${models.arn}/m.tar.gz`, account: models.account, policy: models.policy }, net("s3"),
    { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": dataKey.arn });
  row("notebook decrypts with the other project's data key through S3", nb, "kms:Decrypt", { arn: dataKey.arn, account: dataKey.account, policy: dataKey.policy },
    { from: "service", service: "s3.amazonaws.com" }, { "kms:ViaService": `s3.${region}.amazonaws.com` });
  row("training decrypts with the other project's volume key through SageMaker", tr, "kms:Decrypt", { arn: volumeKey.arn, account: volumeKey.account, policy: volumeKey.policy },
    { from: "service", service: "sagemaker.amazonaws.com" }, { "kms:ViaService": `sagemaker.${region}.amazonaws.com` });
  if (sameEnv) {
    row("data scientist opens the other project's notebook (same user name)", ds, "sagemaker:CreatePresignedNotebookInstanceUrl", sm("notebook-instance", `${vbase}-alice`), net("sagemaker.api"),
      { "sagemaker:ResourceTag/username": "alice" });
    row("data scientist describes the other project's notebook", ds, "sagemaker:DescribeNotebookInstance", sm("notebook-instance", `${vbase}-alice`), net("sagemaker.api"));
    row("data scientist reads the other project's job log stream", ds, "logs:GetLogEvents", stream("TrainingJobs", `${vbase}-xgb-1/algo-1-1700000000`), net("logs"));
    row("notebook reads the other project's job log stream", nb, "logs:GetLogEvents", stream("TrainingJobs", `${vbase}-xgb-1/algo-1-1700000000`), net("logs"));
    // Log streams as a channel: a stream written under the other project's names would be read by its people.
    row("notebook writes a stream named for the other project's notebook", nb, "logs:PutLogEvents", stream("NotebookInstances", `${vbase}-alice/jupyter.log`), net("logs"));
    row("notebook creates a stream named for the other project's notebook", nb, "logs:CreateLogStream", stream("NotebookInstances", `${vbase}-alice/jupyter.log`), net("logs"));
    row("training writes a stream named for the other project's job", tr, "logs:PutLogEvents", stream("TrainingJobs", `${vbase}-xgb-1/algo-1-1700000000`), net("logs"));
    row("endpoint hosting writes the other project's endpoint log group", eh, "logs:PutLogEvents", stream(`Endpoints/${vbase}-scoring`, "AllTraffic/i-0123456789abcdef0"), net("logs"));
    row("data scientist reads the other project's notebook log stream", ds, "logs:GetLogEvents", stream("NotebookInstances", `${vbase}-alice/jupyter.log`), net("logs"));
    row("data scientist reads the other project's endpoint log stream", ds, "logs:GetLogEvents", stream(`Endpoints/${vbase}-scoring`, "AllTraffic/i-0123456789abcdef0"), net("logs"));
    // A job that satisfies every condition for the attacker's own project, but is named in the victim's.
    const own = { "sagemaker:VpcSubnets": app.subnetIds(a.env).slice(0, 1), "sagemaker:VpcSecurityGroupIds": [app.computeSecurityGroup(a.env, a.project)],
      "sagemaker:VolumeKmsKeyArn": app.projectKey(a.env, a.project, "volumes").arn, "sagemaker:OutputKmsKeyArn": app.projectKey(a.env, a.project, "data").arn,
      "sagemaker:InterContainerTrafficEncryption": "true", "sagemaker:NetworkIsolation": "true", "sagemaker:InstanceTypes": ["ml.m5.xlarge"] };
    row("notebook starts a job named in the other project", nb, "sagemaker:CreateTrainingJob", sm("training-job", `${vbase}-xgb-1`), net("sagemaker.api"), own);
    // Compute isolation: a job of the attacker's own project placed in the victim's security group would reach what
    // listens in the victim's notebooks and jobs (and be reached by them).
    const abase = `${app.config.prefix}-${a.env}-${a.project}`;
    const theirGroup = { ...own, "sagemaker:VpcSecurityGroupIds": [app.computeSecurityGroup(v.env, v.project)] };
    const ownTarget = (type: string, name: string): Target => ({ arn: `arn:aws:sagemaker:${ve.region}:${ve.accountId}:${type}/${name}`, account: ve.accountId });
    S.push({ cls: "C10", name: `${a.env}/${a.project} -> ${v.env}/${v.project}: notebook starts its own project's training job in the other project's security group`,
      actor: nb, action: "sagemaker:CreateTrainingJob", target: ownTarget("training-job", `${abase}-xgb-2`), network: net("sagemaker.api"), context: theirGroup,
      expect: "Denied", by: "boundary:NeverOtherGroups" });
    S.push({ cls: "C10", name: `${a.env}/${a.project} -> ${v.env}/${v.project}: notebook starts its own processing job in both projects' security groups`,
      actor: nb, action: "sagemaker:CreateProcessingJob", target: ownTarget("processing-job", `${abase}-prep-2`), network: net("sagemaker.api"),
      context: { ...own, "sagemaker:VpcSecurityGroupIds": [app.computeSecurityGroup(a.env, a.project), app.computeSecurityGroup(v.env, v.project)] },
      expect: "Denied", by: "boundary:NeverOtherGroups" });
    const nc = role("notebook-creation"), ec = role("endpoint-creation");
    S.push({ cls: "C10", name: `${a.env}/${a.project} -> ${v.env}/${v.project}: CI creates its own project's notebook in the other project's security group`,
      actor: nc, action: "sagemaker:CreateNotebookInstance", target: ownTarget("notebook-instance", `${abase}-bob`), network: net("sagemaker.api"),
      context: { "sagemaker:VpcSubnets": app.subnetIds(a.env).slice(0, 1), "sagemaker:VpcSecurityGroupIds": [app.computeSecurityGroup(v.env, v.project)],
        "sagemaker:VolumeKmsKeyArn": app.projectKey(a.env, a.project, "volumes").arn, "sagemaker:DirectInternetAccess": "Disabled", "sagemaker:RootAccess": "Disabled",
        "sagemaker:MinimumInstanceMetadataServiceVersion": "2", "sagemaker:InstanceTypes": ["ml.t3.medium"] },
      expect: "Denied", by: "boundary:NeverOtherGroups" });
    S.push({ cls: "C10", name: `${a.env}/${a.project} -> ${v.env}/${v.project}: CI creates its own project's model in the other project's security group`,
      actor: ec, action: "sagemaker:CreateModel", target: ownTarget("model", `${abase}-m-2`), network: net("sagemaker.api"),
      context: { "sagemaker:VpcSubnets": app.subnetIds(a.env).slice(0, 1), "sagemaker:VpcSecurityGroupIds": [app.computeSecurityGroup(v.env, v.project)], "sagemaker:NetworkIsolation": "true" },
      expect: "Denied", by: "boundary:NeverOtherGroups" });
    row("invocation role invokes the other project's endpoint", ei, "sagemaker:InvokeEndpoint", sm("endpoint", `${vbase}-scoring`), net("sagemaker.runtime"));
    row("notebook git pulls the other project's repository", nb, "codecommit:GitPull", { arn: app.repository(v.env, v.project), account: ve.accountId }, net("git-codecommit"));
  }
  return S;
}

/** Environment-wide scenarios: key administration of every key, the trail and its access logs. */
export function environmentScenarios(app: PerimeterApp, env: string): Scenario[] {
  const { accountId: acct } = app.env(env);
  const admin = adminSession(`arn:aws:iam::${acct}:role/AccountAdministrator`, "account administrator (*:*)");
  const { deployer, breakGlass } = operators(app, env);
  const S: Scenario[] = [];
  const row = (cls: ClassId, name: string, actor: Actor, action: string, target: Target, expect: Expected, context?: Record<string, string | string[]>, by?: string) =>
    S.push({ cls, name: `${env}: ${name}`, actor, action, target, network: INTERNET, expect, context, by });
  for (const { stack, path, key } of app.allKeys().filter((k) => k.stack.startsWith(`${env}-`))) {
    const t: Target = { arn: key.arn, account: key.account, policy: key.policy };
    row("C5", `account administrator replaces the key policy of ${stack}/${path}`, admin, "kms:PutKeyPolicy", t, "Denied");
    row("C5", `account administrator schedules deletion of ${stack}/${path}`, admin, "kms:ScheduleKeyDeletion", t, "Denied");
    row("C5", `the deploy role replaces the key policy of ${stack}/${path}`, deployer, "kms:PutKeyPolicy", t, "Allowed");
    if (breakGlass) row("C5", `the break-glass role replaces the key policy of ${stack}/${path}`, breakGlass, "kms:PutKeyPolicy", t, "Allowed");
    row("C5", `the account's root user replaces the key policy of ${stack}/${path} (lockout recovery)`, accountRoot(acct), "kms:PutKeyPolicy", t, "Allowed");
  }
  const trail = app.bucket(`${env}-platform`, "audit/trail/bucket/bucket");
  const trailLogs = app.bucket(`${env}-platform`, "audit/trail/access-logs/bucket");
  const trailObject: Target = { arn: `${trail.arn}/AWSLogs/${acct}/CloudTrail/${app.env(env).region}/2026/01/01/file.json.gz`, account: acct, policy: trail.policy };
  const logObject = (b: typeof trail): Target => ({ arn: `${b.arn}/2026-01-01-00-00-00-ABCDEF`, account: b.account, policy: b.policy });
  row("C8", "account administrator deletes a trail log file", admin, "s3:DeleteObject", trailObject, "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  row("C8", "account administrator deletes a trail log file version", admin, "s3:DeleteObjectVersion", trailObject, "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  row("C8", "account administrator overwrites a trail log file", admin, "s3:PutObject", trailObject, "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  row("C8", "the deploy role deletes a trail log file", deployer, "s3:DeleteObject", trailObject, "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  row("C8", "account administrator deletes a trail access-log object", admin, "s3:DeleteObject", logObject(trailLogs), "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  row("C8", "account administrator overwrites a trail access-log object", admin, "s3:PutObject", logObject(trailLogs), "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  if (app.env(env).backend.type === "s3") {
    const stateLogs = app.bucket(`${env}-state`, "access-logs/bucket");
    row("C8", "account administrator deletes a state access-log object", admin, "s3:DeleteObject", logObject(stateLogs), "ExplicitlyDenied", undefined, "resource:DenyEvidenceTampering");
  }
  row("C8", "CloudTrail writes a log file to the trail bucket", servicePrincipal("cloudtrail.amazonaws.com"), "s3:PutObject", trailObject, "Allowed",
    { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": acct, "aws:SourceArn": app.trailArn(env) });
  row("C8", "CloudTrail writes a log file with SSE-KMS headers naming no key id (service delivery)", servicePrincipal("cloudtrail.amazonaws.com"), "s3:PutObject", trailObject, "Allowed",
    { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": acct, "aws:SourceArn": app.trailArn(env), "s3:x-amz-server-side-encryption": "aws:kms" });
  // C8 - the evidence buckets' configuration: an account administrator cannot make the logs expire, replace or delete
  // the policy, suspend versioning, change Object Lock or logging, or delete the bucket; Terraform's deploy role (apply,
  // re-plan, destroy) and break-glass can.
  const evidenceBuckets: [string, typeof trail][] = [["trail bucket", trail], ["trail access-log bucket", trailLogs]];
  if (app.env(env).backend.type === "s3") evidenceBuckets.push(["state access-log bucket", app.bucket(`${env}-state`, "access-logs/bucket")]);
  for (const [label, b] of evidenceBuckets) {
    const t: Target = { arn: b.arn, account: b.account, policy: b.policy };
    for (const action of S3_BUCKET_CONFIGURATION_ACTIONS) {
      row("C8", `account administrator calls ${action} on the ${label}`, admin, action, t, "ExplicitlyDenied", undefined, "resource:DenyEvidenceConfigurationChanges");
      row("C8", `the deploy role (Terraform apply/destroy) calls ${action} on the ${label}`, deployer, action, t, "Allowed");
    }
    if (breakGlass) row("C8", `the break-glass role replaces the policy of the ${label}`, breakGlass, "s3:PutBucketPolicy", t, "Allowed");
  }
  if (breakGlass) {
    row("C8", "the break-glass role deletes a trail log file", breakGlass, "s3:DeleteObject", trailObject, "Allowed");
    row("C8", "the break-glass role deletes a trail access-log object", breakGlass, "s3:DeleteObject", logObject(trailLogs), "Allowed");
  }
  // L5 - CI from pull request to apply. The plan principal (read-only, `dataProtection.planPrincipalArns`) runs
  // `terraform plan -lock=false` from a runner outside the VPC: it reads the configuration of every bucket and key the
  // plan refreshes and the state, and nothing else. Its identity: read-only actions (as AWS's ReadOnlyAccess grants)
  // plus the state stack's `plan_principal_state_policy`. With `*:*` attached by mistake, the resource policies still
  // keep it to configuration reads on the project buckets.
  const planners = app.env(env).dataProtection.planPrincipalArns;
  if (planners.length) {
    const statePolicy = app.planStatePolicy(env);
    const readOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*", "kms:Describe*", "kms:Get*", "kms:List*",
      "dynamodb:Describe*", "dynamodb:List*", "dynamodb:GetItem"], Resource: "*" }] };
    const planner: Actor = { ...adminSession(planners[0], "plan principal (read-only)"), identity: [readOnly, ...(statePolicy ? [statePolicy] : [])] };
    const plannerAdmin: Actor = { ...adminSession(planners[0], "plan principal with *:* attached by mistake") };
    const { deployer: applier } = operators(app, env);
    const rowAt = (name: string, actor: Actor, action: string, target: Target, expect: Expected, context?: Record<string, string | string[]>, by?: string) =>
      row("L5", name, actor, action, target, expect, context, by);
    for (const { stack, path, bucket } of app.allBuckets(env)) {
      const t: Target = { arn: bucket.arn, account: bucket.account, policy: bucket.policy };
      const o: Target = { arn: `${bucket.arn}/some/object`, account: bucket.account, policy: bucket.policy };
      for (const action of PLAN_BUCKET_READS) rowAt(`plan refreshes ${stack}/${path}: ${action}`, planner, action, t, "Allowed");
      // Objects of the project data and model buckets: never (audit logs and state are IAM's to decide: ReadOnlyAccess reads them).
      if (/^buckets\/(data|models)\/bucket$/.test(path)) rowAt(`the plan principal reads an object of ${stack}/${path}`, planner, "s3:GetObject", o, "Denied");
      rowAt(`the plan principal writes an object of ${stack}/${path}`, planner, "s3:PutObject", o, "Denied");
      rowAt(`the plan principal replaces the policy of ${stack}/${path}`, planner, "s3:PutBucketPolicy", t, "Denied");
      for (const action of ["s3:PutBucketPolicy", "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration",
        "s3:PutBucketPublicAccessBlock", "s3:PutBucketOwnershipControls", "s3:PutBucketTagging", "s3:PutBucketLogging"]) {
        rowAt(`apply changes ${stack}/${path}: ${action}`, applier, action, t, "Allowed");
      }
    }
    for (const { stack, path, key } of app.allKeys().filter((k) => k.stack.startsWith(`${env}-`))) {
      const t: Target = { arn: key.arn, account: key.account, policy: key.policy };
      for (const action of KEY_PLAN_READ_ACTIONS) rowAt(`plan refreshes ${stack}/${path}: ${action}`, planner, action, t, "Allowed");
      rowAt(`the plan principal decrypts with ${stack}/${path} directly`, planner, "kms:Decrypt", t, "Denied");
      rowAt(`the plan principal with *:* replaces the key policy of ${stack}/${path}`, plannerAdmin, "kms:PutKeyPolicy", t, "Denied", undefined, "resource:implicit");
      for (const action of ["kms:EnableKeyRotation", "kms:UpdateKeyDescription", "kms:TagResource", "kms:CreateAlias", "kms:GetKeyPolicy"]) {
        rowAt(`apply changes ${stack}/${path}: ${action}`, applier, action, t, "Allowed");
      }
    }
    if (app.env(env).backend.type === "s3") {
      const state = app.bucket(`${env}-state`, "state-bucket/bucket");
      const stateKey = app.key(`${env}-state`, "state-key/key");
      const stateObject: Target = { arn: `${state.arn}/${env}-platform/terraform.tfstate`, account: acct, policy: state.policy };
      rowAt("plan reads the platform stack's state", planner, "s3:GetObject", stateObject, "Allowed");
      rowAt("plan decrypts the state through S3", planner, "kms:Decrypt", { arn: stateKey.arn, account: acct, policy: stateKey.policy }, "Allowed",
        { "kms:ViaService": `s3.${app.env(env).region}.amazonaws.com` });
      rowAt("the plan principal writes a state", planner, "s3:PutObject", stateObject, "Denied", undefined, "identity:implicit");
      rowAt("the plan principal takes the state lock file", planner, "s3:PutObject", { ...stateObject, arn: `${stateObject.arn}.tflock` }, "Denied", undefined, "identity:implicit");
      rowAt("the plan principal deletes a state", planner, "s3:DeleteObject", stateObject, "Denied", undefined, "identity:implicit");
      rowAt("apply writes the platform stack's state", applier, "s3:PutObject", stateObject, "Allowed");
      rowAt("apply takes the state lock file", applier, "s3:PutObject", { ...stateObject, arn: `${stateObject.arn}.tflock` }, "Allowed");
      const lock = app.model.inStack(`${env}-state`, "aws_dynamodb_table")[0];
      if (lock) {
        const table: Target = { arn: `arn:aws:dynamodb:${app.env(env).region}:${acct}:table/${lock.attrs.name}`, account: acct };
        rowAt("plan reads the state digest in the lock table", planner, "dynamodb:GetItem", table, "Allowed");
        rowAt("the plan principal takes a DynamoDB lock", planner, "dynamodb:PutItem", table, "Denied", undefined, "identity:implicit");
        rowAt("apply takes a DynamoDB lock", applier, "dynamodb:PutItem", table, "Allowed");
      }
    }
    // With *:* attached by mistake: the project buckets still refuse every object and every change.
    for (const proj of app.env(env).projects) {
      for (const kind of ["data", "models"] as const) {
        const b = app.projectBucket(env, proj.name, kind);
        const o: Target = { arn: `${b.arn}/train.csv`, account: b.account, policy: b.policy };
        rowAt(`the plan principal with *:* reads ${proj.name}'s ${kind} objects`, plannerAdmin, "s3:GetObject", o, "ExplicitlyDenied", undefined,
          "resource:DenyPlanPrincipalsBeyondConfigReads");
        rowAt(`the plan principal with *:* writes ${proj.name}'s ${kind} objects`, plannerAdmin, "s3:PutObject", o, "ExplicitlyDenied", undefined,
          "resource:DenyPlanPrincipalsBeyondConfigReads");
        rowAt(`the plan principal with *:* opens ${proj.name}'s ${kind} bucket policy`, plannerAdmin, "s3:PutBucketPolicy", { ...o, arn: b.arn }, "ExplicitlyDenied", undefined,
          "resource:DenyPlanPrincipalsBeyondConfigReads");
        S.push({ cls: "L5", name: `${env}: the plan principal with *:* reads ${proj.name}'s ${kind} objects from inside the VPC`, actor: plannerAdmin, action: "s3:GetObject",
          target: o, network: { from: "vpc", env, endpoint: "s3" }, expect: "ExplicitlyDenied", by: "resource:DenyPlanPrincipalsBeyondConfigReads" });
      }
    }
  }
  return S;
}
