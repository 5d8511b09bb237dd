import { Construct } from "constructs";
import { Token } from "cdktf";
import { SagemakerNotebookInstanceLifecycleConfiguration } from "@cdktf/provider-aws/lib/sagemaker-notebook-instance-lifecycle-configuration";
import { notebookStartScript, NotebookStartScriptInput } from "./notebook-start-script";

/** The script's inputs are plain strings (names from config, not Terraform references): it is base64-encoded here. */
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
    if (Token.isUnresolved(this.onStartScript)) throw new Error(`${id}: the on-start script must be built from plain strings, not Terraform references`);
    const config = new SagemakerNotebookInstanceLifecycleConfiguration(this, "config", {
      name: props.name,
      onStart: Buffer.from(this.onStartScript, "utf8").toString("base64"),
    });
    this.name = config.name;
  }
}
