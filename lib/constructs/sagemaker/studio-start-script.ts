/**
 * The script of the project's Studio lifecycle configurations, as a pure function of strings. It runs as the
 * space's user (sagemaker-user, no root) at every start of a JupyterLab or Code Editor app.
 */
import type { PackageMirrorRef } from "./notebook-start-script";
import { SdkDefaults, writeSdkDefaultsScript } from "./sdk-defaults";

export interface StudioStartScriptInput {
  readonly region: string;
  /** The SageMaker Python SDK defaults (sdk-defaults.ts). */
  readonly sdkDefaults: SdkDefaults;
  /** Point pip at this private mirror (Studio apps in a VPC-only domain have no internet). @default pip keeps its default index */
  readonly packageMirror?: PackageMirrorRef;
}

export function studioStartScript(input: StudioStartScriptInput): string {
  const parts = [
    "#!/bin/bash",
    "# sds Studio lifecycle configuration: runs as the space's user at every start of a JupyterLab or Code Editor app.",
    "set -euo pipefail",
    writeSdkDefaultsScript(input.sdkDefaults, "$HOME"),
  ];
  const m = input.packageMirror;
  if (m) {
    parts.push(
      "# pip reads packages from the private CodeArtifact mirror (writes ~/.config/pip/pip.conf; the token lasts 12 hours, renewed at each app start).",
      `aws codeartifact login --tool pip --region ${input.region} --domain ${m.domain} --domain-owner ${m.domainOwner} --repository ${m.repository} --duration-seconds 43200`,
    );
  }
  return `${parts.join("\n")}\n`;
}
