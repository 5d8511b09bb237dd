import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { PackageMirror } from "../../lib/constructs/code/package-mirror";
import type { EnvironmentConfig } from "../../app/config/schema";
import { EncryptionKey } from "../../lib/constructs/encryption/encryption-key";
import { logsServiceUse } from "../../lib/constructs/encryption/key-policy";
import { FlowLogs } from "../../lib/constructs/network/flow-logs";
import { InterfaceEndpoints } from "../../lib/constructs/network/interface-endpoints";
import { PrivateNetwork } from "../../lib/constructs/network/private-network";
import { S3GatewayEndpoint } from "../../lib/constructs/network/s3-gateway-endpoint";
import { SecurityGroups } from "../../lib/constructs/network/security-groups";
import { logGroupArn } from "../../lib/domain/policy/document";
import { EnvironmentAudit } from "../../lib/constructs/audit/environment-audit";
import { cloudTrailApiSelectors, trailEventSelectors } from "../../lib/constructs/audit/audit-trail";
import type { EnvironmentPlan } from "../../app/plan/plan";
import { awsProvider } from "../../app/stacks/environment";

export interface PlatformStackProps {
  readonly prefix: string;
  readonly environment: EnvironmentConfig;
  /** The environment's plan: every name, CIDR and endpoint this stack uses. */
  readonly plan: EnvironmentPlan;
}

/**
 * One per environment: the private network (VPC, subnets, endpoints, security groups, flow logs) and the
 * environment's log key. Project stacks read its attributes through cross-stack references.
 */
export class PlatformStack extends TerraformStack {
  readonly network: PrivateNetwork;
  readonly securityGroups: SecurityGroups;
  readonly s3Endpoint: S3GatewayEndpoint;
  readonly interfaceEndpoints: InterfaceEndpoints;
  readonly logsKey: EncryptionKey;
  readonly flowLogs: FlowLogs;
  readonly audit: EnvironmentAudit;
  /** The private PyPI mirror, when `packageMirror.enabled` (its `pip` pieces are plain strings, no cross-stack read). */
  readonly packageMirror?: PackageMirror;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const env = props.environment;
    const names = props.plan;
    awsProvider(this, names);

    const flowLogGroup = names.network.flowLogGroup;
    // audit (issue #5): the audit log groups' names, admitted by the logs key's policy below.
    const auditLogGroups = names.auditLogGroups;
    const auditLogGroupArns = [auditLogGroups.trail, ...auditLogGroups.sageMaker].flatMap((n) => (n ? [logGroupArn(names.scope, n)] : []));
    this.logsKey = new EncryptionKey(this, "logs-key", {
      alias: names.logsKeyAlias,
      description: `${names.base}: CloudWatch log groups of the environment (VPC flow logs, trail, SageMaker)`,
      scope: names.scope,
      administratorArns: names.keyAdministrators,
      services: [logsServiceUse(names.scope, names.dnsSuffix, [logGroupArn(names.scope, flowLogGroup), ...auditLogGroupArns])],
    });

    this.network = new PrivateNetwork(this, "network", {
      name: names.base,
      cidr: env.network.vpcCidr,
      availabilityZones: env.availabilityZones,
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
      names: { sagemaker: names.names.sagemakerSecurityGroup, endpoints: names.names.endpointSecurityGroup },
      vpcId: this.network.vpcId,
      s3PrefixListId: this.s3Endpoint.prefixListId,
      clientAccess: env.network.clientAccess,
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
    this.flowLogs = new FlowLogs(this, "flow-logs", {
      scope: names.scope,
      name: names.base,
      roleName: names.names.flowLogRole,
      vpcId: this.network.vpcId,
      logGroupName: flowLogGroup,
      kmsKeyArn: this.logsKey.keyArn,
      retentionDays: env.logs.retentionDays,
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
        principalUses: [{ sid: "AccountPrincipals", viaServices: ["codeartifact"] }],
      });
      this.packageMirror = new PackageMirror(this, "package-mirror", {
        scope: names.scope, dnsSuffix: names.dnsSuffix, domain: names.packageMirror.domain, repository: names.packageMirror.repository, kmsKeyArn: packagesKey.keyArn,
      });
      new TerraformOutput(this, "pip_index_url", { value: this.packageMirror.pip.indexUrl, description: "pip index URL of the private PyPI mirror" });
    }

    // --- audit (issue #5): trail, SageMaker log groups, detective control ---
    // Every project's buckets by their shared name prefix (plan: dataEvents), so the platform never depends on a project stack.
    const dataEvents = names.dataEvents;
    this.audit = new EnvironmentAudit(this, "audit", {
      scope: names.scope,
      name: names.base,
      logGroups: auditLogGroups,
      alerts: { topicName: names.names.alertTopic, ruleName: names.names.alertRule, keyAlias: names.names.alertKeyAlias },
      logsKmsKeyArn: this.logsKey.keyArn,
      retentionDays: env.logs.retentionDays,
      trail: names.names.trail ? {
        names: names.names.trail,
        dataEvents,
        fileRetentionDays: env.audit.trailFileRetentionDays,
        onDestroy: env.dataProtection.bucketsOnDestroy,
        objectLockRetentionDays: env.audit.trailObjectLock?.retentionDays,
      } : undefined,
      keyAdministratorArns: names.keyAdministrators,
      evidenceBreakGlassArns: env.dataProtection.breakGlassArns,
      alertSubscriptions: env.audit.alertSubscriptions,
      dnsSuffix: names.dnsSuffix,
    });
    const auditOutputs: Record<string, { value: unknown; description: string }> = {
      security_alerts_topic_arn: { value: this.audit.detectiveControl.topicArn, description: "SNS topic of the SageMaker detective control (subscribe security on-call here)" },
      detective_control_rule_arn: { value: this.audit.detectiveControl.ruleArn, description: "EventBridge rule matching non-compliant SageMaker create calls" },
      trail: {
        value: this.audit.trail
          ? {
            arn: this.audit.trail.trailArn, bucket: this.audit.trail.bucket.bucketName, kms_key_arn: this.audit.trail.keyArn, log_group_arn: this.audit.trail.logGroupArn,
            ...(env.audit.trailObjectLock ? { object_lock: { mode: "GOVERNANCE", retention_days: env.audit.trailObjectLock.retentionDays } } : {}),
          }
          : { organization_trail_arn: env.audit.organizationTrailArn },
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
      sagemaker_security_group_id: { value: this.securityGroups.sagemakerSecurityGroupId, description: "Security group for notebooks, jobs and endpoints" },
      endpoint_security_group_id: { value: this.securityGroups.endpointSecurityGroupId, description: "Security group of the interface endpoints" },
      client_access: {
        value: { cidrs: env.network.clientAccess.cidrs, prefix_list_ids: env.network.clientAccess.prefixListIds, security_group_id: this.securityGroups.endpointSecurityGroupId },
        description: "Client networks (VPN, Direct Connect) admitted on TCP 443 to the interface endpoints, and the group that admits them (docs/client-access.md)",
      },
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
