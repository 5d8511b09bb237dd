/**
 * Config of the identity layer and the notebooks: who may assume the project's roles, and the data scientists'
 * notebook instances. `schema.ts` plugs these into the project object and calls `checkIdentity` from its
 * cross-field checks.
 */
import { z } from "zod";
import { DEFAULT_NOTEBOOK_PLATFORM, NOTEBOOK_INSTANCE_TYPES, NOTEBOOK_PLATFORMS } from "../../lib/domain/catalogue/notebook-instance-types";
import { allowedBy, DEFAULT_INSTANCE_TYPES, INSTANCE_TYPE_PATTERN } from "../../lib/domain/catalogue/instance-types";

const ROLE_OR_USER = "[\\w+=,.@-]+(/[\\w+=,.@-]+)*";
const PERSON_PRINCIPAL = new RegExp(`^arn:aws(-cn|-us-gov)?:iam::\\d{12}:(root|user/${ROLE_OR_USER}|role/${ROLE_OR_USER}|saml-provider/[\\w+=,.@-]+)$`);
const AUTOMATION_PRINCIPAL = new RegExp(`^arn:aws(-cn|-us-gov)?:iam::\\d{12}:(root|user/${ROLE_OR_USER}|role/${ROLE_OR_USER})$`);

const principals = (pattern: RegExp, example: string) =>
  z.array(z.string().regex(pattern, { error: `must be an IAM ARN without wildcards, e.g. "${example}"` })).default([]);

export const Identity = z.strictObject({
  /**
   * Who may assume the data scientist role: IAM Identity Center / SSO permission-set roles, other roles, SAML
   * providers, IAM users (MFA required), or account roots (any IAM user of that account, MFA required - an explicit
   * choice; the compliance pack reports it). Empty: only the environment's deploy principals
   * (`dataProtection.administratorArns`) - never the whole account; name your people here.
   */
  dataScientistPrincipals: principals(PERSON_PRINCIPAL, "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataScience_0123456789abcdef"),
  /** The CI/CD principals that create notebooks and endpoints. Empty: the environment's deploy principals (`dataProtection.administratorArns`). */
  cicdPrincipals: principals(AUTOMATION_PRINCIPAL, "arn:aws:iam::123456789012:role/ci-deployer"),
  /** Let AWS Service Catalog use the notebook creation role as a launch role. */
  serviceCatalog: z.boolean().default(false),
  /**
   * Applications that invoke the project's endpoints (from inside the VPC, through the sagemaker.runtime endpoint).
   * Empty: only the project's notebooks (the notebook execution role) - never the whole account.
   */
  applicationPrincipals: principals(AUTOMATION_PRINCIPAL, "arn:aws:iam::123456789012:role/fraud-scoring-service"),
  /**
   * Data scientists' sessions must have been authenticated with MFA (`aws:MultiFactorAuthPresent`); IAM users and
   * account principals always need MFA. Turn on when the identity provider reports MFA to AWS.
   */
  requireMfa: z.boolean().default(false),
  /**
   * Data scientists' sessions must carry a source identity (`sts:SourceIdentity`), which then follows every call
   * made with the role into CloudTrail and cannot be changed by the session. Turn on when the identity provider sets it.
   */
  requireSourceIdentity: z.boolean().default(false),
  /**
   * Console mode: data scientists may list, describe, start and stop their own notebooks (owner tag = their
   * `username`), and list and describe their own jobs and endpoints (those tagged with their `username`), from the AWS
   * console, i.e. from outside the network. Opening Jupyter or Studio (presigned URLs) and every data channel (objects,
   * log contents, git, invocations) stay inside the network (docs/data-scientist.md).
   */
  dataScientistConsole: z.boolean().default(false),
}).default({ dataScientistPrincipals: [], cicdPrincipals: [], serviceCatalog: false, applicationPrincipals: [], requireMfa: false, requireSourceIdentity: false, dataScientistConsole: false });

const instanceTypeList = (defaults: readonly string[]) => z.array(z.string().regex(INSTANCE_TYPE_PATTERN, {
  error: "must be a SageMaker instance type or family pattern, e.g. \"ml.m5.xlarge\" or \"ml.g5.*\"",
})).min(1, { error: "must name at least one instance type" }).default([...defaults]);

/**
 * The instance types a project may use (`sagemaker:InstanceTypes`), per use; `ml.<family>.*` admits a family.
 * Larger or accelerated families are a deliberate line here, reviewed like any other change.
 */
export const InstanceTypes = z.strictObject({
  /** Notebook instances. */
  notebooks: instanceTypeList(DEFAULT_INSTANCE_TYPES.notebooks),
  /** Training, processing, tuning and transform jobs. */
  jobs: instanceTypeList(DEFAULT_INSTANCE_TYPES.jobs),
  /** Endpoint configurations (hosting). */
  endpoints: instanceTypeList(DEFAULT_INSTANCE_TYPES.endpoints),
}).default({ notebooks: [...DEFAULT_INSTANCE_TYPES.notebooks], jobs: [...DEFAULT_INSTANCE_TYPES.jobs], endpoints: [...DEFAULT_INSTANCE_TYPES.endpoints] });

export const Notebook = z.strictObject({
  /** Short name; the instance is `<prefix>-<environment>-<project>-<name>`. */
  name: z.string().regex(/^[a-z0-9](-?[a-z0-9])*$/, { error: "must be lower-case letters, digits and single hyphens (e.g. \"alice\")" }),
  /**
   * The person the notebook belongs to, as their session carries it in the `username` tag: the Identity Center
   * user name, the name the SAML provider asserts, or the IAM user name. Only they can start, stop and open it.
   */
  owner: z.string().regex(/^[\w+=,.@-]{1,128}$/, { error: "must be a user name (letters, digits and _+=,.@-), e.g. \"alice@example.com\"" }),
  /** SageMaker notebook instance type (lib/domain/catalogue/notebook-instance-types.ts). */
  instanceType: z.string().refine((t) => NOTEBOOK_INSTANCE_TYPES.includes(t), {
    error: (i) => `"${String(i.input)}" is not a SageMaker notebook instance type (e.g. ml.t3.medium)`,
  }).default("ml.t3.medium"),
  /** Size of the ML storage volume in GB, 5 to 16384. */
  volumeSizeGb: z.number().int().min(5, { error: "must be at least 5 GB" }).max(16384, { error: "must be at most 16384 GB" }).default(20),
  /**
   * Notebook platform. The default is the newest hashicorp/aws 5.100.0 accepts; FSBP SageMaker.8 asks for
   * notebook-al2023-v1, which that provider version rejects (a recorded gap a provider upgrade closes).
   */
  platformIdentifier: z.enum(NOTEBOOK_PLATFORMS, { error: `must be one of ${NOTEBOOK_PLATFORMS.join(", ")} (the platforms hashicorp/aws 5.100.0 accepts)` })
    .default(DEFAULT_NOTEBOOK_PLATFORM as (typeof NOTEBOOK_PLATFORMS)[number]),
});

/** Minutes a notebook may sit idle (no running kernel activity) before its lifecycle configuration stops it. */
export const NotebookAutoStop = z.number().int().min(0).max(1440, { error: "must be 0 (off) to 1440 minutes" }).default(60);

/** The shape `checkIdentity` reads (a validated environment). */
export interface IdentityEnvironment {
  readonly name: string;
  readonly network: { readonly interfaceEndpoints: Readonly<Record<string, boolean>> };
  readonly projects: readonly {
    readonly name: string;
    readonly notebooks: readonly z.infer<typeof Notebook>[];
    readonly instanceTypes: z.infer<typeof InstanceTypes>;
    readonly identity: z.infer<typeof Identity>;
    readonly frontEnd?: string;
  }[];
}

/** Cross-field rules; `report(message, ...path)` with a path relative to the environment. */
export function checkIdentity(_prefix: string, env: IdentityEnvironment, report: (message: string, ...path: (string | number)[]) => void): void {
  for (const endpoint of ["sagemaker.api", "notebook"]) {
    // The notebook UI endpoint serves notebook instances only: an environment whose projects all use Studio may drop it.
    const needed = endpoint === "notebook" ? env.projects.some((p) => p.frontEnd !== "studio") : env.projects.length > 0;
    if (needed && env.network.interfaceEndpoints[endpoint] === false) {
      report(`"${endpoint}" is switched off, but data scientists open notebooks only through it (the roles deny presigned URLs from anywhere else); remove the switch`,
        "network", "interfaceEndpoints", endpoint);
    }
  }
  env.projects.forEach((p, j) => {
    // Generated names (notebook instances, roles, buckets) are held against AWS's rules by app/plan/check.ts.
    const seen = new Map<string, number>();
    p.notebooks.forEach((n, k) => {
      if (seen.has(n.name)) report(`"${n.name}" is already the name of notebooks[${seen.get(n.name)}]; notebook names must be unique in a project`, "projects", j, "notebooks", k, "name");
      else seen.set(n.name, k);
      if (!allowedBy(p.instanceTypes.notebooks, n.instanceType)) {
        report(`"${n.instanceType}" is not in the project's instanceTypes.notebooks (${p.instanceTypes.notebooks.join(", ")}); add it there or pick one of those`,
          "projects", j, "notebooks", k, "instanceType");
      }
    });
  });
}
