import { Construct } from "constructs";
import { Lazy, TerraformOutput, TerraformStack } from "cdktf";
import type { EnvironmentConfig, ProjectConfig } from "../../app/config/schema";
import { CodeRepository } from "../../lib/constructs/code/code-repository";
import { ProjectKeys } from "../../lib/constructs/encryption/project-keys";
import { ProjectBuckets } from "../../lib/constructs/storage/project-buckets";
import { ProjectIdentity } from "../../lib/constructs/identity/project-identity";
import { ProjectScopeInput } from "../../lib/constructs/identity/project-scope";
import { HardenedNotebook } from "../../lib/constructs/sagemaker/hardened-notebook";
import { NotebookLifecycle } from "../../lib/constructs/sagemaker/notebook-lifecycle";
import { arn } from "../../lib/domain/policy/document";
import { type EnvironmentPlan, type ProjectPlan, roleArnsOf } from "../../app/plan/plan";
import { awsProvider } from "../../app/stacks/environment";
import { usesNotebooks, usesStudio } from "../../app/config/studio";
import { StudioSecurityGroup } from "../../lib/constructs/network/studio-security-group";
import { SdkDefaults } from "../../lib/constructs/sagemaker/sdk-defaults";
import { STUDIO_APP_TYPES, StudioDomain } from "../../lib/constructs/sagemaker/studio-domain";
import type { PlatformStack } from "./platform";

export interface ProjectStackProps {
  readonly prefix: string;
  readonly environment: EnvironmentConfig;
  readonly project: ProjectConfig;
  /** The environment's plan and the project's: every name this stack uses. */
  readonly plan: EnvironmentPlan;
  readonly projectPlan: ProjectPlan;
  /** The environment's platform stack; its attributes arrive here as cross-stack references. */
  readonly platform: PlatformStack;
}

/**
 * One per data science project: the project's keys, buckets, roles, notebooks and log groups, inside the
 * environment's network. Sections are filled by the data-protection, identity and audit modules.
 */
export class ProjectStack extends TerraformStack {
  /** The project's KMS keys: `data` (buckets, job outputs, code), `volumes` (EBS), `logs` (project log groups). */
  readonly keys: ProjectKeys;
  /** The project's buckets: `data`, `models`, `accessLogs`. */
  readonly buckets: ProjectBuckets;
  /** The notebooks' default Git repository (`codeRepository.sagemakerCodeRepositoryName`). */
  readonly codeRepository: CodeRepository;
  /** The permissions boundary and the seven roles (docs/security.md: Identity). */
  readonly identity: ProjectIdentity;
  /** The data scientists' notebook instances, by notebook name. */
  readonly notebooks: Record<string, HardenedNotebook> = {};
  /** The project's Studio domain and user profiles, when its front end includes Studio. */
  readonly studio?: StudioDomain;

  constructor(scope: Construct, id: string, props: ProjectStackProps) {
    super(scope, id);
    const env = props.environment;
    const names = { ...props.plan, ...props.projectPlan };
    awsProvider(this, props.plan, names.tags);

    // ---- data protection: keys and buckets (docs/security.md: Data protection) ----
    const dp = env.dataProtection;
    this.keys = new ProjectKeys(this, "keys", {
      scope: names.scope,
      dnsSuffix: names.dnsSuffix,
      name: names.base,
      aliases: names.names.keyAliases,
      logGroupNames: [names.names.logGroupPattern],
      administratorArns: names.keyAdministrators,
      principalArns: [names.rolesPattern],
      studioHomeVolume: usesStudio(props.project),
    });
    this.buckets = new ProjectBuckets(this, "buckets", {
      scope: names.scope,
      bucketName: names.bucket,
      dataKey: this.keys.data,
      s3EndpointId: props.platform.s3Endpoint.endpointId,
      administratorArns: dp.administratorArns,
      breakGlassArns: dp.breakGlassArns,
      projectRoleArns: [names.rolesPattern],
      modelWriterArns: [names.trainingRoleArn],
      noncurrentVersionDays: dp.noncurrentVersionDays,
      accessLogDays: env.logs.retentionDays,
      onDestroy: dp.bucketsOnDestroy,
    });
    this.codeRepository = new CodeRepository(this, "code", {
      name: names.names.codeRepository,
      description: `${names.base}: notebooks and training code of the ${props.project.name} project`,
      source: props.project.codeRepository,
      kmsKeyArn: this.keys.data.keyArn,
    });
    // One output per value, so that a partial (-target) apply still records those whose resources exist.
    const outputs: Record<string, { value: string; description: string }> = {
      data_key_arn: { value: this.keys.data.keyArn, description: "KMS key of the data and model buckets, job outputs and code" },
      volumes_key_arn: { value: this.keys.volumes.keyArn, description: "KMS key of notebook and job EBS volumes" },
      logs_key_arn: { value: this.keys.logs.keyArn, description: "KMS key of the project's log groups" },
      data_bucket: { value: this.buckets.data.bucketName, description: "Training data bucket" },
      models_bucket: { value: this.buckets.models.bucketName, description: "Model artifact bucket" },
      access_logs_bucket: { value: this.buckets.accessLogs.bucketName, description: "Server access logs of the data and model buckets" },
      sagemaker_code_repository: { value: this.codeRepository.sagemakerCodeRepositoryName, description: "The notebooks' default code repository" },
    };
    for (const [name, o] of Object.entries(outputs)) new TerraformOutput(this, name, o);

    // ---- identity: the seven roles, their boundary, the notebooks (docs/security.md: Identity) ----
    const identity = props.project.identity;
    const sagemakerGroups = [props.platform.securityGroups.sagemakerSecurityGroupId];
    const mirror = props.platform.packageMirror?.pip;
    const scopeInput: ProjectScopeInput = {
      scope: names.scope,
      dnsSuffix: names.dnsSuffix,
      projectBase: names.base,
      roleArns: roleArnsOf(names.roles),
      rolesPattern: names.rolesPattern,
      vpcId: props.platform.network.vpcId,
      instanceTypes: props.project.instanceTypes,
      subnetIds: props.platform.network.subnetIds,
      securityGroupIds: sagemakerGroups,
      sagemakerApiEndpointId: props.platform.interfaceEndpoints.endpointIds["sagemaker.api"],
      notebookEndpointId: props.platform.interfaceEndpoints.endpointIds["notebook"],
      dataBucketArns: [this.buckets.data.bucketArn],
      modelBucketArns: [this.buckets.models.bucketArn],
      bucketKeyArns: [this.keys.data.keyArn],
      volumeKeyArn: this.keys.volumes.keyArn,
      outputKeyArn: this.keys.data.keyArn,
      // Deterministic ARNs (not resource references): the roles never wait for, or depend on, the repository and mirror.
      codeRepository: props.project.codeRepository.type === "codecommit"
        ? { arn: arn(names.scope, "codecommit", names.names.codeRepository), keyArn: this.keys.data.keyArn } : undefined,
      packageMirror: mirror && {
        domainArn: arn(names.scope, "codeartifact", `domain/${mirror.domain}`),
        repositoryArn: arn(names.scope, "codeartifact", `repository/${mirror.domain}/${mirror.repository}`),
      },
    };
    const studioConfig = usesStudio(props.project) ? props.project.studio : undefined;
    const studioNames = names.names.studio;
    if (studioConfig && !studioNames) throw new Error(`${id}: the plan has no Studio names for a Studio project`);
    // The roles' Studio policy names the domain, which is created after the roles (it needs the execution role): a lazy id.
    let domain: StudioDomain | undefined;
    this.identity = new ProjectIdentity(this, "identity", {
      input: scopeInput,
      names: { rolePath: names.names.rolePath, boundary: names.names.boundary, roles: names.roles },
      // No role trusts the whole account: until people are named, only the environment's deploy principals (the plan's `trust`).
      dataScientistPrincipals: names.trust.dataScientists,
      peopleTrust: { requireMfa: identity.requireMfa, requireSourceIdentity: identity.requireSourceIdentity },
      cicdPrincipals: names.trust.cicd,
      serviceCatalog: identity.serviceCatalog,
      applicationPrincipals: identity.applicationPrincipals,
      studio: studioConfig && studioNames && {
        domainId: Lazy.stringValue({ produce: () => domain!.domainId }),
        lifecycleConfigArns: STUDIO_APP_TYPES.map((t) => arn(names.scope, "sagemaker", `studio-lifecycle-config/${studioNames.lifecycleConfigs[t]}`)),
        instanceTypes: studioConfig.instanceTypes,
        imageArns: studioConfig.approvedImageArns,
      },
    });
    // Jobs started from a notebook or Studio with the SageMaker Python SDK comply by default (sdk-defaults.ts).
    const sdkDefaults: SdkDefaults = {
      subnetIds: props.platform.network.subnetIds,
      securityGroupIds: sagemakerGroups,
      volumeKeyArn: this.keys.volumes.keyArn,
      outputKeyArn: this.keys.data.keyArn,
    };
    if (studioConfig && studioNames) {
      const group = new StudioSecurityGroup(this, "studio-security-group", {
        name: studioNames.securityGroup,
        vpcId: props.platform.network.vpcId,
        endpointSecurityGroupId: props.platform.securityGroups.endpointSecurityGroupId,
        s3PrefixListId: props.platform.s3Endpoint.prefixListId,
      });
      domain = this.studio = new StudioDomain(this, "studio", {
        name: studioNames.domain,
        lifecycleConfigNames: studioNames.lifecycleConfigs,
        region: env.region,
        authMode: studioConfig.authMode,
        vpcId: props.platform.network.vpcId,
        subnetIds: props.platform.network.subnetIds,
        securityGroupId: group.securityGroupId,
        volumeKeyArn: this.keys.volumes.keyArn,
        executionRoleArn: this.identity.roles["notebook-execution"].roleArn,
        instanceTypes: studioConfig.instanceTypes,
        idleShutdownMinutes: studioConfig.idleShutdownMinutes,
        // The users' home folders are data: only a throw-away environment deletes them with the domain.
        homeVolumeOnDestroy: dp.bucketsOnDestroy === "delete-with-data" ? "Delete" : "Retain",
        users: props.project.users,
        sdkDefaults,
        packageMirror: mirror,
      });
      new TerraformOutput(this, "studio_domain", {
        description: "The project's Studio domain (VPC-only), its EFS home volume and the user profiles by username",
        value: { domain_id: domain.domainId, domain_arn: domain.domainArn, home_efs_file_system_id: domain.homeEfsFileSystemId, user_profiles: domain.profileArns },
      });
    }
    if (usesNotebooks(props.project) && props.project.notebooks.length > 0) {
      const lifecycle = new NotebookLifecycle(this, "notebook-lifecycle", {
        name: names.notebookLifecycle,
        region: env.region,
        autoStopMinutes: props.project.notebookAutoStopMinutes,
        packageMirror: mirror,
        sdkDefaults,
      });
      const execution = this.identity.roles["notebook-execution"];
      const subnets = props.platform.network.subnetIds;
      props.project.notebooks.forEach((n, i) => {
        this.notebooks[n.name] = new HardenedNotebook(this, `notebook-${n.name}`, {
          name: names.notebooks[i].instanceName,
          owner: n.owner,
          instanceType: n.instanceType,
          volumeSizeGb: n.volumeSizeGb,
          platformIdentifier: n.platformIdentifier,
          roleArn: execution.roleArn,
          volumeKeyArn: this.keys.volumes.keyArn,
          subnetId: subnets[i % subnets.length],
          securityGroupIds: sagemakerGroups,
          lifecycleConfigName: lifecycle.name,
          defaultCodeRepository: this.codeRepository.sagemakerCodeRepositoryName,
          dependsOn: execution.attachments,
        });
      });
    }
    new TerraformOutput(this, "roles", {
      description: "The project's roles (by short name), their permissions boundary, and the notebook instances",
      value: {
        role_arns: Object.fromEntries(Object.entries(this.identity.roles).map(([k, r]) => [k, r.roleArn])),
        boundary_arn: this.identity.boundaryArn,
        notebooks: Object.values(this.notebooks).map((n) => n.notebookName),
      },
    });

    new TerraformOutput(this, "network", {
      description: "The environment network this project runs in",
      value: {
        vpc_id: props.platform.network.vpcId,
        subnet_ids: props.platform.network.subnetIds,
        sagemaker_security_group_id: props.platform.securityGroups.sagemakerSecurityGroupId,
      },
    });
    new TerraformOutput(this, "name", { value: names.base, description: "Prefix of the project's resource names" });
  }
}
