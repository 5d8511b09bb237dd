/** Studio names as plain data (no cdktf): the domain construct, the identity policies and the plan share them. */

/** The app types that get the lifecycle configuration and idle shutdown. */
export const STUDIO_APP_TYPES = ["JupyterLab", "CodeEditor"] as const;

/** Studio lifecycle configuration name of a domain and app type (deterministic, so policies can name its ARN). */
export function lifecycleConfigName(domainName: string, appType: (typeof STUDIO_APP_TYPES)[number]): string {
  return `${domainName}-${appType.toLowerCase()}`;
}
