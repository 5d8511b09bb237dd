import { Construct } from "constructs";
import { Lazy, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider, AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import { CodeRepository, CodeRepositorySource } from "../constructs/code/code-repository";
import { ProjectKeys } from "../constructs/encryption/project-keys";
import { ProjectBuckets } from "../constructs/storage/project-buckets";
import { ProjectIdentity, ProjectRoleNames } from "../constructs/identity/project-identity";
import { ProjectScopeInput } from "../constructs/identity/project-scope";
import type { PeopleTrustOptions } from "../constructs/identity/trust-policies";
import { HardenedNotebook } from "../constructs/sagemaker/hardened-notebook";
import { NotebookLifecycle } from "../constructs/sagemaker/notebook-lifecycle";
import type { OnDestroy } from "../constructs/storage/secure-bucket";
import { arn, ArnScope } from "../domain/policy/document";
import { type RoleName, roleArnsOf } from "../domain/roles";
import type { StudioAppType } from "../domain/studio-names";
import { StudioSecurityGroup } from "../constructs/network/studio-security-group";
import { COMPUTE_RULES, ProjectSecurityGroup } from "../constructs/network/project-security-group";
import { SdkDefaults } from "../constructs/sagemaker/sdk-defaults";
import { STUDIO_APP_TYPES, StudioDomain, StudioUser } from "../constructs/sagemaker/studio-domain";
import type { SecureSageMakerPlatform } from "./platform";

/** Names of the project's resources that AWS constrains. */
export interface ProjectNames {
  /** IAM path of the project's roles and policies. */
  readonly rolePath: string;
  /** Key aliases, without `alias/`. */
  readonly keyAliases: { readonly data: string; readonly volumes: string; readonly logs: string };
  /** Log groups the project's jobs and endpoints write (a pattern the logs key admits). */
  readonly logGroupPattern: string;
  /** The CodeCommit repository and the SageMaker code repository. */
  readonly codeRepository: string;
  /** The security group of the project's notebook instances, jobs and hosted models. */
  readonly computeSecurityGroup: string;
  /** Studio's resources, when the project uses Studio. */
  readonly studio?: {
    readonly domain: string;
    readonly securityGroup: string;
    readonly lifecycleConfigs: Readonly<Record<StudioAppType, string>>;
  };
}

/** A notebook instance of a data scientist. */
export interface ProjectNotebook {
  /** The notebook's short name (construct id `notebook-<name>`). */
  readonly name: string;
  /** The notebook instance's name. */
  readonly instanceName: string;
  /** The username whose session tag may use it. */
  readonly owner: string;
  readonly instanceType: string;
  readonly volumeSizeGb: number;
  readonly platformIdentifier: string;
}

/**
 * Everything a project is made of, as plain values: every name comes from the caller (the app's plan computes
 * them; a library user writes them); the pattern forms none. Network, endpoints and the package mirror come from
 * the environment's platform stack, by cross-stack reference.
 */
export interface SecureSageMakerProjectProps {
  /** The stack's AWS provider: Region, the one account it may touch, default tags, the role it assumes. */
  readonly provider: AwsProviderConfig;
  /** The environment's platform: network, endpoints, security groups, package mirror. */
  readonly platform: SecureSageMakerPlatform;
  /** The project's name (in descriptions). */
  readonly name: string;
  /** `<prefix>-<environment>-<project>`: the start of every name, and the label of descriptions. */
  readonly base: string;
  /** Partition, Region and account of the ARNs the policies name. */
  readonly scope: ArnScope;
  /** DNS suffix of the partition's service principals (`amazonaws.com`). */
  readonly dnsSuffix: string;
  /** Principals that administer the project's keys. */
  readonly keyAdministrators: readonly string[];
  readonly names: ProjectNames;
  /** The seven roles' names, ARNs and managed-policy parts. */
  readonly roles: Readonly<Record<RoleName, ProjectRoleNames & { readonly arn: string }>>;
  /** The seven roles' exact ARNs (the keys and buckets admit these, not a pattern). */
  readonly roleArnList: readonly string[];
  /** Principals that run `terraform plan`: the keys and buckets let them read configuration and nothing more. */
  readonly planPrincipals: readonly string[];
  /** Principals that may change the buckets' protection configuration (policy, versioning, Object Lock). */
  readonly evidenceAdministrators: readonly string[];
  /** Console mode: the data scientist role may list, describe, start and stop its own notebooks in the console. @default false */
  readonly dataScientistConsole?: boolean;
  /** The training role's ARN (writes the models bucket). */
  readonly trainingRoleArn: string;
  /** A bucket's name by purpose (`data`, `models`, `access-logs`). */
  bucket(purpose: string): string;
  /** Who the people-facing roles trust: data scientists, CI/CD. */
  readonly trust: { readonly dataScientists: readonly string[]; readonly cicd: readonly string[] };
  readonly peopleTrust?: PeopleTrustOptions;
  /** Service Catalog launch constraints (ProjectIdentity). @default false */
  readonly serviceCatalog?: boolean;
  /** Principals of the applications that invoke the project's endpoints. @default none */
  readonly applicationPrincipals?: readonly string[];
  /** Instance types the project may use, per use (sagemaker:InstanceTypes). */
  readonly instanceTypes: ProjectScopeInput["instanceTypes"];
  /** The notebooks' default code repository: CodeCommit in the account, or an external Git URL. */
  readonly codeRepository: CodeRepositorySource;
  /** The notebook instances; none when the project uses Studio only. */
  readonly notebooks: readonly ProjectNotebook[];
  /** The notebooks' lifecycle configuration name, and the idle minutes before auto-stop. */
  readonly notebookLifecycle: string;
  readonly notebookAutoStopMinutes: number;
  /** The project's Studio domain, when it uses Studio. @default no Studio */
  readonly studio?: {
    readonly authMode: "IAM" | "SSO";
    readonly instanceTypes: readonly string[];
    readonly approvedImageArns: readonly string[];
    readonly idleShutdownMinutes: number;
    readonly users: readonly StudioUser[];
  };
  readonly dataProtection: {
    readonly administratorArns: readonly string[];
    readonly breakGlassArns: readonly string[];
    readonly noncurrentVersionDays: number;
    readonly bucketsOnDestroy: OnDestroy;
  };
  /** Days the project's bucket access logs are kept. */
  readonly logRetentionDays: number;
}

/**
 * One per data science project: the project's keys, buckets, roles, notebooks and log groups, inside the
 * environment's network. Sections are filled by the data-protection, identity and audit modules.
 */
export class SecureSageMakerProject extends TerraformStack {
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

  constructor(scope: Construct, id: string, props: SecureSageMakerProjectProps) {
    super(scope, id);
    const names = props;
    new AwsProvider(this, "aws", props.provider);

    // ---- data protection: keys and buckets (docs/security.md: Data protection) ----
    const dp = props.dataProtection;
    this.keys = new ProjectKeys(this, "keys", {
      scope: names.scope,
      dnsSuffix: names.dnsSuffix,
      name: names.base,
      aliases: names.names.keyAliases,
      logGroupNames: [names.names.logGroupPattern],
      administratorArns: names.keyAdministrators,
      planPrincipalArns: names.planPrincipals,
      principalArns: names.roleArnList,
      studioHomeVolume: props.studio !== undefined,
    });
    this.buckets = new ProjectBuckets(this, "buckets", {
      scope: names.scope,
      bucketName: names.bucket,
      dataKey: this.keys.data,
      s3EndpointId: props.platform.s3Endpoint.endpointId,
      administratorArns: dp.administratorArns,
      breakGlassArns: dp.breakGlassArns,
      planPrincipalArns: names.planPrincipals,
      evidenceConfigurationArns: names.evidenceAdministrators,
      projectRoleArns: names.roleArnList,
      modelWriterArns: [names.trainingRoleArn],
      noncurrentVersionDays: dp.noncurrentVersionDays,
      accessLogDays: props.logRetentionDays,
      onDestroy: dp.bucketsOnDestroy,
    });
    this.codeRepository = new CodeRepository(this, "code", {
      name: names.names.codeRepository,
      description: `${names.base}: notebooks and training code of the ${props.name} project`,
      source: props.codeRepository,
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
    // The project's own compute group: its notebooks, jobs and hosted models reach each other, the endpoints and S3,
    // and nothing of another project (the create grants and the boundary admit no other group).
    const compute = new ProjectSecurityGroup(this, "compute-security-group", {
      name: names.names.computeSecurityGroup,
      description: "SageMaker notebooks, jobs and hosted models of one project; among themselves, HTTPS to the VPC endpoints and S3",
      rules: COMPUTE_RULES,
      vpcId: props.platform.network.vpcId,
      endpointSecurityGroupId: props.platform.securityGroups.endpointSecurityGroupId,
      endpointRuleDescription: `HTTPS to the interface endpoints from the notebooks, jobs and hosted models of ${names.names.computeSecurityGroup}`,
      s3PrefixListId: props.platform.s3Endpoint.prefixListId,
    });
    const sagemakerGroups = [compute.securityGroupId];
    const mirror = props.platform.packageMirror?.pip;
    const scopeInput: ProjectScopeInput = {
      scope: names.scope,
      dnsSuffix: names.dnsSuffix,
      projectBase: names.base,
      roleArns: roleArnsOf(names.roles),
      vpcId: props.platform.network.vpcId,
      instanceTypes: props.instanceTypes,
      subnetIds: props.platform.network.subnetIds,
      securityGroupIds: sagemakerGroups,
      notebookLifecycleConfigArns: [arn(names.scope, "sagemaker", `notebook-instance-lifecycle-config/${names.notebookLifecycle.toLowerCase()}`)],
      sagemakerApiEndpointId: props.platform.interfaceEndpoints.endpointIds["sagemaker.api"],
      notebookEndpointId: props.platform.interfaceEndpoints.endpointIds["notebook"],
      dataScientistConsole: props.dataScientistConsole,
      dataBucketArns: [this.buckets.data.bucketArn],
      modelBucketArns: [this.buckets.models.bucketArn],
      bucketKeyArns: [this.keys.data.keyArn],
      volumeKeyArn: this.keys.volumes.keyArn,
      outputKeyArn: this.keys.data.keyArn,
      // Deterministic ARNs (not resource references): the roles never wait for, or depend on, the repository and mirror.
      codeRepository: props.codeRepository.type === "codecommit"
        ? { arn: arn(names.scope, "codecommit", names.names.codeRepository), keyArn: this.keys.data.keyArn } : undefined,
      packageMirror: mirror && {
        domainArn: arn(names.scope, "codeartifact", `domain/${mirror.domain}`),
        repositoryArn: arn(names.scope, "codeartifact", `repository/${mirror.domain}/${mirror.repository}`),
      },
    };
    const studioConfig = props.studio;
    const studioNames = names.names.studio;
    if (studioConfig && !studioNames) throw new Error(`${id}: the plan has no Studio names for a Studio project`);
    // The roles' Studio policy names the domain, which is created after the roles (it needs the execution role): a lazy id.
    let domain: StudioDomain | undefined;
    this.identity = new ProjectIdentity(this, "identity", {
      input: scopeInput,
      names: { rolePath: names.names.rolePath, roles: names.roles },
      // No role trusts the whole account: until people are named, only the environment's deploy principals (the plan's `trust`).
      dataScientistPrincipals: names.trust.dataScientists,
      peopleTrust: props.peopleTrust,
      cicdPrincipals: names.trust.cicd,
      serviceCatalog: props.serviceCatalog,
      applicationPrincipals: props.applicationPrincipals,
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
        region: names.scope.region,
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
        users: studioConfig.users,
        sdkDefaults,
        packageMirror: mirror,
      });
      new TerraformOutput(this, "studio_domain", {
        description: "The project's Studio domain (VPC-only), its EFS home volume and the user profiles by username",
        value: { domain_id: domain.domainId, domain_arn: domain.domainArn, home_efs_file_system_id: domain.homeEfsFileSystemId, user_profiles: domain.profileArns },
      });
    }
    if (props.notebooks.length > 0) {
      const lifecycle = new NotebookLifecycle(this, "notebook-lifecycle", {
        name: names.notebookLifecycle,
        region: names.scope.region,
        autoStopMinutes: props.notebookAutoStopMinutes,
        packageMirror: mirror,
        sdkDefaults,
      });
      const execution = this.identity.roles["notebook-execution"];
      const subnets = props.platform.network.subnetIds;
      props.notebooks.forEach((n, i) => {
        this.notebooks[n.name] = new HardenedNotebook(this, `notebook-${n.name}`, {
          name: n.instanceName,
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
      description: "The project's roles and their permissions boundaries (by short name), and the notebook instances",
      value: {
        role_arns: Object.fromEntries(Object.entries(this.identity.roles).map(([k, r]) => [k, r.roleArn])),
        boundary_arns: this.identity.boundaryArns,
        notebooks: Object.values(this.notebooks).map((n) => n.notebookName),
      },
    });

    new TerraformOutput(this, "network", {
      description: "The environment network this project runs in",
      value: {
        vpc_id: props.platform.network.vpcId,
        subnet_ids: props.platform.network.subnetIds,
        compute_security_group_id: compute.securityGroupId,
      },
    });
    new TerraformOutput(this, "name", { value: names.base, description: "Prefix of the project's resource names" });
  }
}
