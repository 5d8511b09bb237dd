/**
 * Every ARN a config names, held against the environment's partition and AWS's length limits: the field schemas
 * check each ARN's form, this checks what only the environment knows (its region's partition) and the limits the
 * form does not spell (a role name of at most 64 characters inside a path of at most 512). `schema.ts` calls
 * `checkArns` from its cross-field checks.
 * Sources: IAM "IAM and AWS STS quotas" (role and user names 64, paths 512, SAML provider names 128); SageMaker API
 * GitConfig (RepositoryUrl 11-1024, SecretArn 1-2048) and CreateImage (ImageName 1-63); ARN partitions from the AWS
 * General Reference "Amazon Resource Names" (aws, aws-cn for the China regions, aws-us-gov for GovCloud).
 */
import { partitionOf } from "../../lib/domain/catalogue/regions";

/** AWS's limits on the parts of the ARNs and URLs a config names. */
export const ARN_LIMITS = {
  iamRoleName: 64,
  iamUserName: 64,
  iamPath: 512,
  samlProviderName: 128,
  repositoryUrl: 1024,
  secretArn: 2048,
  imageName: 63,
} as const;

/** The shape `checkArns` reads (a validated environment). */
export interface ArnEnvironment {
  readonly region: string;
  readonly assumeRoleArn?: string;
  readonly dataProtection: { readonly administratorArns: readonly string[]; readonly breakGlassArns: readonly string[] };
  readonly audit: { readonly organizationTrailArn?: string; readonly alertSubscriptions: readonly { readonly protocol: string; readonly endpoint: string }[] };
  readonly projects: readonly {
    readonly identity: { readonly dataScientistPrincipals: readonly string[]; readonly cicdPrincipals: readonly string[]; readonly applicationPrincipals: readonly string[] };
    readonly users: readonly { readonly executionRoleArn?: string }[];
    readonly studio: { readonly approvedImageArns: readonly string[] };
    readonly codeRepository: { readonly type: string; readonly url?: string; readonly secretArn?: string };
  }[];
}

type Path = (string | number)[];

/** Every ARN of the environment with its path (relative to the environment). */
function arnsOf(env: ArnEnvironment): { arn: string; path: Path }[] {
  const out: { arn: string; path: Path }[] = [];
  const list = (arns: readonly string[], ...path: Path) => arns.forEach((arn, i) => out.push({ arn, path: [...path, i] }));
  // assumeRoleArn's partition is checked with its account (app/config/backend.ts); its limits here.
  list(env.dataProtection.administratorArns, "dataProtection", "administratorArns");
  list(env.dataProtection.breakGlassArns, "dataProtection", "breakGlassArns");
  if (env.audit.organizationTrailArn) out.push({ arn: env.audit.organizationTrailArn, path: ["audit", "organizationTrailArn"] });
  env.audit.alertSubscriptions.forEach((s, i) => {
    if (s.endpoint.startsWith("arn:")) out.push({ arn: s.endpoint, path: ["audit", "alertSubscriptions", i, "endpoint"] });
  });
  env.projects.forEach((p, j) => {
    const at = (...path: Path): Path => ["projects", j, ...path];
    list(p.identity.dataScientistPrincipals, ...at("identity", "dataScientistPrincipals"));
    list(p.identity.cicdPrincipals, ...at("identity", "cicdPrincipals"));
    list(p.identity.applicationPrincipals, ...at("identity", "applicationPrincipals"));
    p.users.forEach((u, k) => { if (u.executionRoleArn) out.push({ arn: u.executionRoleArn, path: at("users", k, "executionRoleArn") }); });
    list(p.studio.approvedImageArns, ...at("studio", "approvedImageArns"));
    if (p.codeRepository.secretArn) out.push({ arn: p.codeRepository.secretArn, path: at("codeRepository", "secretArn") });
  });
  return out;
}

/** What breaks AWS's limits in an ARN (IAM names and paths, SageMaker image names, secret ARNs), or undefined. */
export function arnLimitProblem(arn: string): string | undefined {
  const iam = /^arn:[^:]+:iam::\d{12}:(role|user|saml-provider)\/(.*)$/.exec(arn);
  if (iam) {
    const [, type, rest] = iam;
    const slash = rest.lastIndexOf("/");
    const name = rest.slice(slash + 1);
    const path = `/${rest.slice(0, slash + 1)}`;
    const max = type === "role" ? ARN_LIMITS.iamRoleName : type === "user" ? ARN_LIMITS.iamUserName : ARN_LIMITS.samlProviderName;
    const what = type === "saml-provider" ? "SAML provider" : type;
    if (name.length > max) return `the ${what} name is ${name.length} characters; IAM ${what} names are at most ${max}: shorten it by ${name.length - max}`;
    if (type !== "saml-provider" && path.length > ARN_LIMITS.iamPath) return `the ${what}'s path is ${path.length} characters; IAM paths are at most ${ARN_LIMITS.iamPath}: shorten it by ${path.length - ARN_LIMITS.iamPath}`;
    return undefined;
  }
  const image = /^arn:[^:]+:sagemaker:[^:]*:\d{12}:image\/(.*)$/.exec(arn);
  if (image && image[1].length > ARN_LIMITS.imageName) {
    return `the image name is ${image[1].length} characters; SageMaker image names are at most ${ARN_LIMITS.imageName}: shorten it by ${image[1].length - ARN_LIMITS.imageName}`;
  }
  if (/^arn:[^:]+:secretsmanager:/.test(arn) && arn.length > ARN_LIMITS.secretArn) {
    return `the secret ARN is ${arn.length} characters; SageMaker takes at most ${ARN_LIMITS.secretArn}: shorten the secret's name by ${arn.length - ARN_LIMITS.secretArn}`;
  }
  return undefined;
}

/** Cross-field rules; `report(message, ...path)` with a path relative to the environment. */
export function checkArns(env: ArnEnvironment, report: (message: string, ...path: Path) => void): void {
  const expected = partitionOf(env.region);
  for (const { arn, path } of arnsOf(env)) {
    const partition = arn.split(":")[1];
    if (partition !== expected) {
      report(`the ARN is in partition ${partition}, but ${env.region} is in ${expected}, and an environment reaches only its own partition; use arn:${expected}:${arn.split(":").slice(2, 4).join(":")}:... (a principal of ${expected})`, ...path);
      continue;
    }
    const limit = arnLimitProblem(arn);
    if (limit) report(limit, ...path);
  }
  if (env.assumeRoleArn) {
    const limit = arnLimitProblem(env.assumeRoleArn);
    if (limit) report(limit, "assumeRoleArn");
  }
  env.projects.forEach((p, j) => {
    const url = p.codeRepository.type === "external" ? p.codeRepository.url : undefined;
    if (url && url.length > ARN_LIMITS.repositoryUrl) {
      report(`the URL is ${url.length} characters; SageMaker takes repository URLs of at most ${ARN_LIMITS.repositoryUrl}: shorten it by ${url.length - ARN_LIMITS.repositoryUrl}`, "projects", j, "codeRepository", "url");
    }
  });
}
