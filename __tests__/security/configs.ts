/**
 * The two configurations the attack suite runs against: the embedded default (one environment, one project), and a
 * config with TWO environments in different accounts and regions and TWO projects each. The second environment's
 * projects are "fraud" and "fraudeu": one project name starts with the other (but not with a hyphen: `fraud` and
 * `fraud-eu`, whose `<base>-*` patterns would overlap, is a config error - `prefixCollisionConfig`).
 */
import { DEFAULT_CONFIG } from "../../app/config/default";
import { validateConfig } from "../../app/load";
import type { Config } from "../../app/config/schema";

export const DEV_ACCOUNT = "123456789012";
export const PROD_ACCOUNT = "210987654321";
export const breakGlassArn = (account: string) => `arn:aws:iam::${account}:role/break-glass`;
export const deployArn = (account: string) => `arn:aws:iam::${account}:role/sds-terraform`;
/** The read-only role CI runs `terraform plan` with on a pull request. */
export const planArn = (account: string) => `arn:aws:iam::${account}:role/sds-terraform-plan`;
export const ssoRole = (account: string) => `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataScientist_0123456789abcdef`;

/** The embedded default, with a read-only plan role added (the default names none) so CI's path is attacked too. */
export function defaultConfig(): Config {
  const raw = structuredClone(DEFAULT_CONFIG) as { environments: { accountId: string; dataProtection: Record<string, unknown> }[] };
  for (const e of raw.environments) e.dataProtection.planPrincipalArns = [planArn(e.accountId)];
  return validateConfig(raw);
}

/** Identity options per project, so that every trust variant is attacked: MFA, source identity, named applications. */
const IDENTITY_OPTIONS: Record<string, Record<string, unknown>> = {
  "dev/churn": { applicationPrincipals: [`arn:aws:iam::${DEV_ACCOUNT}:role/churn-scoring`], dataScientistConsole: true },
  "prod/fraud": { requireMfa: true },
  "prod/fraudeu": { requireMfa: true, requireSourceIdentity: true },
};

function project(env: string, name: string, account: string, owner: string) {
  return {
    name,
    identity: { dataScientistPrincipals: [ssoRole(account)], cicdPrincipals: [deployArn(account)], ...IDENTITY_OPTIONS[`${env}/${name}`] },
    notebooks: [{ name: "alice", owner, instanceType: "ml.t3.medium", volumeSizeGb: 20 }],
  };
}

function environment(name: string, accountId: string, region: string, cidr: string, projects: string[], packageMirror = false, sageMakerLogGroups = true,
  locking: "lockfile" | "both" = "lockfile") {
  return {
    name, accountId, region, availabilityZones: [`${region}a`, `${region}b`],
    network: { vpcCidr: cidr },
    owner: "data-platform",
    projects: projects.map((p) => project(name, p, accountId, "alice")),
    audit: { trail: "account", sageMakerLogGroups, alertSubscriptions: [{ protocol: "email", endpoint: "security-alerts@example.com" }] },
    dataProtection: { administratorArns: [deployArn(accountId)], planPrincipalArns: [planArn(accountId)], breakGlassArns: [breakGlassArn(accountId)] },
    backend: { type: "s3", locking },
    packageMirror: { enabled: packageMirror },
  };
}

/**
 * Two environments (dev in 123456789012 eu-west-1 with projects fraud and churn; prod in 210987654321 eu-central-1
 * with projects fraud and fraudeu), each with a deploy role and a break-glass role;
 * dev/churn names an application principal and has console mode on, prod/fraud requires MFA, prod/fraudeu MFA and a source identity; prod
 * has the private package mirror (CodeArtifact) on and locks state in DynamoDB too. Every environment has a read-only
 * plan role (`dataProtection.planPrincipalArns`).
 */
export function twoEnvironmentConfig(prodProjects = ["fraud", "fraudeu"]): Config {
  return validateConfig({
    prefix: "sds",
    environments: [
      environment("dev", DEV_ACCOUNT, "eu-west-1", "10.20.0.0/16", ["fraud", "churn"]),
      environment("prod", PROD_ACCOUNT, "eu-central-1", "10.30.0.0/16", prodProjects, true, true, "both"),
    ],
    compliance: structuredClone(DEFAULT_CONFIG.compliance),
  });
}

/** Projects `fraud` and `fraud-eu` in one environment: fraud's `sds-prod-fraud-*` patterns would reach fraud-eu. */
export function prefixCollisionConfig(): Config {
  return twoEnvironmentConfig(["fraud", "fraud-eu"]);
}

/**
 * Two environments in the SAME account, in two regions (dev eu-west-1 with project fraud, test eu-central-1 with
 * project fraud): IAM is global, so the environments share roles' namespace, the account administrator and the
 * account's key-policy root; only names, regions and VPCs keep them apart.
 */
export function sameAccountConfig(): Config {
  return validateConfig({
    prefix: "sds",
    environments: [
      environment("dev", DEV_ACCOUNT, "eu-west-1", "10.20.0.0/16", ["fraud"]),
      environment("test", DEV_ACCOUNT, "eu-central-1", "10.40.0.0/16", ["fraud"]),
    ],
    compliance: structuredClone(DEFAULT_CONFIG.compliance),
  });
}
