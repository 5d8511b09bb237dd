/**
 * `plan(config)`: everything the app derives from a validated config, computed once and in one place: the stacks
 * in dependency order, every resource name (with the config path a user edits to change it), subnet CIDRs, the
 * interface endpoint set, tags, and the name patterns policies use for "this environment" and "this project".
 * Pure TypeScript: no cdktf, no constructs, no file or environment access. Stacks wire constructs from it;
 * `checkPlan` (check.ts) holds every planned name against the rule AWS applies before anything is synthesized.
 */
import { CIS_MONITORING } from "../../lib/domain/catalogue/cis-monitoring";
import { CODEARTIFACT_ASSET_BUCKETS } from "../../lib/domain/catalogue/codeartifact";
import { selectEndpoints } from "../../lib/domain/catalogue/endpoints";
import { dnsSuffixOf, partitionOf } from "../../lib/domain/catalogue/regions";
import { Cidr, format, parseCidr, subnet } from "../config/cidr";
import { featureEndpoints } from "../config/data-protection";
import type { Config, EnvironmentConfig, ProjectConfig } from "../config/schema";
import { ROLE_NAMES, ROLE_PATH, RoleName, STUDIO_ROLES } from "../../lib/domain/roles";
import type { AuditLogGroupNames } from "../../lib/constructs/audit/environment-audit";
import type { PlatformNames, PlatformNetwork } from "../../lib/patterns/platform";
import type { ProjectNames } from "../../lib/patterns/project";
import { ArnScope, MAX_POLICY_PARTS, PolicyDocument, Statement } from "../../lib/domain/policy/document";
import type { OrganizationConfig } from "../config/organization";
import { GuardrailInput, resourceControlStatements, serviceControlStatements, vpcBlockPublicAccessPolicy } from "../../lib/constructs/organization/guardrails";
import { ORGANIZATIONS_POLICIES_PER_TARGET, packStatements } from "../../lib/constructs/organization/policy-packing";
import { endpointLogGroupName, SAGEMAKER_LOG_GROUPS, sageMakerLogGroupName } from "../../lib/domain/catalogue/sagemaker-log-groups";
import { usesStudio } from "../config/studio";
import { STUDIO_APP_TYPES, StudioAppType } from "../../lib/domain/studio-names";
import { aliasBase, BUCKET_PURPOSES, bucketName, environmentBase, organizationStackName, platformStackName, projectStackName, stateStackName } from "./names";

export type StackKind = "state" | "platform" | "project" | "organization";

/** One stack of the app. */
export interface StackPlan {
  readonly name: string;
  readonly kind: StackKind;
  readonly environment: string;
  /** The project, for a project stack. */
  readonly project?: string;
  /** Stacks that must be deployed before this one (destroyed after it). */
  readonly dependsOn: readonly string[];
}

/** The kinds of name AWS constrains; `rules.ts` holds the rule of each. */
export type NameKind =
  | "s3-bucket" | "iam-role" | "iam-policy" | "iam-path" | "kms-alias" | "log-group" | "sagemaker" | "codecommit"
  | "dynamodb-table" | "sns-topic" | "eventbridge-rule" | "cloudtrail" | "security-group" | "codeartifact-domain"
  | "codeartifact-repository" | "state-key" | "tfc-workspace" | "resolver-endpoint" | "metric-filter" | "metric-alarm" | "organizations-policy";

/** A name the app will give a resource. */
export interface PlannedName {
  readonly kind: NameKind;
  readonly name: string;
  /** What it names, for messages: "the data bucket", "the training role". */
  readonly what: string;
  /** The config path a user edits to change it (the most specific one). */
  readonly path: string;
  /** What to shorten when it is too long, e.g. "the prefix, environment or project name". */
  readonly shorten: string;
  /** The environment whose resource it names. */
  readonly environment: string;
  /** The project whose resource it names, if any. */
  readonly project?: string;
  /**
   * What the name must be unique among besides its kind and scope (app/plan/check.ts `SCOPES`), when the kind alone does
   * not say: the SageMaker resource type, the Studio domain of a user profile, the bucket of a state key.
   */
  readonly namespace?: string;
}

/** Names of an environment's Terraform state resources (the state stack creates them, every backend uses them). */
export interface StatePlan {
  readonly bucket: string;
  /** Bucket receiving the state bucket's server access logs: `<prefix>-<environment>-tfstate-logs-<account>`. */
  readonly accessLogBucket: string;
  /** Lock table, when the backend's locking uses DynamoDB. */
  readonly lockTable?: string;
  /** Alias of the state key, without `alias/`: `<prefix>/<environment>/tfstate`. */
  readonly keyAlias: string;
  /** The S3 key of a stack's state. */
  key(stack: string): string;
}

/** HCP Terraform workspace of a stack: `<workspacePrefix><stack>`, `<prefix>-<stack>` by default. */
export function workspaceName(prefix: string, env: EnvironmentConfig, stack: string): string {
  const p = env.backend.type === "cloud" ? env.backend.workspacePrefix : undefined;
  return `${p ?? `${prefix}-`}${stack}`;
}

/** Names of the platform's resources that AWS constrains (the state's are in `StatePlan`, the log groups in `network` and `auditLogGroups`). */
export interface EnvironmentNames extends PlatformNames {
  /** Session name of Terraform's provider when it assumes `assumeRoleArn`: `<base>-terraform`. */
  readonly providerSession: string;
  /** Session name of the S3 backend when it assumes `assumeRoleArn`: `<base>-terraform-state`. */
  readonly backendSession: string;
}

export interface EnvironmentPlan {
  readonly config: EnvironmentConfig;
  /** Index in `config.environments`. */
  readonly index: number;
  readonly name: string;
  /** `<prefix>-<environment>`: the start of every resource name. */
  readonly base: string;
  /** `<prefix>/<environment>`: the start of key aliases (without `alias/`) and of the environment's log groups. */
  readonly aliasBase: string;
  readonly scope: ArnScope;
  readonly dnsSuffix: string;
  readonly stacks: { readonly state?: string; readonly platform: string };
  readonly state: StatePlan;
  /** HCP Terraform workspace of a stack (backend type "cloud"). */
  workspace(stack: string): string;
  /** Default tags of every resource of the environment. */
  readonly tags: Readonly<Record<string, string>>;
  /** The VPC, its subnets (one per zone, in zone order), endpoints, S3 endpoint buckets, flow-log group, clients. */
  readonly network: PlatformNetwork;

  readonly logsKeyAlias: string;
  /** Names of the platform's resources (roles, security groups, topic, rule, trail, key aliases). */
  readonly names: EnvironmentNames;
  /**
   * Who administers every customer-managed key of the environment (and is inside the project data perimeter): the
   * deploy principal(s) and the break-glass role(s). Empty when the config names none (then the account root).
   */
  readonly keyAdministrators: readonly string[];
  /**
   * The read-only principals that run `terraform plan` (`dataProtection.planPrincipalArns`): every key policy and the
   * project buckets admit them for the configuration reads a plan's refresh makes, nothing else.
   */
  readonly planPrincipals: readonly string[];
  /**
   * Who may change the configuration of the audit evidence buckets (trail and access-log buckets) or delete them: the
   * deploy principals (`dataProtection.administratorArns` and `assumeRoleArn`, the principals Terraform runs as) and
   * the break-glass role(s). Never empty once an evidence bucket exists (app/config/data-protection.ts).
   */
  readonly evidenceAdministrators: readonly string[];
  readonly auditLogGroups: AuditLogGroupNames;
  /**
   * The buckets whose object-level events the trail records: every project bucket, by the shared name prefix
   * `<prefix>-<environment>-` (one selector value however many projects), less the state buckets in that namespace
   * (the trail leaves out its own). None without projects.
   */
  readonly dataEvents?: { readonly bucketNamePrefix: string; readonly exceptBuckets: readonly string[] };
  /**
   * The private PyPI mirror, when enabled: its key alias (without `alias/`, `<prefix>/<environment>/packages`), its
   * CodeArtifact domain (`<base>`) and repository (`pypi`).
   */
  readonly packageMirror?: { readonly keyAlias: string; readonly domain: string; readonly repository: string };
  readonly projects: readonly ProjectPlan[];
}

/** A project role: the role's name and ARN, and the names of its managed policy. */
export interface RolePlan {
  /** `<project base>-<role>`, under the path `ROLE_PATH`. */
  readonly name: string;
  /** `arn:<partition>:iam::<account>:role/sagemaker-project/<name>`: deterministic, so policies name it without a reference. */
  readonly arn: string;
  /**
   * Names of the parts of the role's managed policy, in order: `<name>`, `<name>-2`, ... `<name>-<MAX_POLICY_PARTS>`.
   * A policy beyond IAM's 6144 characters is split (lib/domain/policy/document.ts `splitPolicy`); ProjectRole uses
   * as many of these names as there are parts (usually one).
   */
  readonly policyParts: readonly string[];
  /**
   * The role's own permissions boundary, `<name>-boundary`: derived from the role's grants (lib/constructs/identity/boundary.ts),
   * with the Studio grants in a Studio project's Studio roles.
   */
  readonly boundary: string;
  /** The Studio policy of a Studio role (`<name>-studio`), in a Studio project. */
  readonly studio?: { readonly policy: string };
}

/** Names of a project's resources that AWS constrains (the buckets are `bucket(purpose)`, the notebooks `notebooks`). */
export type { ProjectNames };

export interface ProjectPlan {
  readonly config: ProjectConfig;
  /** Index in the environment's `projects`. */
  readonly index: number;
  readonly name: string;
  readonly stack: string;
  /** `<prefix>-<environment>-<project>`: the start of the project's resource names. */
  readonly base: string;
  /** `<prefix>/<environment>/<project>`: the start of the project's key aliases. */
  readonly aliasPrefix: string;
  /** Globally unique S3 bucket name for a purpose ("data", "models", ...): `<project base>-<purpose>-<account>`. */
  bucket(purpose: string): string;
  /** Tags the project adds to the environment's. */
  readonly tags: Readonly<Record<string, string>>;
  /** The seven roles, by short name (lib/constructs/identity/project-scope.ts `ROLE_NAMES`). */
  readonly roles: Readonly<Record<RoleName, RolePlan>>;
  /**
   * The exact ARN of every role of the project (`roles[*].arn`, in `ROLE_NAMES` order): key and bucket policies admit
   * these and no other principal by name (`aws:PrincipalArn`), so they need not wait for the roles, and a role an
   * administrator creates with a look-alike name (`<project base>-anything`) is not one of them.
   */
  readonly roleArnList: readonly string[];
  /** ARN of the project's training role (`roles.training.arn`): the only role that writes model artifacts. */
  readonly trainingRoleArn: string;
  /** Names of the project's keys, boundary, repository and Studio domain. */
  readonly names: ProjectNames;
  /**
   * Who may assume the people-facing roles: the config's `identity.dataScientistPrincipals` / `cicdPrincipals`, or,
   * where a list is empty, the environment's deploy principals (`dataProtection.administratorArns`): no role trusts
   * the whole account.
   */
  readonly trust: { readonly dataScientists: readonly string[]; readonly cicd: readonly string[] };
  /** Notebook instance names, in config order. */
  readonly notebooks: readonly { readonly name: string; readonly instanceName: string }[];
  /** The notebooks' lifecycle configuration. */
  readonly notebookLifecycle: string;
}

/** One generated Organizations policy: its name and content. */
export interface OrganizationPolicyPlan {
  /** `<prefix>-sagemaker-scp-<n>`, `<prefix>-sagemaker-rcp-<n>`, `<prefix>-vpc-block-public-access`. */
  readonly name: string;
  readonly type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY" | "DECLARATIVE_POLICY_EC2";
  readonly content: PolicyDocument | Record<string, unknown>;
}

/** The organization stack (`organization:` in the config): where it deploys, and the policies, packed within AWS's limits. */
export interface OrganizationPlan {
  readonly config: OrganizationConfig;
  /** `organization`. */
  readonly stack: string;
  readonly region: string;
  /** Session name of the provider when it assumes `organization.assumeRoleArn`: `<prefix>-organization-terraform`. */
  readonly providerSession: string;
  /** What the guardrails name, from the environments' plans. */
  readonly guardrails: GuardrailInput;
  /** SCPs, RCPs and the declarative policy; empty when `problem` is set. */
  readonly policies: readonly OrganizationPolicyPlan[];
  /** Why the policies cannot fit AWS's limits (reported by app/plan/check.ts at `organization`). */
  readonly problem?: string;
}

export interface Plan {
  readonly prefix: string;
  /** Every stack, in dependency order (deploy in this order, destroy in reverse). */
  readonly stacks: readonly StackPlan[];
  readonly environments: readonly EnvironmentPlan[];
  /** The organization stack, when the config has `organization`. */
  readonly organization?: OrganizationPlan;
  /** Every name the app gives a resource, with the config path that changes it. */
  readonly names: readonly PlannedName[];
}

/** Tags of every resource of an environment: environment, managed-by, the config's tags, owner and cost-centre (which win). */
export function environmentTags(prefix: string, env: EnvironmentConfig): Record<string, string> {
  return {
    environment: env.name,
    "managed-by": `${prefix}-cdktf`,
    ...env.tags,
    ...(env.owner && { owner: env.owner }),
    ...(env.costCentre && { "cost-centre": env.costCentre }),
  };
}

/** Tags a project adds to the environment's: project, its own owner and cost centre, its tags. */
export function projectTags(project: ProjectConfig): Record<string, string> {
  return {
    ...project.tags,
    project: project.name,
    ...(project.owner && { owner: project.owner }),
    ...(project.costCentre && { "cost-centre": project.costCentre }),
  };
}

/** The subnet CIDRs of an environment, one per zone, in zone order. Assumes a validated network. */
export function subnetCidrs(network: { vpcCidr: string; subnetPrefixLength?: number }, zones: number): string[] {
  const vpc = parseCidr(network.vpcCidr) as Cidr;
  const prefix = network.subnetPrefixLength ?? Math.min(vpc.prefix + 3, 28);
  return Array.from({ length: zones }, (_, i) => format(subnet(vpc, prefix, i)));
}

export function statePlan(prefix: string, env: EnvironmentConfig): StatePlan {
  const b = env.backend.type === "s3" ? env.backend : undefined;
  return {
    bucket: b?.bucket ?? bucketName(environmentBase(prefix, env.name), "tfstate", env.accountId),
    accessLogBucket: bucketName(environmentBase(prefix, env.name), "tfstate-logs", env.accountId),
    lockTable: b && b.locking !== "lockfile" ? (b.dynamodbTable ?? `${environmentBase(prefix, env.name)}-tfstate-lock`) : undefined,
    keyAlias: `${aliasBase(prefix, env.name)}/tfstate`,
    key: (stack) => `${b?.keyPrefix ?? ""}${stack}/terraform.tfstate`,
  };
}

export function auditLogGroupNames(opts: { prefix: string; environment: string; accountTrail: boolean; sageMakerLogGroups: boolean }): AuditLogGroupNames {
  return {
    trail: opts.accountTrail ? `/${aliasBase(opts.prefix, opts.environment)}/cloudtrail` : undefined,
    sageMaker: opts.sageMakerLogGroups ? [...SAGEMAKER_LOG_GROUPS.map(sageMakerLogGroupName), endpointLogGroupName("*")] : [],
  };
}

/** ARN of an IAM role of the project path. */
function projectRoleArn(scope: ArnScope, name: string): string {
  return `arn:${scope.partition}:iam::${scope.accountId}:role${ROLE_PATH}${name}`;
}

/**
 * The roles of a project whose names start with `projectBase`: name, ARN, policy part names and, with `studio`,
 * the Studio policy names of the Studio roles. Exported for the policy tests, which build a project scope from it.
 */
export function projectRoles(scope: ArnScope, projectBase: string, studio = false): Record<RoleName, RolePlan> {
  const role = (r: RoleName): RolePlan => {
    const name = `${projectBase}-${r}`;
    return {
      name,
      arn: projectRoleArn(scope, name),
      policyParts: Array.from({ length: MAX_POLICY_PARTS }, (_, i) => (i === 0 ? name : `${name}-${i + 1}`)),
      boundary: `${name}-boundary`,
      studio: studio && (STUDIO_ROLES as readonly string[]).includes(r) ? { policy: `${name}-studio` } : undefined,
    };
  };
  return Object.fromEntries(ROLE_NAMES.map((r) => [r, role(r)])) as Record<RoleName, RolePlan>;
}

export { roleArnsOf } from "../../lib/domain/roles";

function projectPlan(prefix: string, env: EnvironmentConfig, envBase: string, scope: ArnScope, project: ProjectConfig, index: number): ProjectPlan {
  const base = `${envBase}-${project.name}`;
  const aliasPrefix = `${aliasBase(prefix, env.name)}/${project.name}`;
  const studio = usesStudio(project);
  const roles = projectRoles(scope, base, studio);
  return {
    config: project,
    index,
    name: project.name,
    stack: projectStackName(env.name, project.name),
    base,
    aliasPrefix,
    bucket: (purpose) => bucketName(base, purpose, env.accountId),
    tags: projectTags(project),
    roles,
    roleArnList: ROLE_NAMES.map((r) => roles[r].arn),
    trainingRoleArn: roles.training.arn,
    names: {
      rolePath: ROLE_PATH,
      keyAliases: { data: `${aliasPrefix}/data`, volumes: `${aliasPrefix}/volumes`, logs: `${aliasPrefix}/logs` },
      logGroupPattern: `/${aliasPrefix}/*`,
      codeRepository: base,
      computeSecurityGroup: `${base}-compute`,
      studio: studio ? {
        domain: base,
        securityGroup: `${base}-studio`,
        lifecycleConfigs: Object.fromEntries(STUDIO_APP_TYPES.map((t) => [t, `${base}-${t.toLowerCase()}`])) as Record<StudioAppType, string>,
      } : undefined,
    },
    trust: {
      dataScientists: project.identity.dataScientistPrincipals.length ? project.identity.dataScientistPrincipals : env.dataProtection.administratorArns,
      cicd: project.identity.cicdPrincipals.length ? project.identity.cicdPrincipals : env.dataProtection.administratorArns,
    },
    notebooks: project.notebooks.map((n) => ({ name: n.name, instanceName: `${base}-${n.name}` })),
    notebookLifecycle: `${base}-notebooks`,
  };
}

function environmentPlan(config: Config, env: EnvironmentConfig, index: number): EnvironmentPlan {
  const prefix = config.prefix;
  const base = environmentBase(prefix, env.name);
  const scope: ArnScope = { partition: partitionOf(env.region), region: env.region, accountId: env.accountId };
  const projects = env.projects.map((p, j) => projectPlan(prefix, env, base, scope, p, j));
  const state = statePlan(prefix, env);
  const assetBucket = Object.hasOwn(CODEARTIFACT_ASSET_BUCKETS, env.region) ? CODEARTIFACT_ASSET_BUCKETS[env.region] : undefined;
  return {
    config: env,
    index,
    name: env.name,
    base,
    aliasBase: aliasBase(prefix, env.name),
    scope,
    dnsSuffix: dnsSuffixOf(env.region),
    stacks: { state: env.backend.type === "s3" ? stateStackName(env.name) : undefined, platform: platformStackName(env.name) },
    state,
    workspace: (stack) => workspaceName(prefix, env, stack),
    tags: environmentTags(prefix, env),
    network: {
      vpcCidr: env.network.vpcCidr,
      availabilityZones: env.availabilityZones,
      clientAccess: env.network.clientAccess,
      subnetCidrs: subnetCidrs(env.network, env.availabilityZones.length),
      endpoints: selectEndpoints(env.network.interfaceEndpoints, featureEndpoints(env).map((f) => f.endpoint)),
      s3BucketPatterns: [`${base}-*`, ...env.network.s3AllowedBuckets],
      s3ServiceBuckets: env.packageMirror.enabled && assetBucket ? [assetBucket] : [],
      flowLogGroup: `/${aliasBase(prefix, env.name)}/vpc-flow-logs`,
    },
    logsKeyAlias: `${aliasBase(prefix, env.name)}/logs`,
    names: {
      flowLogRole: `${base}-vpc-flow-logs`,
      endpointSecurityGroup: `${base}-vpc-endpoints`,
      dnsResolver: env.network.clientAccess.dnsResolver ? { endpoint: `${base}-dns-inbound`, securityGroup: `${base}-dns-inbound` } : undefined,
      alertTopic: `${base}-security-alerts`,
      alertRule: `${base}-sagemaker-noncompliant-create`,
      alertKeyAlias: `${aliasBase(prefix, env.name)}/alerts`,
      trail: env.audit.trail === "account" ? {
        name: `${base}-trail`,
        deliveryRole: `${base}-trail-to-cloudwatch-logs`,
        keyAlias: `${aliasBase(prefix, env.name)}/cloudtrail`,
        bucket: bucketName(base, "cloudtrail", env.accountId),
        accessLogBucket: bucketName(base, "cloudtrail-access-logs", env.accountId),
        cisAlarms: env.audit.cisAlarms === false ? undefined : {
          namespace: `${aliasBase(prefix, env.name)}/cis`,
          alarms: CIS_MONITORING.map((control) => ({ control, name: `${base}-cis-${control.control}-${control.id}` })),
        },
      } : undefined,
      providerSession: `${base}-terraform`,
      backendSession: `${base}-terraform-state`,
    },
    keyAdministrators: [...env.dataProtection.administratorArns, ...env.dataProtection.breakGlassArns],
    planPrincipals: env.dataProtection.planPrincipalArns,
    evidenceAdministrators: [...new Set([...env.dataProtection.administratorArns, ...(env.assumeRoleArn ? [env.assumeRoleArn] : []), ...env.dataProtection.breakGlassArns])],
    auditLogGroups: auditLogGroupNames({ prefix, environment: env.name, accountTrail: env.audit.trail === "account", sageMakerLogGroups: env.audit.sageMakerLogGroups }),
    dataEvents: projects.length === 0 ? undefined : {
      bucketNamePrefix: `${base}-`,
      exceptBuckets: env.backend.type === "s3" ? [state.bucket, state.accessLogBucket] : [],
    },
    packageMirror: env.packageMirror.enabled ? { keyAlias: `${aliasBase(prefix, env.name)}/packages`, domain: base, repository: "pypi" } : undefined,
    projects,
  };
}

function stackPlans(envs: readonly EnvironmentPlan[]): StackPlan[] {
  return envs.flatMap((e): StackPlan[] => [
    ...(e.stacks.state ? [{ name: e.stacks.state, kind: "state" as const, environment: e.name, dependsOn: [] }] : []),
    { name: e.stacks.platform, kind: "platform", environment: e.name, dependsOn: e.stacks.state ? [e.stacks.state] : [] },
    ...e.projects.map((p) => ({ name: p.stack, kind: "project" as const, environment: e.name, project: p.name, dependsOn: [e.stacks.platform] })),
  ]);
}

/**
 * Every name of an environment with the config path that changes it, read from the plan's fields (no formula here:
 * the names are computed once, in `environmentPlan` and `projectPlan`, and the modules are given them).
 * `__tests__/plan/plan.test.ts` proves that every name in the synthesized JSON is one of these.
 */
function plannedNames(e: EnvironmentPlan): PlannedName[] {
  const env = e.config;
  const at = `environments[${e.index}]`;
  const out: PlannedName[] = [];
  const add = (kind: NameKind, name: string, what: string, path = `${at}.name`, shorten = "the prefix or environment name", project?: string, namespace?: string) =>
    out.push({ kind, name, what, path, shorten, environment: e.name, project, ...(namespace !== undefined && { namespace }) });
  // ---- state ----
  if (env.backend.type === "s3") {
    const b = env.backend;
    add("s3-bucket", e.state.bucket, "the state bucket", b.bucket ? `${at}.backend.bucket` : `${at}.name`, b.bucket ? "backend.bucket" : undefined);
    add("s3-bucket", e.state.accessLogBucket, "the state access-log bucket");
    if (e.state.lockTable) add("dynamodb-table", e.state.lockTable, "the state lock table", b.dynamodbTable ? `${at}.backend.dynamodbTable` : `${at}.name`, b.dynamodbTable ? "backend.dynamodbTable" : undefined);
    add("kms-alias", `alias/${e.state.keyAlias}`, "the state key alias");
    for (const stack of [e.stacks.state, e.stacks.platform, ...e.projects.map((p) => p.stack)]) {
      if (stack) add("state-key", e.state.key(stack), `the state object key of ${stack}`, b.keyPrefix ? `${at}.backend.keyPrefix` : `${at}.name`, b.keyPrefix ? "backend.keyPrefix" : undefined, undefined, `objects of bucket ${e.state.bucket}`);
    }
  }
  if (env.backend.type === "cloud" && env.backend.workspaces === "named") {
    const b = env.backend;
    for (const stack of [e.stacks.platform, ...e.projects.map((p) => p.stack)]) {
      add("tfc-workspace", e.workspace(stack), `the HCP Terraform workspace of ${stack}`, b.workspacePrefix !== undefined ? `${at}.backend.workspacePrefix` : `${at}.name`, b.workspacePrefix !== undefined ? "backend.workspacePrefix or the environment or project name" : undefined, undefined, `workspaces of organisation ${b.organization} on ${b.hostname}`);
    }
  }
  // ---- platform ----
  add("kms-alias", `alias/${e.logsKeyAlias}`, "the logs key alias");
  add("log-group", e.network.flowLogGroup, "the VPC flow log group");
  add("iam-role", e.names.flowLogRole, "the flow-log delivery role");
  add("security-group", e.names.endpointSecurityGroup, "the endpoint security group");
  if (e.names.dnsResolver) {
    add("resolver-endpoint", e.names.dnsResolver.endpoint, "the Route 53 Resolver inbound endpoint");
    add("security-group", e.names.dnsResolver.securityGroup, "the DNS resolver's security group");
  }
  if (e.packageMirror) {
    add("kms-alias", `alias/${e.packageMirror.keyAlias}`, "the package mirror key alias");
    add("codeartifact-domain", e.packageMirror.domain, "the CodeArtifact domain");
    add("codeartifact-repository", e.packageMirror.repository, "the CodeArtifact repository", undefined, undefined, undefined, `repositories of domain ${e.packageMirror.domain}`);
  }
  const trail = e.names.trail;
  if (trail) {
    add("cloudtrail", trail.name, "the trail");
    add("iam-role", trail.deliveryRole, "the trail delivery role");
    add("kms-alias", `alias/${trail.keyAlias}`, "the trail key alias");
    add("s3-bucket", trail.bucket, "the trail bucket");
    add("s3-bucket", trail.accessLogBucket, "the trail access-log bucket");
    for (const a of trail.cisAlarms?.alarms ?? []) {
      add("metric-filter", a.name, `the CIS ${a.control.control} metric filter`);
      add("metric-alarm", a.name, `the CIS ${a.control.control} alarm`);
    }
  }
  if (e.auditLogGroups.trail) add("log-group", e.auditLogGroups.trail, "the trail log group");
  add("kms-alias", `alias/${e.names.alertKeyAlias}`, "the alert key alias");
  add("sns-topic", e.names.alertTopic, "the alert topic");
  add("eventbridge-rule", e.names.alertRule, "the detective-control rule");
  // ---- projects ----
  for (const p of e.projects) {
    const pat = `${at}.projects[${p.index}]`;
    const addP = (kind: NameKind, name: string, what: string, path = `${pat}.name`, shorten = "the prefix, environment or project name", namespace?: string) =>
      add(kind, name, `${what} of project ${p.name}`, path, shorten, p.name, namespace);
    for (const purpose of Object.values(BUCKET_PURPOSES)) addP("s3-bucket", p.bucket(purpose), `the ${purpose} bucket`);
    for (const [key, alias] of Object.entries(p.names.keyAliases)) addP("kms-alias", `alias/${alias}`, `the ${key} key alias`);
    addP("iam-path", p.names.rolePath, "the role path");
    for (const role of ROLE_NAMES) {
      const r = p.roles[role];
      addP("iam-role", r.name, `the ${role} role`);
      // Part 1 is `<role name>`; the others exist only for a policy beyond IAM's 6144 characters (lib/constructs/identity/project-role.ts).
      r.policyParts.forEach((part, i) => addP("iam-policy", part, i === 0 ? `the ${role} policy` : `part ${i + 1} of the ${role} policy`));
      addP("iam-policy", r.boundary, `the permissions boundary of the ${role} role`);
    }
    if (p.config.codeRepository.type === "codecommit") addP("codecommit", p.names.codeRepository, "the CodeCommit repository");
    addP("sagemaker", p.names.codeRepository, "the SageMaker code repository", undefined, undefined, "code repositories");
    addP("security-group", p.names.computeSecurityGroup, "the compute security group");
    if (p.notebooks.length > 0) addP("sagemaker", p.notebookLifecycle, "the notebook lifecycle configuration", undefined, undefined, "notebook lifecycle configurations");
    p.notebooks.forEach((n, k) => addP("sagemaker", n.instanceName, `the instance of notebook ${n.name}`, `${pat}.notebooks[${k}].name`, "the notebook name", "notebook instances"));
    const studio = p.names.studio;
    if (studio) {
      addP("sagemaker", studio.domain, "the Studio domain", undefined, undefined, "Studio domains");
      for (const t of STUDIO_APP_TYPES) addP("sagemaker", studio.lifecycleConfigs[t], `the ${t} lifecycle configuration`, undefined, undefined, "Studio lifecycle configurations");
      addP("security-group", studio.securityGroup, "the Studio security group");
      for (const role of STUDIO_ROLES) {
        const names = p.roles[role].studio;
        if (!names) throw new Error(`plan: the ${role} role of a Studio project has no Studio policy names`);
        addP("iam-policy", names.policy, `the Studio policy of the ${role} role`);
      }
      p.config.users.forEach((u, k) => addP("sagemaker", u.username, `the Studio user profile of ${u.username}`, `${pat}.users[${k}].username`, "the username", `user profiles of domain ${studio.domain}`));
    }
  }
  return out;
}

function organizationPlan(config: Config, environments: readonly EnvironmentPlan[]): OrganizationPlan | undefined {
  const org = config.organization;
  if (!org) return undefined;
  const region = org.region ?? config.environments[0].region;
  const guardrails: GuardrailInput = {
    partition: partitionOf(region),
    organizationId: org.organizationId,
    exemptPrincipalArns: org.exemptPrincipalArns,
    exemptPrincipalTag: org.exemptPrincipalTag,
    environments: environments.map((e) => ({
      name: e.name, accountId: e.config.accountId, base: e.base, aliasBase: e.aliasBase,
      projectBases: e.projects.map((p) => p.base), vpcId: org.environmentVpcIds[e.name],
    })),
  };
  const base = { config: org, stack: organizationStackName(), region, providerSession: `${config.prefix}-organization-terraform`, guardrails };
  try {
    const packed = (type: "scp" | "rcp", statements: Statement[], others: number) =>
      packStatements(statements, { what: `the ${type.toUpperCase()}s`, maxPolicies: ORGANIZATIONS_POLICIES_PER_TARGET - 1 - others })
        .map((content, i): OrganizationPolicyPlan => ({ name: `${config.prefix}-sagemaker-${type}-${i + 1}`, type: type === "scp" ? "SERVICE_CONTROL_POLICY" : "RESOURCE_CONTROL_POLICY", content }));
    const policies = [
      ...packed("scp", serviceControlStatements(guardrails), org.otherAttachedPolicies.scp),
      ...packed("rcp", resourceControlStatements(guardrails), org.otherAttachedPolicies.rcp),
      ...(org.vpcBlockPublicAccess ? [{ name: `${config.prefix}-vpc-block-public-access`, type: "DECLARATIVE_POLICY_EC2" as const, content: vpcBlockPublicAccessPolicy() }] : []),
    ];
    return { ...base, policies };
  } catch (e) {
    return { ...base, policies: [], problem: (e as Error).message };
  }
}

const cache = new WeakMap<Config, Plan>();

/** The plan of a validated config; computed once per config object. */
export function plan(config: Config): Plan {
  const cached = cache.get(config);
  if (cached) return cached;
  const environments = config.environments.map((env, i) => environmentPlan(config, env, i));
  const organization = organizationPlan(config, environments);
  const result: Plan = {
    prefix: config.prefix,
    stacks: [
      ...stackPlans(environments),
      // Independent of the environments' stacks (nothing is read across accounts); listed last.
      ...(organization ? [{ name: organization.stack, kind: "organization" as const, environment: organization.stack, dependsOn: [] }] : []),
    ],
    environments,
    organization,
    names: [
      ...environments.flatMap(plannedNames),
      ...(organization?.policies ?? []).map((p): PlannedName => ({ kind: "organizations-policy", name: p.name, what: `the ${p.type} ${p.name}`, path: "prefix", shorten: "the prefix", environment: organization!.stack })),
    ],
  };
  cache.set(config, result);
  return result;
}
