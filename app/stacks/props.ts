/**
 * The stacks from the plan: each pattern of lib/patterns takes its typed part of the environment's plan. Nothing
 * here forms a name or a value (app/plan computes them); it only selects what each stack is made of.
 */
import type { SecureSageMakerPlatform, SecureSageMakerPlatformProps } from "../../lib/patterns/platform";
import type { SecureSageMakerProjectProps } from "../../lib/patterns/project";
import type { TerraformStateStackProps } from "../../lib/patterns/state";
import { usesNotebooks, usesStudio } from "../config/studio";
import type { EnvironmentPlan, ProjectPlan } from "../plan/plan";
import { awsProviderConfig } from "./environment";

/** `<env>-state`: the state key, bucket and lock table (S3 backend only). */
export function stateStackProps(e: EnvironmentPlan): TerraformStateStackProps {
  const env = e.config;
  if (env.backend.type !== "s3") throw new Error(`${e.name}: a state stack is only needed for the s3 backend`);
  return {
    provider: awsProviderConfig(e),
    base: e.base,
    scope: e.scope,
    keyAdministrators: e.keyAdministrators,
    planPrincipals: e.planPrincipals,
    dnsSuffix: e.dnsSuffix,
    stateKeyPrefix: env.backend.keyPrefix ?? "",
    state: e.state,
    logRetentionDays: env.logs.retentionDays,
    breakGlassArns: env.dataProtection.breakGlassArns,
    evidenceAdministrators: e.evidenceAdministrators,
    noncurrentVersionDays: env.backend.noncurrentVersionDays,
  };
}

/** `<env>-platform`: network, endpoints, flow logs, the environment's keys, audit. */
export function platformStackProps(e: EnvironmentPlan): SecureSageMakerPlatformProps {
  const env = e.config;
  return {
    provider: awsProviderConfig(e),
    base: e.base,
    scope: e.scope,
    dnsSuffix: e.dnsSuffix,
    keyAdministrators: e.keyAdministrators,
    planPrincipals: e.planPrincipals,
    logsKeyAlias: e.logsKeyAlias,
    network: e.network,
    names: e.names,
    auditLogGroups: e.auditLogGroups,
    dataEvents: e.dataEvents,
    packageMirror: e.packageMirror,
    logRetentionDays: env.logs.retentionDays,
    audit: {
      trailFileRetentionDays: env.audit.trailFileRetentionDays,
      trailObjectLockRetentionDays: env.audit.trailObjectLock?.retentionDays,
      organizationTrailArn: env.audit.organizationTrailArn,
      alertSubscriptions: env.audit.alertSubscriptions,
    },
    bucketsOnDestroy: env.dataProtection.bucketsOnDestroy,
    breakGlassArns: env.dataProtection.breakGlassArns,
    evidenceAdministrators: e.evidenceAdministrators,
  };
}

/** `<env>-project-<name>`: the project's keys, buckets, roles, notebooks or Studio, in the platform's network. */
export function projectStackProps(e: EnvironmentPlan, p: ProjectPlan, platform: SecureSageMakerPlatform): SecureSageMakerProjectProps {
  const env = e.config;
  const project = p.config;
  return {
    provider: awsProviderConfig(e, p.tags),
    platform,
    name: project.name,
    base: p.base,
    scope: e.scope,
    dnsSuffix: e.dnsSuffix,
    keyAdministrators: e.keyAdministrators,
    names: p.names,
    roles: p.roles,
    roleArnList: p.roleArnList,
    planPrincipals: e.planPrincipals,
    evidenceAdministrators: e.evidenceAdministrators,
    dataScientistConsole: project.identity.dataScientistConsole,
    trainingRoleArn: p.trainingRoleArn,
    bucket: (purpose) => p.bucket(purpose),
    trust: p.trust,
    peopleTrust: { requireMfa: project.identity.requireMfa, requireSourceIdentity: project.identity.requireSourceIdentity },
    serviceCatalog: project.identity.serviceCatalog,
    applicationPrincipals: project.identity.applicationPrincipals,
    instanceTypes: project.instanceTypes,
    codeRepository: project.codeRepository,
    notebooks: usesNotebooks(project) ? project.notebooks.map((n, i) => ({ ...n, instanceName: p.notebooks[i].instanceName })) : [],
    notebookLifecycle: p.notebookLifecycle,
    notebookAutoStopMinutes: project.notebookAutoStopMinutes,
    studio: usesStudio(project) ? { ...project.studio, users: project.users } : undefined,
    dataProtection: env.dataProtection,
    logRetentionDays: env.logs.retentionDays,
  };
}
