/**
 * The interface VPC endpoint catalogue: what a SageMaker environment with no internet route may need.
 * Each entry is data; the network module walks it. `defaultOn` entries are created unless an environment
 * switches them off (`network.interfaceEndpoints: { <name>: false }`); the others are created when switched on,
 * or when a feature that needs them is enabled (`enabledBy`).
 *
 * Prices: $0.01 per endpoint per AZ per hour (us-east-1/eu-west-1 list price, 2026-11) ≈ $7.30 per AZ per month,
 * plus $0.01 per GB processed. Gateway endpoints (S3) are free.
 */
export interface EndpointEntry {
  /** Short name used in config; also the service suffix for `com.amazonaws.<region>.<name>` services. */
  readonly name: string;
  /** The service name pattern; `{region}` is replaced. */
  readonly servicePattern: string;
  /** Created unless switched off. */
  readonly defaultOn: boolean;
  /** Whether AWS supports an endpoint policy on this service (an unsupported policy fails at create). */
  readonly supportsPolicy: boolean;
  /** Why the endpoint has no policy, and what controls its use instead (required exactly when `supportsPolicy` is false). */
  readonly noPolicyBecause?: string;
  /**
   * Why requests through this endpoint must still reach resources of other accounts; absent (the rule), the
   * endpoint policy also pins the resource to the own account (`aws:ResourceAccount`): project credentials cannot
   * carry data to, or assume roles in, another account through it.
   */
  readonly foreignResources?: string;
  /** Why a SageMaker environment without internet needs it. */
  readonly why: string;
  /** Monthly list price per availability zone in USD, before data processing. */
  readonly monthlyUsdPerAz: number;
}

const AWS = (name: string) => `com.amazonaws.{region}.${name}`;
const PER_AZ = 7.3;

export const ENDPOINT_CATALOGUE: readonly EndpointEntry[] = [
  { name: "sagemaker.api", servicePattern: AWS("sagemaker.api"), defaultOn: true, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "SageMaker control plane: create/describe jobs, models, endpoints; presigned notebook URLs (seed)." },
  { name: "sagemaker.runtime", servicePattern: AWS("sagemaker.runtime"), defaultOn: true, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "InvokeEndpoint from notebooks and applications inside the VPC (seed)." },
  { name: "notebook", servicePattern: "aws.sagemaker.{region}.notebook", defaultOn: true, supportsPolicy: false, monthlyUsdPerAz: PER_AZ,
    noPolicyBecause: "AWS documents no endpoint policy for the notebook UI endpoint; every request to an opened notebook is re-checked against the presigned URL's IAM policy (aws:SourceVpce of this and the sagemaker.api endpoint), and the endpoint group admits only the projects' groups and the client networks",
    why: "The Jupyter UI of notebook instances, reached privately through the presigned URL (seed)." },
  { name: "sts", servicePattern: AWS("sts"), defaultOn: true, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "SDK credential calls (GetCallerIdentity, AssumeRole); without it the SDK reports a misleading STS permission error (seed)." },
  { name: "logs", servicePattern: AWS("logs"), defaultOn: true, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "Notebook, training and endpoint logs; without it jobs in the VPC stay in 'Starting' (seed)." },
  { name: "ecr.api", servicePattern: AWS("ecr.api"), defaultOn: true, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    foreignResources: "SageMaker's framework containers live in AWS-owned ECR registries (one account per region); pulls are read-only",
    why: "ECR authorization for framework and custom containers pulled by jobs and endpoints in the VPC." },
  { name: "ecr.dkr", servicePattern: AWS("ecr.dkr"), defaultOn: true, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    foreignResources: "SageMaker's framework containers live in AWS-owned ECR registries (one account per region); pulls are read-only",
    why: "Docker registry API of ECR (image manifests); layers come through the S3 gateway endpoint." },
  { name: "monitoring", servicePattern: AWS("monitoring"), defaultOn: true, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "CloudWatch metrics published from notebooks and training code (SageMaker Experiments, Debugger, custom metrics)." },
  { name: "kms", servicePattern: AWS("kms"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "Direct KMS calls from code (client-side encryption, SecureString parameters); S3 and EBS encryption do not need it." },
  { name: "ssm", servicePattern: AWS("ssm"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "Parameter Store reads, e.g. from notebook lifecycle configurations." },
  { name: "codecommit", servicePattern: AWS("codecommit"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "CodeCommit API for the project code repositories." },
  { name: "git-codecommit", servicePattern: AWS("git-codecommit"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "git over HTTPS to CodeCommit: notebooks clone their default repository through it." },
  { name: "codeartifact.api", servicePattern: AWS("codeartifact.api"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "CodeArtifact API (authorization tokens) for the private package mirror." },
  { name: "codeartifact.repositories", servicePattern: AWS("codeartifact.repositories"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "CodeArtifact repository endpoints: pip installs from the private package mirror." },
  { name: "servicecatalog", servicePattern: AWS("servicecatalog"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "Service Catalog, when notebooks are provisioned as catalog products from inside the VPC." },
  { name: "sagemaker.featurestore-runtime", servicePattern: AWS("sagemaker.featurestore-runtime"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "Feature Store online reads and writes." },
  { name: "sagemaker.metrics", servicePattern: AWS("sagemaker.metrics"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "SageMaker Experiments metrics ingestion from training code." },
  { name: "studio", servicePattern: "aws.sagemaker.{region}.studio", defaultOn: false, supportsPolicy: false, monthlyUsdPerAz: PER_AZ,
    noPolicyBecause: "AWS's Studio interface-endpoint page documents the endpoint and restricting CreatePresignedDomainUrl to aws:SourceVpce; support for an endpoint policy could not be verified there, and a policy AWS refuses fails the endpoint at create. Controls: the presigned domain URL only through the sagemaker.api endpoint (NeverDomainUrlsOutsideEndpoint and the data scientist grant), and the endpoint group",
    why: "SageMaker Studio UI, for environments that use Studio domains in VPC-only mode." },
  { name: "ec2", servicePattern: AWS("ec2"), defaultOn: false, supportsPolicy: true, monthlyUsdPerAz: PER_AZ,
    why: "EC2 API calls from inside the VPC (e.g. describing network interfaces from code)." },
];

for (const e of ENDPOINT_CATALOGUE) {
  if (e.supportsPolicy === (e.noPolicyBecause !== undefined)) throw new Error(`endpoint catalogue: ${e.name} needs noPolicyBecause exactly when it supports no policy`);
}
export type EndpointName = string;

export const ENDPOINT_NAMES: readonly string[] = ENDPOINT_CATALOGUE.map((e) => e.name);

export function endpointEntry(name: string): EndpointEntry {
  const entry = ENDPOINT_CATALOGUE.find((e) => e.name === name);
  if (!entry) throw new Error(`unknown interface endpoint "${name}"; known: ${ENDPOINT_NAMES.join(", ")}`);
  return entry;
}

export function serviceName(entry: EndpointEntry, region: string): string {
  return entry.servicePattern.replace("{region}", region);
}

/**
 * The endpoints an environment gets: the defaults, with the environment's switches applied on top,
 * plus those that enabled features require. Returned in catalogue order, so the output is stable.
 */
export function selectEndpoints(switches: Readonly<Record<string, boolean>>, required: readonly string[] = []): EndpointEntry[] {
  return ENDPOINT_CATALOGUE.filter((e) => required.includes(e.name) || (switches[e.name] ?? e.defaultOn));
}
