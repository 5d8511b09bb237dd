import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider, AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import { PackageMirror } from "../constructs/code/package-mirror";
import { EncryptionKey } from "../constructs/encryption/encryption-key";
import { logsServiceUse } from "../constructs/encryption/key-policy";
import { DnsResolver } from "../constructs/network/dns-resolver";
import { FlowLogs } from "../constructs/network/flow-logs";
import { InterfaceEndpoints } from "../constructs/network/interface-endpoints";
import { PrivateNetwork } from "../constructs/network/private-network";
import { S3GatewayEndpoint } from "../constructs/network/s3-gateway-endpoint";
import { SecurityGroups } from "../constructs/network/security-groups";
import { ArnScope, logGroupArn } from "../domain/policy/document";
import type { EndpointEntry } from "../domain/catalogue/endpoints";
import { AuditLogGroupNames, EnvironmentAudit, TrailNames } from "../constructs/audit/environment-audit";
import { cloudTrailApiSelectors, S3DataEvents, trailEventSelectors } from "../constructs/audit/audit-trail";
import type { AlertSubscriptionProps } from "../constructs/audit/detective-control";
import type { OnDestroy } from "../constructs/storage/secure-bucket";

/** The environment's network: the VPC, its private subnets, endpoints and the clients admitted to them. */
export interface PlatformNetwork {
  readonly vpcCidr: string;
  /** One private subnet per zone, in this order. */
  readonly availabilityZones: readonly string[];
  /** The subnets' CIDRs, one per zone, inside `vpcCidr`. */
  readonly subnetCidrs: readonly string[];
  /** The interface endpoints (entries of lib/domain/catalogue/endpoints.ts). */
  readonly endpoints: readonly EndpointEntry[];
  /** Buckets the S3 gateway endpoint admits (`<prefix>-<environment>-*`). */
  readonly s3BucketPatterns: readonly string[];
  /** AWS-owned buckets it admits read-only (e.g. CodeArtifact's assets). */
  readonly s3ServiceBuckets: readonly string[];
  /** The flow logs' log group. */
  readonly flowLogGroup: string;
  /** Client networks (VPN, Direct Connect) admitted on TCP 443 to the interface endpoints. */
  readonly clientAccess: { readonly cidrs: readonly string[]; readonly prefixListIds: readonly string[] };
}

/** Names of the platform's resources that AWS constrains. */
export interface PlatformNames {
  readonly flowLogRole: string;
  readonly endpointSecurityGroup: string;
  /** The Route 53 Resolver inbound endpoint and its security group, when the client networks resolve through one. */
  readonly dnsResolver?: { readonly endpoint: string; readonly securityGroup: string };
  readonly alertTopic: string;
  readonly alertRule: string;
  /** Alias of the alert topic's key, without `alias/`. */
  readonly alertKeyAlias: string;
  /** The environment's own trail, when it has one (else `audit.organizationTrailArn` names the trail relied on). */
  readonly trail?: TrailNames;
}

/**
 * Everything the platform is made of, as plain values: every name comes from the caller (the app's plan computes
 * them; a library user writes them); the pattern forms none.
 */
export interface SecureSageMakerPlatformProps {
  /** The stack's AWS provider: Region, the one account it may touch, default tags, the role it assumes. */
  readonly provider: AwsProviderConfig;
  /** `<prefix>-<environment>`: the start of every name, and the label of descriptions. */
  readonly base: string;
  /** Partition, Region and account of the ARNs the policies name. */
  readonly scope: ArnScope;
  /** DNS suffix of the partition's service principals (`amazonaws.com`). */
  readonly dnsSuffix: string;
  /** Principals that administer the environment's keys. */
  readonly keyAdministrators: readonly string[];
  /** Principals that run `terraform plan`: the keys let them read (describe, decrypt) and nothing more. */
  readonly planPrincipals: readonly string[];
  /** Alias of the log groups' key, without `alias/`. */
  readonly logsKeyAlias: string;
  readonly network: PlatformNetwork;
  readonly names: PlatformNames;
  /** The audit log groups; every name is admitted by the logs key's policy. */
  readonly auditLogGroups: AuditLogGroupNames;
  /** The project buckets whose object-level events the trail records (by name prefix). @default none */
  readonly dataEvents?: S3DataEvents;
  /** The private PyPI mirror (CodeArtifact) and its key alias. @default none */
  readonly packageMirror?: { readonly keyAlias: string; readonly domain: string; readonly repository: string };
  /** Days the environment's log groups keep events. */
  readonly logRetentionDays: number;
  readonly audit: {
    /** Days the trail bucket keeps log files. */
    readonly trailFileRetentionDays: number;
    /** Object Lock (governance mode) retention of the trail's files, in days. @default no Object Lock */
    readonly trailObjectLockRetentionDays?: number;
    /** The organization trail the environment relies on, when it has no trail of its own. */
    readonly organizationTrailArn?: string;
    /** Who the detective control's alerts go to. */
    readonly alertSubscriptions: readonly AlertSubscriptionProps[];
  };
  /** What `terraform destroy` does with the trail buckets. */
  readonly bucketsOnDestroy: OnDestroy;
  /** The only principals that may delete or overwrite audit evidence. */
  readonly breakGlassArns: readonly string[];
  /** Principals that may change the evidence buckets' configuration (policy, versioning, Object Lock). */
  readonly evidenceAdministrators: readonly string[];
}

/**
 * One per environment: the private network (VPC, subnets, endpoints, security groups, flow logs) and the
 * environment's log key. Project stacks read its attributes through cross-stack references.
 */
export class SecureSageMakerPlatform extends TerraformStack {
  readonly network: PrivateNetwork;
  readonly securityGroups: SecurityGroups;
  readonly s3Endpoint: S3GatewayEndpoint;
  readonly interfaceEndpoints: InterfaceEndpoints;
  readonly logsKey: EncryptionKey;
  readonly flowLogs: FlowLogs;
  /** The Route 53 Resolver inbound endpoint for the client networks, when `network.clientAccess.dnsResolver`. */
  readonly dnsResolver?: DnsResolver;
  readonly audit: EnvironmentAudit;
  /** The private PyPI mirror, when `packageMirror.enabled` (its `pip` pieces are plain strings, no cross-stack read). */
  readonly packageMirror?: PackageMirror;

  constructor(scope: Construct, id: string, props: SecureSageMakerPlatformProps) {
    super(scope, id);
    const names = props;
    new AwsProvider(this, "aws", props.provider);

    const flowLogGroup = names.network.flowLogGroup;
    // The audit log groups' names, admitted by the logs key's policy below.
    const auditLogGroups = names.auditLogGroups;
    const auditLogGroupArns = [auditLogGroups.trail, ...auditLogGroups.sageMaker].flatMap((n) => (n ? [logGroupArn(names.scope, n)] : []));
    this.logsKey = new EncryptionKey(this, "logs-key", {
      alias: names.logsKeyAlias,
      description: `${names.base}: CloudWatch log groups of the environment (VPC flow logs, trail, SageMaker)`,
      scope: names.scope,
      administratorArns: names.keyAdministrators,
      planPrincipalArns: names.planPrincipals,
      services: [logsServiceUse(names.scope, names.dnsSuffix, [logGroupArn(names.scope, flowLogGroup), ...auditLogGroupArns])],
    });

    this.network = new PrivateNetwork(this, "network", {
      name: names.base,
      cidr: names.network.vpcCidr,
      availabilityZones: names.network.availabilityZones,
      subnetCidrs: names.network.subnetCidrs,
    });
    this.s3Endpoint = new S3GatewayEndpoint(this, "s3-endpoint", {
      scope: names.scope,
      name: names.base,
      vpcId: this.network.vpcId,
      routeTableIds: this.network.routeTableIds,
      bucketPatterns: names.network.s3BucketPatterns,
      serviceBuckets: names.network.s3ServiceBuckets,
    });
    this.securityGroups = new SecurityGroups(this, "security-groups", {
      names: { endpoints: names.names.endpointSecurityGroup },
      vpcId: this.network.vpcId,
      clientAccess: names.network.clientAccess,
    });
    this.interfaceEndpoints = new InterfaceEndpoints(this, "endpoints", {
      scope: names.scope,
      name: names.base,
      vpcId: this.network.vpcId,
      subnetIds: this.network.subnetIds,
      securityGroupId: this.securityGroups.endpointSecurityGroupId,
      // Features switch on the endpoints they need (package mirror: codeartifact.*; CodeCommit: codecommit, git-codecommit).
      endpoints: names.network.endpoints,
    });
    if (names.names.dnsResolver) {
      this.dnsResolver = new DnsResolver(this, "dns-resolver", {
        names: names.names.dnsResolver, vpcId: this.network.vpcId, subnetIds: this.network.subnetIds, clients: names.network.clientAccess,
      });
    }
    this.flowLogs = new FlowLogs(this, "flow-logs", {
      scope: names.scope,
      name: names.base,
      roleName: names.names.flowLogRole,
      vpcId: this.network.vpcId,
      logGroupName: flowLogGroup,
      kmsKeyArn: this.logsKey.keyArn,
      retentionDays: names.logRetentionDays,
      dnsSuffix: names.dnsSuffix,
    });

    // ---- private package mirror (docs/security.md: Data protection) ----
    if (names.packageMirror) {
      const packagesKey = new EncryptionKey(this, "packages-key", {
        alias: names.packageMirror.keyAlias,
        description: `${names.base}: package assets of the CodeArtifact mirror`,
        scope: names.scope,
        dnsSuffix: names.dnsSuffix,
        administratorArns: names.keyAdministrators,
        planPrincipalArns: names.planPrincipals,
        principalUses: [{ sid: "AccountPrincipals", viaServices: ["codeartifact"] }],
      });
      this.packageMirror = new PackageMirror(this, "package-mirror", {
        scope: names.scope, dnsSuffix: names.dnsSuffix, domain: names.packageMirror.domain, repository: names.packageMirror.repository, kmsKeyArn: packagesKey.keyArn,
      });
      new TerraformOutput(this, "pip_index_url", { value: this.packageMirror.pip.indexUrl, description: "pip index URL of the private PyPI mirror" });
    }

    // --- audit: trail, SageMaker log groups, detective control ---
    // Every project's buckets by their shared name prefix (plan: dataEvents), so the platform never depends on a project stack.
    const dataEvents = names.dataEvents;
    this.audit = new EnvironmentAudit(this, "audit", {
      scope: names.scope,
      name: names.base,
      logGroups: auditLogGroups,
      alerts: { topicName: names.names.alertTopic, ruleName: names.names.alertRule, keyAlias: names.names.alertKeyAlias },
      logsKmsKeyArn: this.logsKey.keyArn,
      retentionDays: names.logRetentionDays,
      trail: names.names.trail ? {
        names: names.names.trail,
        dataEvents,
        fileRetentionDays: names.audit.trailFileRetentionDays,
        onDestroy: names.bucketsOnDestroy,
        objectLockRetentionDays: names.audit.trailObjectLockRetentionDays,
      } : undefined,
      keyAdministratorArns: names.keyAdministrators,
      keyPlanPrincipalArns: names.planPrincipals,
      evidenceBreakGlassArns: names.breakGlassArns,
      evidenceConfigurationArns: names.evidenceAdministrators,
      alertSubscriptions: names.audit.alertSubscriptions,
      dnsSuffix: names.dnsSuffix,
    });
    const auditOutputs: Record<string, { value: unknown; description: string }> = {
      security_alerts_topic_arn: { value: this.audit.detectiveControl.topicArn, description: "SNS topic of the SageMaker detective control (subscribe security on-call here)" },
      detective_control_rule_arn: { value: this.audit.detectiveControl.ruleArn, description: "EventBridge rule matching non-compliant SageMaker create calls" },
      trail: {
        value: this.audit.trail
          ? {
            arn: this.audit.trail.trailArn, bucket: this.audit.trail.bucket.bucketName, kms_key_arn: this.audit.trail.keyArn, log_group_arn: this.audit.trail.logGroupArn,
            ...(names.audit.trailObjectLockRetentionDays !== undefined ? { object_lock: { mode: "GOVERNANCE", retention_days: names.audit.trailObjectLockRetentionDays } } : {}),
          }
          : { organization_trail_arn: names.audit.organizationTrailArn },
        description: "The trail that records the environment (its own, or the organization trail it relies on)",
      },
      trail_event_selectors: {
        value: cloudTrailApiSelectors(this.audit.trail?.eventSelectors ?? trailEventSelectors(names.scope.partition, dataEvents)),
        description: "The trail's advanced event selectors in CloudTrail API form (put-event-selectors --advanced-event-selectors); an organization trail needs the same to record the project buckets' data events",
      },
    };
    // --- end audit ---

    const outputs: Record<string, { value: unknown; description: string }> = {
      vpc_id: { value: this.network.vpcId, description: "The environment's VPC (no internet route)" },
      subnet_ids: { value: this.network.subnetIds, description: "Private subnets, one per zone, in zone order" },
      route_table_ids: { value: this.network.routeTableIds, description: "Private route tables, one per zone" },
      endpoint_security_group_id: { value: this.securityGroups.endpointSecurityGroupId, description: "Security group of the interface endpoints" },
      client_access: {
        value: { cidrs: names.network.clientAccess.cidrs, prefix_list_ids: names.network.clientAccess.prefixListIds, security_group_id: this.securityGroups.endpointSecurityGroupId },
        description: "Client networks (VPN, Direct Connect) admitted on TCP 443 to the interface endpoints, and the group that admits them (docs/client-access.md)",
      },
      ...(this.dnsResolver ? { dns_resolver: {
        value: { endpoint_id: this.dnsResolver.endpointId, ip_addresses: this.dnsResolver.ipAddresses, security_group_id: this.dnsResolver.securityGroupId },
        description: "Route 53 Resolver inbound endpoint: the client network's resolvers forward the region's private endpoint names to ip_addresses (docs/client-access.md)",
      } } : {}),
      s3_endpoint_id: { value: this.s3Endpoint.endpointId, description: "S3 gateway endpoint (for aws:SourceVpce conditions)" },
      s3_prefix_list_id: { value: this.s3Endpoint.prefixListId, description: "Prefix list of S3 in the region (security-group egress)" },
      interface_endpoint_ids: { value: this.interfaceEndpoints.endpointIds, description: "Interface endpoint ids by catalogue name" },
      interface_endpoint_dns_names: { value: this.interfaceEndpoints.dnsNames, description: "Endpoint-specific regional DNS name of each interface endpoint (e.g. the SDK's endpoint URL for sagemaker.api from a client network)" },
      logs_kms_key_arn: { value: this.logsKey.keyArn, description: "KMS key of the environment's log groups" },
      flow_log_id: { value: this.flowLogs.flowLogId, description: "VPC flow log (all traffic)" },
    };
    for (const [name, o] of Object.entries({ ...outputs, ...auditOutputs })) new TerraformOutput(this, name, o);
  }
}
