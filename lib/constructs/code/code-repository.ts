import { Construct } from "constructs";
import { CodecommitRepository } from "@cdktf/provider-aws/lib/codecommit-repository";
import { SagemakerCodeRepository } from "@cdktf/provider-aws/lib/sagemaker-code-repository";

/** Where the project's code lives: a new CodeCommit repository, or an existing Git repository reachable from the VPC. */
export type CodeRepositorySource =
  | { readonly type: "codecommit" }
  | { readonly type: "external"; readonly url: string; readonly branch: string; readonly secretArn?: string };

export interface CodeRepositoryProps {
  /** Name of both the CodeCommit repository and the SageMaker code repository, e.g. "sds-dev-fraud". */
  readonly name: string;
  readonly description: string;
  readonly source: CodeRepositorySource;
  /** Key of the CodeCommit repository (the project's data key); unused for external repositories. */
  readonly kmsKeyArn: string;
}

/**
 * The project's Git repository registered as a SageMaker code repository, so notebooks clone it as their default
 * repository. CodeCommit repositories are encrypted with the project key; notebooks reach them through the
 * `git-codecommit` interface endpoint. An external repository is only registered (with its credentials secret).
 */
export class CodeRepository extends Construct {
  /** Name of the SageMaker code repository: a notebook's `default_code_repository`. */
  readonly sagemakerCodeRepositoryName: string;
  /** The CodeCommit repository's ARN (for IAM policies), when the source is CodeCommit. */
  readonly codecommitArn?: string;
  /** HTTPS clone URL. */
  readonly cloneUrl: string;

  constructor(scope: Construct, id: string, props: CodeRepositoryProps) {
    super(scope, id);
    let git: { repositoryUrl: string; branch?: string; secretArn?: string };
    if (props.source.type === "codecommit") {
      const repo = new CodecommitRepository(this, "codecommit", {
        repositoryName: props.name,
        description: props.description,
        kmsKeyId: props.kmsKeyArn,
      });
      this.codecommitArn = repo.arn;
      git = { repositoryUrl: repo.cloneUrlHttp };
    } else {
      git = { repositoryUrl: props.source.url, branch: props.source.branch, secretArn: props.source.secretArn };
    }
    const registered = new SagemakerCodeRepository(this, "sagemaker", { codeRepositoryName: props.name, gitConfig: git });
    this.sagemakerCodeRepositoryName = registered.codeRepositoryName;
    this.cloneUrl = git.repositoryUrl;
  }
}
