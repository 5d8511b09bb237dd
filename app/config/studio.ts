/**
 * Config of a project's front end: SageMaker Studio (a VPC-only domain with one user profile per person), notebook
 * instances, or both; and the project's users, listed once. `schema.ts` plugs these into the project object,
 * resolves the default front end (`resolveFrontEnd`) and calls `checkStudio` from its cross-field checks.
 */
import { z } from "zod";
import { STUDIO_INSTANCE_TYPES } from "../../lib/domain/catalogue/studio-instance-types";
import { suggest } from "./parse";
import { studioImageAccount } from "../../lib/domain/catalogue/studio-image-accounts";

export const FRONT_ENDS = ["studio", "notebooks", "both"] as const;
export type FrontEnd = (typeof FRONT_ENDS)[number];

/** SageMaker user profile names: letters, digits and single hyphens, at most 63 characters. */
export const PROFILE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
/** Studio's default and cheapest general-purpose app instance. */
export const DEFAULT_STUDIO_INSTANCE_TYPES = ["ml.t3.medium"];

const instanceType = z.string().refine((t) => STUDIO_INSTANCE_TYPES.includes(t), {
  error: (i) => `"${String(i.input)}" is not a SageMaker Studio app instance type hashicorp/aws 5.100.0 accepts (e.g. ml.t3.medium, ml.m5.large)`,
});

export const User = z.strictObject({
  /**
   * The person, as their session carries it in the `username` tag (Identity Center user name, SAML assertion or
   * IAM user name). With Studio it is also the user profile's name, so that IAM can match the profile ARN to the
   * session tag: letters, digits and hyphens (e.g. "alice", "alice-smith").
   */
  username: z.string().regex(/^[\w+=,.@-]{1,128}$/, { error: "must be a user name (letters, digits and _+=,.@-), e.g. \"alice\"" }),
  /** Instance types this user's Studio apps may run on. @default the project's `studio.instanceTypes` */
  instanceTypes: z.array(instanceType).min(1, { error: "list at least one instance type, or remove the field to use studio.instanceTypes" }).optional(),
  /** An execution role of the environment's account for this user's Studio apps. @default the project's notebook-execution role */
  executionRoleArn: z.string().regex(ROLE_ARN, { error: "must be an IAM role ARN such as arn:aws:iam::123456789012:role/alice-studio" }).optional(),
});
export type UserConfig = z.infer<typeof User>;

export const Studio = z.strictObject({
  /** "IAM": people open Studio through CreatePresignedDomainUrl on the VPC endpoint; "SSO": through IAM Identity Center. */
  authMode: z.enum(["IAM", "SSO"], { error: "must be \"IAM\" (presigned URLs through the VPC endpoint) or \"SSO\" (IAM Identity Center)" }).default("IAM"),
  /** Instance types Studio apps may run on (users may narrow their own list). */
  instanceTypes: z.array(instanceType).min(1, { error: "list at least one instance type (e.g. [\"ml.t3.medium\"])" }).default(DEFAULT_STUDIO_INSTANCE_TYPES),
  /** Idle minutes before a JupyterLab or Code Editor app shuts itself down (60-525600, Studio's range). */
  idleShutdownMinutes: z.number().int().min(60, { error: "must be 60 to 525600 minutes (Studio's idle shutdown range)" })
    .max(525600, { error: "must be 60 to 525600 minutes (Studio's idle shutdown range)" }).default(60),
  /** Images (SageMaker image ARNs) apps may use besides SageMaker's own distribution images. @default none */
  approvedImageArns: z.array(z.string().regex(/^arn:aws(-cn|-us-gov)?:sagemaker:[a-z0-9-]+:\d{12}:image\/[a-z0-9-]+$/, {
    error: "must be a SageMaker image ARN such as arn:aws:sagemaker:eu-west-1:123456789012:image/team-python",
  })).default([]),
}).default({ authMode: "IAM", instanceTypes: DEFAULT_STUDIO_INSTANCE_TYPES, idleShutdownMinutes: 60, approvedImageArns: [] });
export type StudioConfig = z.infer<typeof Studio>;

/** A profile-name candidate from a user name: lower case, other characters to hyphens, no hyphen at either end. */
function profileNameFrom(username: string): string {
  return username.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
}

/**
 * The front end of a project that does not set `frontEnd`: Studio when it lists users and no notebook instances
 * (a new team), notebook instances otherwise (configs written before Studio keep their meaning).
 */
export function resolveFrontEnd(p: { frontEnd?: FrontEnd; users: readonly unknown[]; notebooks: readonly unknown[] }): FrontEnd {
  return p.frontEnd ?? (p.users.length > 0 && p.notebooks.length === 0 ? "studio" : "notebooks");
}

export const usesStudio = (p: { frontEnd: FrontEnd }): boolean => p.frontEnd !== "notebooks";
export const usesNotebooks = (p: { frontEnd: FrontEnd }): boolean => p.frontEnd !== "studio";

/** The shape `checkStudio` reads (a validated environment). */
export interface StudioEnvironment {
  readonly accountId: string;
  readonly region: string;
  readonly projects: readonly {
    readonly frontEnd: FrontEnd;
    readonly users: readonly UserConfig[];
    readonly notebooks: readonly { readonly owner: string }[];
    readonly studio: StudioConfig;
  }[];
}

/** Cross-field rules; `report(message, ...path)` with a path relative to the environment. */
export function checkStudio(env: StudioEnvironment, report: (message: string, ...path: (string | number)[]) => void): void {
  env.projects.forEach((p, j) => {
    const at = (...path: (string | number)[]) => ["projects", j, ...path];
    const seen = new Map<string, number>();
    const profiles = new Map<string, number>();
    p.users.forEach((u, k) => {
      const profile = u.username.toLowerCase();
      const taken = (name: string) => p.users.some((o, m) => m !== k && o.username.toLowerCase() === name);
      if (seen.has(u.username)) report(`"${u.username}" is already listed as users[${seen.get(u.username)}]; list each person once`, ...at("users", k, "username"));
      else if (usesStudio(p) && profiles.has(profile)) {
        report(`"${u.username}" and users[${profiles.get(profile)}] would be one Studio user profile (SageMaker compares names without regard to case); list each person once`, ...at("users", k, "username"));
      } else if (usesStudio(p) && !PROFILE_NAME.test(u.username)) {
        const fix = suggest([u.username.split("@")[0], u.username].map(profileNameFrom), (c) => PROFILE_NAME.test(c) && c === c.toLowerCase() && !taken(c));
        report(`"${u.username}" cannot be a Studio user profile name (letters, digits and hyphens, at most 63); the profile is named after the session's username tag so IAM can tie it to the person: `
          + `use a user name${fix ? ` such as "${fix}"` : " of lower-case letters, digits and hyphens"} (and make the identity provider send it as the username tag)`, ...at("users", k, "username"));
      } else if (usesStudio(p) && u.username !== profile) {
        const fix = taken(profile) ? undefined : profile;
        report(`"${u.username}" has upper-case letters; SageMaker checks permissions against the lower-cased ARN of the user profile, so a policy naming "${u.username}" would deny the person: `
          + `use ${fix ? `"${fix}"` : "a lower-case user name"} (and make the identity provider send it as the username tag)`, ...at("users", k, "username"));
      }
      if (!seen.has(u.username)) seen.set(u.username, k);
      if (!profiles.has(profile)) profiles.set(profile, k);
      const account = u.executionRoleArn && ROLE_ARN.exec(u.executionRoleArn)?.[2];
      if (account && account !== env.accountId) {
        report(`the role is in account ${account}, but Studio passes it in the environment's account ${env.accountId}; use a role of ${env.accountId}`, ...at("users", k, "executionRoleArn"));
      }
      u.instanceTypes?.forEach((t, m) => {
        if (!p.studio.instanceTypes.includes(t)) {
          report(`"${t}" is not in the project's studio.instanceTypes (${p.studio.instanceTypes.join(", ")}); add it there or remove it here`, ...at("users", k, "instanceTypes", m));
        }
      });
    });
    if (p.frontEnd === "notebooks") {
      p.users.forEach((u, k) => {
        if (u.instanceTypes || u.executionRoleArn) report(`instance types and execution roles of users apply to Studio, and frontEnd is "notebooks"; remove them or set frontEnd: both`, ...at("users", k));
      });
    }
    if (p.frontEnd === "studio" && p.notebooks.length > 0) {
      report(`frontEnd is "studio", but notebook instances are listed; set frontEnd: both to keep them, or remove them`, ...at("notebooks"));
    }
    if (usesStudio(p) && !studioImageAccount(env.region)) {
      report(`Studio apps may run only SageMaker's own images (published from one AWS account per region) and the approved ones, and this tool does not know that account in ${env.region}; `
        + `use notebooks (frontEnd: notebooks) there, or add the region's account to lib/domain/catalogue/studio-image-accounts.ts`, ...at("frontEnd"));
    }
    if (usesStudio(p) && p.users.length === 0) {
      report(`frontEnd "${p.frontEnd}" gives each user a Studio profile, but no users are listed; add users: [{ username: "alice" }]`, ...at("users"));
    }
    if (p.users.length > 0) {
      p.notebooks.forEach((n, k) => {
        if (!seen.has(n.owner)) report(`"${n.owner}" is not in the project's users; list every person once under users (e.g. { username: "${n.owner}" })`, ...at("notebooks", k, "owner"));
      });
    }
  });
}
