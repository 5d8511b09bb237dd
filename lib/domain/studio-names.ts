/** Studio constants as plain data (no cdktf): the domain construct, the identity policies and the plan share them. */

/** The app types that get the lifecycle configuration and idle shutdown. */
export const STUDIO_APP_TYPES = ["JupyterLab", "CodeEditor"] as const;
export type StudioAppType = (typeof STUDIO_APP_TYPES)[number];
