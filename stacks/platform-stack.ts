import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { CODEARTIFACT_ASSET_BUCKETS } from "../catalogue/codeartifact";
import { selectEndpoints } from "../catalogue/endpoints";
import { featureEndpoints } from "../config/data-protection";
import { PackageMirror } from "../modules/code/package-mirror";
import { EnvironmentConfig, subnetCidrs } from "../config/schema";
import { EncryptionKey } from "../modules/encryption/encryption-key";
import { logsServiceUse } from "../modules/encryption/key-policy";
import { FlowLogs } from "../modules/network/flow-logs";
import { InterfaceEndpoints } from "../modules/network/interface-endpoints";
import { PrivateNetwork } from "../modules/network/private-network";
import { S3GatewayEndpoint } from "../modules/network/s3-gateway-endpoint";
import { SecurityGroups } from "../modules/network/security-groups";
import { logGroupArn } from "../modules/policy/document";
import { auditLogGroupNames, EnvironmentAudit } from "../modules/audit/environment-audit";
import { cloudTrailApiSelectors, S3DataEvents, trailEventSelectors } from "../modules/audit/audit-trail";
import { awsProvider, environmentNames, stateNames } from "./environment";

export interface PlatformStackProps {
  readonly prefix: string;
  readonly environment: EnvironmentConfig;
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
    const names = environmentNames(props.prefix, env);
    awsProvider(this, props.prefix, env);

    const flowLogGroup = `/${props.prefix}/${env.name}/vpc-flow-logs`;
    // audit (issue #5): the audit log groups' names, admitted by the logs key's policy below.
    const auditLogGroups = auditLogGroupNames({
      prefix: props.prefix, environment: env.name, accountTrail: env.audit.trail === "account", sageMakerLogGroups: env.audit.sageMakerLogGroups,
    });
    const auditLogGroupArns = [auditLogGroups.trail, ...auditLogGroups.sageMaker].flatMap((n) => (n ? [logGroupArn(names.scope, n)] : []));
    this.logsKey = new EncryptionKey(this, "logs-key", {
      alias: `${props.prefix}/${env.name}/logs`,
      description: `${names.base}: CloudWatch log groups of the environment (VPC flow logs, trail, SageMaker)`,
      scope: names.scope,
      administratorArns: env.dataProtection.administratorArns,
      services: [logsServiceUse(names.scope, names.dnsSuffix, [logGroupArn(names.scope, flowLogGroup), ...auditLogGroupArns])],
    });

    this.network = new PrivateNetwork(this, "network", {
      name: names.base,
      cidr: env.network.vpcCidr,
      availabilityZones: env.availabilityZones,
      subnetCidrs: subnetCidrs(env.network, env.availabilityZones.length),
    });
    this.s3Endpoint = new S3GatewayEndpoint(this, "s3-endpoint", {
      scope: names.scope,
      name: names.base,
      vpcId: this.network.vpcId,
      routeTableIds: this.network.routeTableIds,
      bucketPatterns: [`${names.base}-*`, ...env.network.s3AllowedBuckets],
      serviceBuckets: env.packageMirror.enabled && CODEARTIFACT_ASSET_BUCKETS[env.region] ? [CODEARTIFACT_ASSET_BUCKETS[env.region]] : [],
    });
    this.securityGroups = new SecurityGroups(this, "security-groups", {
      name: names.base,
      vpcId: this.network.vpcId,
      s3PrefixListId: this.s3Endpoint.prefixListId,
    });
    this.interfaceEndpoints = new InterfaceEndpoints(this, "endpoints", {
      scope: names.scope,
      name: names.base,
      vpcId: this.network.vpcId,
      subnetIds: this.network.subnetIds,
      securityGroupId: this.securityGroups.endpointSecurityGroupId,
      // Features switch on the endpoints they need (package mirror: codeartifact.*; CodeCommit: codecommit, git-codecommit).
      endpoints: selectEndpoints(env.network.interfaceEndpoints, featureEndpoints(env).map((f) => f.endpoint)),
    });
    this.flowLogs = new FlowLogs(this, "flow-logs", {
      scope: names.scope,
      name: names.base,
      vpcId: this.network.vpcId,
      logGroupName: flowLogGroup,
      kmsKeyArn: this.logsKey.keyArn,
      retentionDays: env.logs.retentionDays,
      dnsSuffix: names.dnsSuffix,
    });

    // ---- private package mirror (README: Data protection) ----
    if (env.packageMirror.enabled) {
      const packagesKey = new EncryptionKey(this, "packages-key", {
        alias: `${props.prefix}/${env.name}/packages`,
        description: `${names.base}: package assets of the CodeArtifact mirror`,
        scope: names.scope,
        dnsSuffix: names.dnsSuffix,
        administratorArns: env.dataProtection.administratorArns,
        principalUses: [{ sid: "AccountPrincipals", viaServices: ["codeartifact"] }],
      });
      this.packageMirror = new PackageMirror(this, "package-mirror", {
        scope: names.scope, dnsSuffix: names.dnsSuffix, domain: names.base, kmsKeyArn: packagesKey.keyArn,
      });
      new TerraformOutput(this, "pip_index_url", { value: this.packageMirror.pip.indexUrl, description: "pip index URL of the private PyPI mirror" });
    }

    // --- audit (issue #5): trail, SageMaker log groups, detective control ---
    // Every project's buckets by their shared name prefix `<prefix>-<env>-` (one selector value however many projects,
    // see s3ObjectArnCondition), less the environment's state buckets in that namespace (the trail leaves out its own).
    // Computed from names, so the platform never depends on a project stack.
    const state = stateNames(props.prefix, env);
    const dataEvents: S3DataEvents | undefined = env.projects.length === 0 ? undefined : {
      bucketNamePrefix: `${names.base}-`,
      exceptBuckets: env.backend.type === "s3" ? [state.bucket, state.accessLogBucket] : [],
    };
    this.audit = new EnvironmentAudit(this, "audit", {
      scope: names.scope,
      name: names.base,
      aliasBase: `${props.prefix}/${env.name}`,
      logGroups: auditLogGroups,
      logsKmsKeyArn: this.logsKey.keyArn,
      retentionDays: env.logs.retentionDays,
      trail: env.audit.trail === "account" ? {
        dataEvents,
        fileRetentionDays: env.audit.trailFileRetentionDays,
        keyAdministratorArns: env.dataProtection.administratorArns,
        onDestroy: env.dataProtection.bucketsOnDestroy,
      } : undefined,
      alertSubscriptions: env.audit.alertSubscriptions,
      dnsSuffix: names.dnsSuffix,
    });
    const auditOutputs: Record<string, { value: unknown; description: string }> = {
      security_alerts_topic_arn: { value: this.audit.detectiveControl.topicArn, description: "SNS topic of the SageMaker detective control (subscribe security on-call here)" },
      detective_control_rule_arn: { value: this.audit.detectiveControl.ruleArn, description: "EventBridge rule matching non-compliant SageMaker create calls" },
      trail: {
        value: this.audit.trail
          ? { arn: this.audit.trail.trailArn, bucket: this.audit.trail.bucket.bucketName, kms_key_arn: this.audit.trail.keyArn, log_group_arn: this.audit.trail.logGroupArn }
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
      s3_endpoint_id: { value: this.s3Endpoint.endpointId, description: "S3 gateway endpoint (for aws:SourceVpce conditions)" },
      s3_prefix_list_id: { value: this.s3Endpoint.prefixListId, description: "Prefix list of S3 in the region (security-group egress)" },
      interface_endpoint_ids: { value: this.interfaceEndpoints.endpointIds, description: "Interface endpoint ids by catalogue name" },
      logs_kms_key_arn: { value: this.logsKey.keyArn, description: "KMS key of the environment's log groups" },
      flow_log_id: { value: this.flowLogs.flowLogId, description: "VPC flow log (all traffic)" },
    };
    for (const [name, o] of Object.entries({ ...outputs, ...auditOutputs })) new TerraformOutput(this, name, o);
  }
}
