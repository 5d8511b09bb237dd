/**
 * Config of the data-protection layer: who administers keys and buckets, what a destroy does with data, the
 * project code repository and the private package mirror. `schema.ts` plugs these into the environment and
 * project objects and calls `checkDataProtection` from its cross-field checks.
 */
import { z } from "zod";

const IAM_PRINCIPAL_ARN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}):(role|user)\/[\w+=,.@/-]+$/;

export const BUCKETS_ON_DESTROY = ["retain", "delete-if-empty", "delete-with-data"] as const;

export const DataProtection = z.strictObject({
  /**
   * IAM roles or users of the environment's account that run Terraform (CI/CD) and administer the environment.
   * They administer every KMS key of the environment and are the only principals that may reach a project bucket
   * from outside the environment's S3 endpoint (Terraform runs outside the VPC). Required once a project exists.
   * They must exist before the first apply: KMS rejects key policies naming unknown principals.
   */
  administratorArns: z.array(z.string().regex(IAM_PRINCIPAL_ARN, {
    error: "must be an IAM role or user ARN without wildcards (e.g. \"arn:aws:iam::123456789012:role/terraform\")",
  })).default([]),
  /**
   * Read-only IAM roles or users of the environment's account that run `terraform plan` (CI on a pull request), from
   * outside the VPC. The project buckets admit them for exactly the bucket-configuration reads a plan's refresh makes
   * (never an object read, never a write), every KMS key of the environment for DescribeKey, GetKeyPolicy,
   * GetKeyRotationStatus and ListResourceTags. State they read through their own IAM policy (the state stack's output
   * `plan_principal_state_policy`; docs/operations.md, "CI: from pull request to apply"). Not an administrator too.
   * They must exist before the first apply (KMS rejects key policies naming unknown principals). @default none
   */
  planPrincipalArns: z.array(z.string().regex(IAM_PRINCIPAL_ARN, {
    error: "must be an IAM role or user ARN without wildcards (e.g. \"arn:aws:iam::123456789012:role/terraform-plan\")",
  })).default([]),
  /**
   * Break-glass IAM roles of the environment's account: besides the administrators, the only principals that
   * administer the keys, reach project data from anywhere, and may delete or overwrite audit evidence (trail and
   * access-log objects). Keep them out of daily use (MFA, alarms on use). @default none
   */
  breakGlassArns: z.array(z.string().regex(IAM_PRINCIPAL_ARN, {
    error: "must be an IAM role or user ARN without wildcards (e.g. \"arn:aws:iam::123456789012:role/break-glass\")",
  })).default([]),
  /**
   * What `terraform destroy` does with the project buckets:
   * - "retain": Terraform refuses to destroy them (lifecycle prevent_destroy); remove them from config/state by hand;
   * - "delete-if-empty": empty buckets are deleted, a bucket still holding any object version stops the destroy;
   * - "delete-with-data": every object version is deleted with the bucket (for throw-away environments only).
   */
  bucketsOnDestroy: z.enum(BUCKETS_ON_DESTROY).default("delete-if-empty"),
  /** Days a deleted or overwritten object version of a data or model bucket stays recoverable (1-3650). */
  noncurrentVersionDays: z.number().int().min(1).max(3650).default(90),
}).default({ administratorArns: [], planPrincipalArns: [], breakGlassArns: [], bucketsOnDestroy: "delete-if-empty", noncurrentVersionDays: 90 });

export const PackageMirror = z.strictObject({
  /**
   * A private PyPI mirror (CodeArtifact domain and repository with the public PyPI upstream) for the notebooks,
   * which have no internet. Switches on the codeartifact.api and codeartifact.repositories interface endpoints.
   */
  enabled: z.boolean().default(false),
}).default({ enabled: false });

/** `git check-ref-format --branch`'s rules, for a branch name a notebook checks out. */
export function isValidBranch(name: string): boolean {
  if (name === "@" || name.startsWith("-") || /[\x00-\x20\x7f~^:?*[\\]/.test(name) || name.includes("..") || name.includes("@{")) return false;
  if (name.startsWith("/") || name.endsWith("/") || name.endsWith(".") || name.includes("//")) return false;
  return name.split("/").every((c) => c.length > 0 && !c.startsWith(".") && !c.endsWith(".lock"));
}

const HTTPS_GIT_URL = /^https:\/\/[a-zA-Z0-9.-]+(:\d+)?\/\S+$/;
const SECRET_ARN = /^arn:aws(-cn|-us-gov)?:secretsmanager:([a-z0-9-]+):(\d{12}):secret:[\w/+=.@-]+$/;

export const CodeRepository = z.discriminatedUnion("type", [
  /** A CodeCommit repository per project, encrypted with the project's data key (the default). */
  z.strictObject({ type: z.literal("codecommit") }),
  /**
   * An existing Git repository reachable from the VPC (e.g. a Git server in the corporate network): the notebooks
   * have no internet, so a public Git host is unreachable unless the network routes to it.
   */
  z.strictObject({
    type: z.literal("external"),
    /** https:// URL of the repository. */
    url: z.string().regex(HTTPS_GIT_URL, { error: "must be an https:// Git URL (e.g. \"https://git.example.com/team/repo.git\")" }),
    /** @default "main" */
    branch: z.string().min(1).max(1024).refine(isValidBranch, { error: "must be a valid Git branch name (git check-ref-format: no spaces, ~^:?*[\\, \"..\", \"@{\", leading or trailing \"/\" or \".\", or \".lock\" ending), e.g. \"main\"" }).default("main"),
    /** Secrets Manager secret with `username` and `password` for the repository, in the environment's account and region. */
    secretArn: z.string().regex(SECRET_ARN, { error: "must be a Secrets Manager secret ARN" }).optional(),
  }),
], { error: "must be { type: \"codecommit\" } or { type: \"external\", url: \"https://...\" }" }).default({ type: "codecommit" });

/** Interface endpoints a feature of the environment needs, with the feature's config path for messages. */
export function featureEndpoints(env: FeatureEnvironment): { endpoint: string; feature: string }[] {
  const out: { endpoint: string; feature: string }[] = [];
  if (env.packageMirror.enabled) {
    for (const endpoint of ["codeartifact.api", "codeartifact.repositories"]) out.push({ endpoint, feature: "packageMirror.enabled" });
  }
  const cc = env.projects.findIndex((p) => p.codeRepository.type === "codecommit");
  if (cc >= 0) {
    for (const endpoint of ["codecommit", "git-codecommit"]) out.push({ endpoint, feature: `projects[${cc}].codeRepository (codecommit)` });
  }
  const studio = env.projects.findIndex((p) => p.frontEnd !== undefined && p.frontEnd !== "notebooks");
  if (studio >= 0) out.push({ endpoint: "studio", feature: `projects[${studio}].frontEnd (${env.projects[studio].frontEnd})` });
  return out;
}

/** The shape `featureEndpoints` and `checkDataProtection` read (a validated environment). */
export interface FeatureEnvironment {
  readonly accountId: string;
  readonly region: string;
  readonly network: { readonly interfaceEndpoints: Readonly<Record<string, boolean>> };
  readonly dataProtection: z.infer<typeof DataProtection>;
  readonly packageMirror: z.infer<typeof PackageMirror>;
  readonly projects: readonly { readonly name: string; readonly codeRepository: z.infer<typeof CodeRepository>; readonly frontEnd?: string }[];
}

/** What `checkDataProtection` reads besides: which audit evidence buckets the environment has, and who runs Terraform. */
export interface DataProtectionEnvironment extends FeatureEnvironment {
  readonly audit: { readonly trail: string };
  readonly backend: { readonly type: string };
  readonly assumeRoleArn?: string;
}

/** Cross-field rules; `report(message, ...path)` with a path relative to the environment. */
export function checkDataProtection(env: DataProtectionEnvironment, report: (message: string, ...path: (string | number)[]) => void): void {
  const dp = env.dataProtection;
  if (env.projects.length > 0 && dp.administratorArns.length === 0) {
    report("the project buckets deny access from outside the environment's S3 endpoint except to these principals, and Terraform runs outside the VPC; "
      + `list the role(s) that run Terraform, e.g. ["arn:aws:iam::${env.accountId}:role/terraform"]`, "dataProtection", "administratorArns");
  }
  dp.planPrincipalArns.forEach((a, i) => {
    // The plan principals' Deny (everything but configuration reads) would also bind an administrator of the same ARN.
    if (dp.administratorArns.includes(a) || dp.breakGlassArns.includes(a)) {
      report(`${a} is also an administrator or break-glass role; a plan principal is read-only: use a separate role for plans`, "dataProtection", "planPrincipalArns", i);
    }
  });
  // Audit evidence buckets (the trail's, and the access logs of the state, trail and project buckets) deny their
  // configuration to everyone but these principals: with none named, Terraform itself could not change or destroy them.
  const evidence = env.audit.trail === "account" || env.backend.type === "s3" || env.projects.length > 0;
  if (evidence && dp.administratorArns.length === 0 && dp.breakGlassArns.length === 0 && !env.assumeRoleArn) {
    report("the audit evidence buckets (trail, access logs) deny configuration changes and deletion to everyone but the deploy and break-glass principals, "
      + `and none is named; list the role(s) that run Terraform, e.g. ["arn:aws:iam::${env.accountId}:role/terraform"]`, "dataProtection", "administratorArns");
  }
  for (const field of ["administratorArns", "planPrincipalArns", "breakGlassArns"] as const) {
    dp[field].forEach((a, i) => {
      const account = /^arn:[^:]+:iam::(\d{12}):/.exec(a)?.[1];
      if (account && account !== env.accountId) {
        report(`${a} is in account ${account}, not the environment's account ${env.accountId}; name a role in ${env.accountId}`, "dataProtection", field, i);
      }
    });
  }
  for (const { endpoint, feature } of featureEndpoints(env)) {
    if (env.network.interfaceEndpoints[endpoint] === false) {
      report(`"${endpoint}" is switched off, but ${feature} needs it (it is switched on automatically); remove the switch or turn the feature off`,
        "network", "interfaceEndpoints", endpoint);
    }
  }
  env.projects.forEach((p, j) => {
    const repo = p.codeRepository;
    if (repo.type !== "external" || !repo.secretArn) return;
    const [, , region, account] = SECRET_ARN.exec(repo.secretArn) ?? [];
    if (region !== env.region || account !== env.accountId) {
      report(`the secret must be in the environment's account ${env.accountId} and region ${env.region} (SageMaker reads it from there); it is in ${account} ${region}`,
        "projects", j, "codeRepository", "secretArn");
    }
  });
}
