import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { SagemakerNotebookInstanceLifecycleConfiguration } from "@cdktf/provider-aws/lib/sagemaker-notebook-instance-lifecycle-configuration";
import { notebookStartScript, NotebookStartScriptInput } from "./notebook-start-script";

/** The script's inputs are strings; Terraform references among them (the SDK defaults' ids and keys) are resolved at apply. */
export interface NotebookLifecycleProps extends NotebookStartScriptInput {
  /** Name of the lifecycle configuration (`<project base>-notebooks`). */
  readonly name: string;
}

/** The project's notebook lifecycle configuration: pip pointed at the private mirror, auto-stop when idle. */
export class NotebookLifecycle extends Construct {
  readonly name: string;
  /** The on-start script as written (before Terraform base64-encodes it). */
  readonly onStartScript: string;

  constructor(scope: Construct, id: string, props: NotebookLifecycleProps) {
    super(scope, id);
    this.onStartScript = notebookStartScript(props);
    const config = new SagemakerNotebookInstanceLifecycleConfiguration(this, "config", {
      name: props.name,
      onStart: base64Script(this.onStartScript, id),
    });
    this.name = config.name;
  }
}

/**
 * A script as the base64 text SageMaker wants: encoded here when it is plain, by Terraform's base64encode() when it
 * holds references. The literal parts must not contain Terraform template syntax, which Terraform would expand.
 */
export function base64Script(script: string, id: string): string {
  if (!Token.isUnresolved(script)) return Buffer.from(script, "utf8").toString("base64");
  const literal = script.replace(/\$\{TfToken\[[^\]]+\]\}/g, "");
  if (/[$%]\{/.test(literal)) throw new Error(`${id}: the script contains "\${" or "%{", which Terraform would expand; write $VAR instead of \${VAR}`);
  // A Terraform string literal: backslashes, quotes and newlines escaped (cdktf passes function arguments through as written).
  return Fn.base64encode(script.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\n/g, "\\n"));
}
