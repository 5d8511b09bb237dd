import { Construct } from "constructs";
import { ArnScope, logGroupArn } from "../../domain/policy/document";
import { EncryptionKey } from "./encryption-key";
import { logsServiceUse, PrincipalKeyUse } from "./key-policy";

export interface ProjectKeysProps {
  readonly scope: ArnScope;
  readonly dnsSuffix: string;
  /** `<prefix>-<env>-<project>`, the start of descriptions. */
  readonly name: string;
  /** Alias of each key without `alias/`, e.g. `{ data: "sds/dev/fraud/data", volumes: "sds/dev/fraud/volumes", logs: "sds/dev/fraud/logs" }`. */
  readonly aliases: { readonly data: string; readonly volumes: string; readonly logs: string };
  /** Key administrators (the roles that run Terraform). @default the account root (delegating to IAM) */
  readonly administratorArns?: readonly string[];
  /** Read-only principals of `terraform plan`: they read each key's configuration, never use it. @default none */
  readonly planPrincipalArns?: readonly string[];
  /**
   * The project's roles (their exact ARNs: a name pattern would admit a look-alike role) that may use the data and volume keys through AWS services.
   * @default any principal of the account its IAM policies allow (until the project's roles exist)
   */
  readonly principalArns?: readonly string[];
  /** Log groups (names, `*` allowed) the logs service may encrypt with the logs key, e.g. `["/sds/dev/fraud/*"]`. */
  readonly logGroupNames: readonly string[];
  /**
   * The volumes key also encrypts a Studio domain's EFS home volume, which SageMaker creates with the caller's
   * (Terraform's) key permissions through EFS: the administrators may then use it through SageMaker and EFS only.
   * @default false
   */
  readonly studioHomeVolume?: boolean;
}

/** Services through which the project's roles use each key. */
export const KEY_SERVICES = {
  /** Objects in the data and model buckets (S3), job outputs (SageMaker writes them to S3), the code repository. */
  data: ["s3", "sagemaker", "codecommit"],
  /** EBS volumes of notebook instances and of training, processing and transform jobs. */
  volumes: ["sagemaker", "ec2"],
} as const;

/**
 * The three customer-managed keys of a project, one per purpose, so that a key policy, a grant or a deletion
 * concerns one kind of data only: `data` (buckets, job outputs, code), `volumes` (notebook and job EBS volumes),
 * `logs` (the project's CloudWatch log groups, used by the logs service only).
 */
export class ProjectKeys extends Construct {
  readonly data: EncryptionKey;
  readonly volumes: EncryptionKey;
  readonly logs: EncryptionKey;

  constructor(scope: Construct, id: string, props: ProjectKeysProps) {
    super(scope, id);
    const common = { scope: props.scope, dnsSuffix: props.dnsSuffix, administratorArns: props.administratorArns, planPrincipalArns: props.planPrincipalArns };
    const use = (services: readonly string[]): PrincipalKeyUse[] =>
      [{ sid: "ProjectRoles", principalArns: props.principalArns, viaServices: services }];
    // Once use is narrowed to the project's roles, the administrators (Terraform) still create and manage the
    // CodeCommit repository, which CodeCommit does with the caller's key permissions; through CodeCommit only.
    const admins: PrincipalKeyUse[] = props.principalArns?.length && props.administratorArns?.length
      ? [{ sid: "Administrators", principalArns: props.administratorArns, viaServices: ["codecommit"] }]
      : [];
    this.data = new EncryptionKey(this, "data", {
      ...common,
      alias: props.aliases.data,
      description: `${props.name}: data and model buckets, job outputs, code repository`,
      principalUses: [...use(KEY_SERVICES.data), ...admins],
    });
    this.volumes = new EncryptionKey(this, "volumes", {
      ...common,
      alias: props.aliases.volumes,
      description: `${props.name}: EBS volumes of notebook instances and jobs`,
      principalUses: [...use(KEY_SERVICES.volumes), ...(props.studioHomeVolume && props.administratorArns?.length
        ? [{ sid: "AdministratorsCreateStudioDomain", principalArns: props.administratorArns, viaServices: ["sagemaker", "elasticfilesystem"] }] : [])],
    });
    const groups = props.logGroupNames;
    this.logs = new EncryptionKey(this, "logs", {
      ...common,
      alias: props.aliases.logs,
      description: `${props.name}: CloudWatch log groups of the project`,
      services: [logsServiceUse(props.scope, props.dnsSuffix, groups.map((g) => logGroupArn(props.scope, g)))],
    });
  }
}
