/**
 * Config of the identity layer and the notebooks: who may assume the project's roles, and the data scientists'
 * notebook instances. `schema.ts` plugs these into the project object and calls `checkIdentity` from its
 * cross-field checks.
 */
import { z } from "zod";
import { DEFAULT_NOTEBOOK_PLATFORM, NOTEBOOK_INSTANCE_TYPES, NOTEBOOK_PLATFORMS } from "../catalogue/notebook-instance-types";

const ROLE_OR_USER = "[\\w+=,.@-]+(/[\\w+=,.@-]+)*";
const PERSON_PRINCIPAL = new RegExp(`^arn:aws(-cn|-us-gov)?:iam::\\d{12}:(root|user/${ROLE_OR_USER}|role/${ROLE_OR_USER}|saml-provider/[\\w+=,.@-]+)$`);
const AUTOMATION_PRINCIPAL = new RegExp(`^arn:aws(-cn|-us-gov)?:iam::\\d{12}:(root|user/${ROLE_OR_USER}|role/${ROLE_OR_USER})$`);

const principals = (pattern: RegExp, example: string) =>
  z.array(z.string().regex(pattern, { error: `must be an IAM ARN without wildcards, e.g. "${example}"` })).default([]);

export const Identity = z.strictObject({
  /**
   * Who may assume the data scientist role: IAM Identity Center / SSO permission-set roles, other roles, SAML
   * providers, IAM users (MFA required), or account roots (any IAM user of that account, MFA required).
   * Empty: the environment's account (IAM users with MFA).
   */
  dataScientistPrincipals: principals(PERSON_PRINCIPAL, "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataScience_0123456789abcdef"),
  /** The CI/CD principals that create notebooks and endpoints. Empty: the environment's account (delegating to IAM). */
  cicdPrincipals: principals(AUTOMATION_PRINCIPAL, "arn:aws:iam::123456789012:role/ci-deployer"),
  /** Let AWS Service Catalog use the notebook creation role as a launch role. */
  serviceCatalog: z.boolean().default(false),
  /** Applications that invoke the project's endpoints. Empty: the environment's account (delegating to IAM). */
  applicationPrincipals: principals(AUTOMATION_PRINCIPAL, "arn:aws:iam::123456789012:role/fraud-scoring-service"),
}).default({ dataScientistPrincipals: [], cicdPrincipals: [], serviceCatalog: false, applicationPrincipals: [] });

export const Notebook = z.strictObject({
  /** Short name; the instance is `<prefix>-<environment>-<project>-<name>`. */
  name: z.string().regex(/^[a-z0-9](-?[a-z0-9])*$/, { error: "must be lower-case letters, digits and single hyphens (e.g. \"alice\")" }),
  /**
   * The person the notebook belongs to, as their session carries it in the `username` tag: the Identity Center
   * user name, the name the SAML provider asserts, or the IAM user name. Only they can start, stop and open it.
   */
  owner: z.string().regex(/^[\w+=,.@-]{1,128}$/, { error: "must be a user name (letters, digits and _+=,.@-), e.g. \"alice@example.com\"" }),
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
  readonly projects: readonly { readonly name: string; readonly notebooks: readonly z.infer<typeof Notebook>[]; readonly frontEnd?: string }[];
}

/** Cross-field rules; `report(message, ...path)` with a path relative to the environment. */
export function checkIdentity(prefix: string, env: IdentityEnvironment, report: (message: string, ...path: (string | number)[]) => void): void {
  for (const endpoint of ["sagemaker.api", "notebook"]) {
    // The notebook UI endpoint serves notebook instances only: an environment whose projects all use Studio may drop it.
    const needed = endpoint === "notebook" ? env.projects.some((p) => p.frontEnd !== "studio") : env.projects.length > 0;
    if (needed && env.network.interfaceEndpoints[endpoint] === false) {
      report(`"${endpoint}" is switched off, but data scientists open notebooks only through it (the roles deny presigned URLs from anywhere else); remove the switch`,
        "network", "interfaceEndpoints", endpoint);
    }
  }
  env.projects.forEach((p, j) => {
    // Role names (`<base>-endpoint-invocation`) always fit IAM's 64 characters: prefix, environment and project
    // names are at most 10, 16 and 16 characters (a unit test holds this).
    const base = `${prefix}-${env.name}-${p.name}`;
    const seen = new Map<string, number>();
    p.notebooks.forEach((n, k) => {
      if (seen.has(n.name)) report(`"${n.name}" is already the name of notebooks[${seen.get(n.name)}]; notebook names must be unique in a project`, "projects", j, "notebooks", k, "name");
      else seen.set(n.name, k);
      const full = `${base}-${n.name}`;
      if (full.length > 63) report(`the instance name "${full}" exceeds SageMaker's 63 characters; shorten the notebook name by ${full.length - 63}`, "projects", j, "notebooks", k, "name");
    });
  });
}
