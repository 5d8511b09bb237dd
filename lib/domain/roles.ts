/** The roles of a project as plain data (no cdktf): the constructs, the plan and the policy tests share them. */

/** The seven roles of a project, by short name (part of the role name `<project base>-<role>`). */
export const ROLE_NAMES = [
  "data-scientist", "notebook-creation", "notebook-execution", "training", "endpoint-creation", "endpoint-hosting",
  "endpoint-invocation",
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** The IAM path of every project role: lets policies and reviews address "all roles of this product". */
export const ROLE_PATH = "/sagemaker-project/";

/** The project roles that act in Studio: the person, and the execution role the Studio UI calls SageMaker with. */
export const STUDIO_ROLES = ["data-scientist", "notebook-execution"] as const;
export type StudioRole = (typeof STUDIO_ROLES)[number];

/** The ARN of each role of a project, by short name (what PassRole and AssumeRole grants name). */
export function roleArnsOf(roles: Readonly<Record<RoleName, { readonly arn: string }>>): Record<RoleName, string> {
  return Object.fromEntries(Object.entries(roles).map(([r, role]) => [r, role.arn])) as Record<RoleName, string>;
}
