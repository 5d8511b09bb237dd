/**
 * The detective control's rules as data: which SageMaker create calls, recorded by CloudTrail, are non-compliant,
 * and the EventBridge event pattern built from them. Field paths are CloudTrail's (the API's field names in
 * lowerCamelCase under `requestParameters`). EventBridge's `exists` works on leaf fields only, so every path ends at
 * a leaf (e.g. `vpcConfig.subnets`, not `vpcConfig`).
 */

/** An EventBridge content filter on one field. */
export type FieldMatcher = { readonly exists: boolean } | { readonly "anything-but": string | readonly string[] };

export interface NonCompliantCreate {
  /** CloudTrail event names (SageMaker API actions) the check applies to. */
  readonly eventNames: readonly string[];
  /** What is wrong with a matching request, in words an operator understands. */
  readonly finding: string;
  /** Path under `requestParameters` of the leaf field that is checked. */
  readonly field: readonly string[];
  /** Each matcher alone makes the request non-compliant (they become separate `$or` branches). */
  readonly matchers: readonly FieldMatcher[];
  /**
   * Leaf fields that must exist for the check to apply (a request shape with alternatives, e.g. one tuning job
   * definition or several). @default none
   */
  readonly when?: readonly (readonly string[])[];
}

const MISSING: FieldMatcher = { exists: false };
const VPC_JOBS = ["CreateTrainingJob", "CreateModel", "CreateCompilationJob"];
const NETWORK_CONFIG_JOBS = [
  "CreateProcessingJob", "CreateDataQualityJobDefinition", "CreateModelQualityJobDefinition",
  "CreateModelBiasJobDefinition", "CreateModelExplainabilityJobDefinition",
];

export const NON_COMPLIANT_SAGEMAKER_CREATES: readonly NonCompliantCreate[] = [
  { eventNames: ["CreateNotebookInstance"], finding: "notebook instance outside the VPC (no subnetId)", field: ["subnetId"], matchers: [MISSING] },
  {
    eventNames: ["CreateNotebookInstance"], finding: "notebook instance with direct internet access (Enabled, or left at its default, Enabled)",
    field: ["directInternetAccess"], matchers: [MISSING, { "anything-but": "Disabled" }],
  },
  {
    eventNames: ["CreateNotebookInstance"], finding: "notebook instance with root access (Enabled, or left at its default, Enabled)",
    field: ["rootAccess"], matchers: [MISSING, { "anything-but": "Disabled" }],
  },
  { eventNames: VPC_JOBS, finding: "job or model without VPC configuration (vpcConfig.subnets)", field: ["vpcConfig", "subnets"], matchers: [MISSING] },
  { eventNames: NETWORK_CONFIG_JOBS, finding: "job without VPC configuration (networkConfig.vpcConfig.subnets)", field: ["networkConfig", "vpcConfig", "subnets"], matchers: [MISSING] },
  {
    eventNames: ["CreateHyperParameterTuningJob"], finding: "tuning job whose training job definition has no VPC configuration",
    field: ["trainingJobDefinition", "vpcConfig", "subnets"], matchers: [MISSING], when: [["trainingJobDefinition", "roleArn"]],
  },
  {
    eventNames: ["CreateHyperParameterTuningJob"], finding: "tuning job none of whose training job definitions has a VPC configuration",
    field: ["trainingJobDefinitions", "vpcConfig", "subnets"], matchers: [MISSING], when: [["trainingJobDefinitions", "roleArn"]],
  },
  { eventNames: ["CreateAutoMLJob"], finding: "AutoML job without VPC configuration", field: ["autoMLJobConfig", "securityConfig", "vpcConfig", "subnets"], matchers: [MISSING] },
  { eventNames: ["CreateAutoMLJobV2"], finding: "AutoML (V2) job without VPC configuration", field: ["securityConfig", "vpcConfig", "subnets"], matchers: [MISSING] },
  {
    eventNames: ["CreateDomain"], finding: "Studio domain with internet access (appNetworkAccessType left at its default, PublicInternetOnly)",
    field: ["appNetworkAccessType"], matchers: [MISSING],
  },
  // --- Studio (docs/studio.md): a domain opened to the internet, a user profile not made by Terraform. The pattern
  // must stay within EventBridge's 2048 characters: shared spaces and domains without the project key are refused up
  // front (role policies, boundary) rather than reported here. ---
  {
    // An UpdateDomain that leaves the network alone carries no appNetworkAccessType: only a value other than VpcOnly counts.
    eventNames: ["CreateDomain", "UpdateDomain"], finding: "Studio domain created with, or switched to, internet access (appNetworkAccessType other than VpcOnly)",
    field: ["appNetworkAccessType"], matchers: [{ "anything-but": "VpcOnly" }],
  },
  {
    // Terraform gives every profile the project's Studio security group (studio-domain.ts). (Tags would say more, but
    // they are an array of objects, which the emulator's matcher cannot test for absence.)
    eventNames: ["CreateUserProfile"], finding: "Studio user profile created outside the rules: without the project's security group (userSettings.securityGroups)",
    field: ["userSettings", "securityGroups"], matchers: [MISSING],
  },
];

/** Every SageMaker API call the control looks at. */
export function watchedEventNames(checks: readonly NonCompliantCreate[] = NON_COMPLIANT_SAGEMAKER_CREATES): string[] {
  return [...new Set(checks.flatMap((c) => c.eventNames))].sort();
}

type Pattern = { [key: string]: Pattern | readonly unknown[] };

function nest(path: readonly string[], leaf: readonly unknown[], into: Pattern = {}): Pattern {
  let node = into;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = leaf;
    else node = (node[key] ??= {}) as Pattern;
  });
  return into;
}

/**
 * The EventBridge pattern: CloudTrail-recorded SageMaker calls that match any check. Each (check, matcher) becomes
 * one `$or` branch: `{ eventName: [...], requestParameters: { <field>: [matcher], <when>: [{exists: true}] } }`.
 */
export function nonCompliantSageMakerCreatePattern(checks: readonly NonCompliantCreate[] = NON_COMPLIANT_SAGEMAKER_CREATES): Record<string, unknown> {
  const branches = checks.flatMap((check) => check.matchers.map((matcher) => {
    const requestParameters = nest(check.field, [matcher]);
    for (const path of check.when ?? []) nest(path, [{ exists: true }], requestParameters);
    return { eventName: [...check.eventNames], requestParameters };
  }));
  return {
    "source": ["aws.sagemaker"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": { eventSource: ["sagemaker.amazonaws.com"], $or: branches },
  };
}
