/**
 * What a data scientist needs to open a notebook or Studio, per project, without Terraform state: written at synth to
 * `<out>/access/<environment>-<project>.json` (app/app.ts) and read by `npm run open` (app/cli/open.ts). Every value is
 * known before any apply (names, ARNs, region, the endpoints' private DNS names); what only an apply knows (endpoint
 * ids, the Studio domain id) the command looks up with the data scientist's own session (ListDomains) or is not
 * needed (the regional names resolve to the interface endpoints through private DNS on the client network).
 */
import { usesNotebooks, usesStudio } from "../config/studio";
import type { EnvironmentPlan, ProjectPlan } from "./plan";

export const ACCESS_FILE_VERSION = 1;

export interface AccessFile {
  readonly version: typeof ACCESS_FILE_VERSION;
  readonly environment: string;
  readonly project: string;
  readonly region: string;
  readonly accountId: string;
  /** The role the data scientist assumes, with the session tag `username`. */
  readonly dataScientistRoleArn: string;
  /** `identity.dataScientistConsole`: list, describe, start and stop own notebooks from the AWS console too. */
  readonly consoleMode: boolean;
  /** Host names the client network must resolve to the interface endpoints (private DNS; docs/client-access.md). */
  readonly privateDnsNames: {
    /** The SageMaker API (`sagemaker.api` endpoint): the SDK's default endpoint in the region. */
    readonly sagemakerApi: string;
    /** Notebook instances' UI (`notebook` endpoint): `<instance>.notebook.<region>.sagemaker.aws` and its wildcard. */
    readonly notebook: string;
    /** Studio's UI (`studio` endpoint): `<domain id>.studio.<region>.sagemaker.aws`. */
    readonly studio: string;
  };
  /** The project's notebook instances: short name, instance name, the owner's `username`. */
  readonly notebooks: readonly { readonly name: string; readonly instanceName: string; readonly owner: string }[];
  /** The project's Studio domain (by name: its id is looked up) and user profiles (named after the username). */
  readonly studio?: { readonly domainName: string; readonly userProfiles: readonly string[] };
}

/** The access file of a project. */
export function accessFile(env: EnvironmentPlan, p: ProjectPlan): AccessFile {
  const region = env.scope.region;
  const domain = p.names.studio?.domain;
  return {
    version: ACCESS_FILE_VERSION,
    environment: env.name,
    project: p.name,
    region,
    accountId: env.scope.accountId,
    dataScientistRoleArn: p.roles["data-scientist"].arn,
    consoleMode: p.config.identity.dataScientistConsole,
    privateDnsNames: {
      sagemakerApi: `api.sagemaker.${region}.${env.dnsSuffix}`,
      notebook: `notebook.${region}.sagemaker.aws`,
      studio: `studio.${region}.sagemaker.aws`,
    },
    notebooks: usesNotebooks(p.config)
      ? p.config.notebooks.map((n, i) => ({ name: n.name, instanceName: p.notebooks[i].instanceName, owner: n.owner })) : [],
    ...(usesStudio(p.config) && domain ? { studio: { domainName: domain, userProfiles: p.config.users.map((u) => u.username) } } : {}),
  };
}

/** The file's path inside the output folder. */
export function accessFilePath(environment: string, project: string): string {
  return `access/${environment}-${project}.json`;
}
