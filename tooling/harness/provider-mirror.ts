/**
 * Terraform CLI configuration for machines without registry access: providers come from a filesystem mirror.
 * The mirror is `$SDS_TF_PROVIDER_MIRROR` when set, else the first of the usual plugin folders that holds
 * hashicorp/aws at the pinned version.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The provider version @cdktf/provider-aws 20.1.0 is generated from. */
export const AWS_PROVIDER_VERSION = "5.100.0";

const CANDIDATES = [
  "/opt/tf-plugins",
  join(homedir(), ".terraform.d", "plugins"),
  join(homedir(), ".local", "share", "terraform", "plugins"),
  "/usr/local/share/terraform/plugins",
  "/usr/share/terraform/plugins",
];

function holdsAws(dir: string): boolean {
  return existsSync(join(dir, "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION));
}

/** The mirror folder, or undefined when none is found (Terraform then uses the public registry). */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.SDS_TF_PROVIDER_MIRROR;
  if (configured) {
    if (!holdsAws(configured)) {
      throw new Error(`SDS_TF_PROVIDER_MIRROR=${configured} holds no registry.terraform.io/hashicorp/aws/${AWS_PROVIDER_VERSION}; point it at the folder that does`);
    }
    return configured;
  }
  return CANDIDATES.find(holdsAws);
}

/** Writes a CLI config into `dir` that installs hashicorp/aws from the mirror; returns its path. */
export function writeCliConfig(dir: string, mirror = findProviderMirror()): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "terraform.tfrc");
  const body = mirror
    ? `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
`
    : "";
  writeFileSync(path, body);
  return path;
}
