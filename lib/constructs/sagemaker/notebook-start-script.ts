/**
 * The on-start script of the project's notebook lifecycle configuration, as a pure function of strings.
 * It runs as root at every start.
 */
import { SdkDefaults, writeSdkDefaultsScript } from "./sdk-defaults";

export interface PackageMirrorRef {
  /** CodeArtifact domain name. */
  readonly domain: string;
  /** Account that owns the domain. */
  readonly domainOwner: string;
  /** Repository (with the PyPI upstream) pip reads from. */
  readonly repository: string;
}

export interface NotebookStartScriptInput {
  readonly region: string;
  /** Stop the instance after this many idle minutes; 0 = never. */
  readonly autoStopMinutes: number;
  /** Point pip at this private mirror (the notebooks have no internet). @default pip keeps its default index */
  readonly packageMirror?: PackageMirrorRef;
  /** Write the SageMaker Python SDK defaults file for ec2-user (sdk-defaults.ts). @default no defaults file */
  readonly sdkDefaults?: SdkDefaults;
}

/** Idle check: every kernel idle for longer than the limit (or no kernel since boot for as long) → stop the instance. */
const AUTOSTOP_PY = `#!/usr/bin/env python3
import json, ssl, subprocess, sys, urllib.request
from datetime import datetime, timezone
limit, region = int(sys.argv[1]) * 60, sys.argv[2]
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
sessions = json.load(urllib.request.urlopen("https://localhost:8443/api/sessions", context=ctx))
def idle(kernel):
    if kernel["execution_state"] != "idle":
        return 0
    last = datetime.strptime(kernel["last_activity"], "%Y-%m-%dT%H:%M:%S.%fz").replace(tzinfo=timezone.utc)
    return (datetime.now(timezone.utc) - last).total_seconds()
uptime = float(open("/proc/uptime").read().split()[0])
if (sessions and all(idle(s["kernel"]) > limit for s in sessions)) or (not sessions and uptime > limit):
    name = json.load(open("/opt/ml/metadata/resource-metadata.json"))["ResourceName"]
    subprocess.run(["aws", "sagemaker", "stop-notebook-instance", "--region", region, "--notebook-instance-name", name], check=True)
`;

function pipIndexScript(region: string, m: PackageMirrorRef): string {
  const ca = `aws codeartifact --region ${region}`;
  return `#!/bin/bash
set -euo pipefail
TOKEN=$(${ca} get-authorization-token --domain ${m.domain} --domain-owner ${m.domainOwner} --duration-seconds 43200 --query authorizationToken --output text)
HOST=$(${ca} get-repository-endpoint --domain ${m.domain} --domain-owner ${m.domainOwner} --repository ${m.repository} --format pypi --query repositoryEndpoint --output text | sed 's#^https://##')
umask 022
printf '[global]\\nindex-url = https://aws:%s@%ssimple/\\n' "$TOKEN" "$HOST" > /etc/pip.conf.new
mv /etc/pip.conf.new /etc/pip.conf
`;
}

export function notebookStartScript(input: NotebookStartScriptInput): string {
  const parts = ["#!/bin/bash", "# sds notebook lifecycle configuration: runs as root at every start of the instance.", "set -euo pipefail"];
  if (input.packageMirror) {
    parts.push(
      "# pip reads packages from the private CodeArtifact mirror (no internet); the token lasts 12 h, so cron renews it.",
      `cat > /usr/local/bin/sds-pip-index <<'SCRIPT'\n${pipIndexScript(input.region, input.packageMirror)}SCRIPT`,
      "chmod 755 /usr/local/bin/sds-pip-index",
      "/usr/local/bin/sds-pip-index",
      `echo '0 */6 * * * root /usr/local/bin/sds-pip-index' > /etc/cron.d/sds-pip-index`,
    );
  }
  if (input.sdkDefaults) parts.push(writeSdkDefaultsScript(input.sdkDefaults, "/home/ec2-user", "ec2-user"));
  if (input.autoStopMinutes > 0) {
    parts.push(
      `# Stop the instance when it has been idle for ${input.autoStopMinutes} minutes (checked every 5 minutes).`,
      `cat > /usr/local/bin/sds-autostop <<'SCRIPT'\n${AUTOSTOP_PY}SCRIPT`,
      "chmod 755 /usr/local/bin/sds-autostop",
      `echo '*/5 * * * * root /usr/bin/python3 /usr/local/bin/sds-autostop ${input.autoStopMinutes} ${input.region}' > /etc/cron.d/sds-autostop`,
    );
  }
  return `${parts.join("\n")}\n`;
}
