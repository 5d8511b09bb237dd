/**
 * `npm run tf-config [-- DIR]`: writes the Terraform CLI config that installs hashicorp/aws from the machine's
 * provider mirror (offline machines), into DIR/terraform.tfrc (default: the current folder), and prints how to
 * use it with plain terraform and with `cdktf deploy`.
 */
import { resolve } from "node:path";
import { parseCommandLine, UsageError, usageExit } from "../app/cli/args";
import { AWS_PROVIDER_VERSION, findProviderMirror, writeCliConfig } from "./harness/provider-mirror";

function main(): number {
  const { positionals } = parseCommandLine(process.argv.slice(2), {}, true);
  const dir = resolve(positionals[0] ?? ".");
  let mirror: string | undefined;
  try {
    mirror = findProviderMirror();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  if (!mirror) {
    process.stderr.write(`no provider mirror with registry.terraform.io/hashicorp/aws/${AWS_PROVIDER_VERSION} found (set SDS_TF_PROVIDER_MIRROR);\n`
      + "with access to registry.terraform.io, terraform needs no CLI config: nothing was written\n");
    return 1;
  }
  const path = writeCliConfig(dir, mirror);
  process.stdout.write(`wrote ${path} (providers from ${mirror})\n\n`
    + `  export TF_CLI_CONFIG_FILE=${path}\n`
    + "  cd cdktf.out/stacks/dev-platform && terraform init && terraform plan\n"
    + "  npx cdktf deploy 'dev-*' --skip-provider-lock     # cdktf cannot lock providers for other platforms offline\n");
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.exitCode = usageExit(e, `npm run tf-config [-- DIR]
  DIR          where terraform.tfrc goes (default: the current folder)
  -h, --help   this help`);
}
