/**
 * The library: the patterns (whole stacks: a platform per environment, a project, the Terraform state), the
 * constructs they are made of, and the vocabulary (roles, policy documents, ARN helpers, catalogues), each with
 * its Props. A cdktf app depends on this package and builds its own stacks beside them; the CLI app of this
 * repository (app/) is its first user. Provider classes stay deep imports (`@cdktf/provider-aws/lib/<resource>`).
 */

// Patterns
export * from "./patterns/platform";
export * from "./patterns/project";
export * from "./patterns/state";

// Constructs
export * from "./constructs/audit/audit-trail";
export * from "./constructs/audit/cis-alarms";
export * from "./constructs/audit/detective-control";
export * from "./constructs/audit/encrypted-log-group";
export * from "./constructs/audit/environment-audit";
export * from "./constructs/audit/sagemaker-create-checks";
export * from "./constructs/audit/sagemaker-log-groups";
export * from "./constructs/code/code-repository";
export * from "./constructs/code/package-mirror";
export * from "./constructs/encryption/encryption-key";
export * from "./constructs/encryption/key-policy";
export * from "./constructs/encryption/project-keys";
export * from "./constructs/identity/boundary";
export * from "./constructs/identity/project-identity";
export * from "./constructs/identity/project-role";
export * from "./constructs/identity/project-scope";
export * from "./constructs/identity/role-policies";
export * from "./constructs/identity/studio-policies";
export * from "./constructs/identity/trust-policies";
export * from "./constructs/network/endpoint-policies";
export * from "./constructs/network/dns-resolver";
export * from "./constructs/network/flow-logs";
export * from "./constructs/network/interface-endpoints";
export * from "./constructs/network/private-network";
export * from "./constructs/network/project-security-group";
export * from "./constructs/network/s3-gateway-endpoint";
export * from "./constructs/network/security-groups";
export * from "./constructs/network/studio-security-group";
export * from "./constructs/organization/guardrails";
export * from "./constructs/organization/organization-guardrails";
export * from "./constructs/organization/policy-packing";
export * from "./constructs/sagemaker/hardened-notebook";
export * from "./constructs/sagemaker/notebook-lifecycle";
export * from "./constructs/sagemaker/notebook-start-script";
export * from "./constructs/sagemaker/sdk-defaults";
export * from "./constructs/sagemaker/studio-domain";
export * from "./constructs/sagemaker/studio-start-script";
export * from "./constructs/state/lock-table";
export * from "./constructs/state/plan-access";
export * from "./constructs/state/state-bucket";
export * from "./constructs/storage/access-log-bucket";
export * from "./constructs/storage/bucket-policy";
export * from "./constructs/storage/project-buckets";
export * from "./constructs/storage/secure-bucket";

// Vocabulary
export * from "./domain/batch-transform";
export * from "./domain/buckets";
export * from "./domain/catalogue/cis-monitoring";
export * from "./domain/catalogue/codeartifact";
export * from "./domain/catalogue/endpoints";
export * from "./domain/catalogue/instance-types";
export * from "./domain/catalogue/notebook-instance-types";
export * from "./domain/catalogue/regions";
export * from "./domain/catalogue/sagemaker-log-groups";
export * from "./domain/catalogue/studio-instance-types";
export * from "./domain/catalogue/studio-image-accounts";
export * from "./domain/policy/document";
export * from "./domain/roles";
export * from "./domain/studio-names";
