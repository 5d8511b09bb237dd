import type { SynthModel } from "../../checks/synthesized/model";

/**
 * The one list of what the moto emulator (5.2.1) cannot show, measured with hashicorp/aws 5.100.0.
 * Every entry keeps its resource in the product: what the emulator runs leave out here is proven by
 * `terraform validate` and `plan` in __tests__/terraform instead. The emulator suites and `npm run demo`
 * apply with `emulatorTargets`, which leaves out the excluded types and everything that depends on them.
 */
export interface EmulatorGap {
  /** Resource type (or resource type.attribute) concerned. */
  readonly subject: string;
  /** For "excluded from apply": the resource type left out. */
  readonly excludedType?: string;
  /** What the emulator does wrong. */
  readonly reason: string;
  /** What the suites do about it. */
  readonly handling: "excluded from apply" | "drift tolerated" | "check made on the synthesized JSON instead" | "attribute left unset for apply" | "bucket emptied through the S3 API before destroy"
    | "call proven by IAM simulation instead"
    | "each step simulated against the stored policies instead";
  /**
   * For "drift tolerated" and "attribute left unset for apply": the resource type and attribute. The emulator runs
   * add `lifecycle.ignore_changes` for it (drift tolerated), or set it to null (left unset) in their override file.
   */
  readonly attribute?: { readonly type: string; readonly name: string };
  /**
   * Limits an exclusion to the resources of its type attached (by their `bucket`) to the environment's state bucket,
   * found by the name the plan gives it (`plan(config).environments[i].state.bucket`), not by construct id.
   * @default every resource of the type
   */
  readonly onlyFor?: "the state bucket";
}

export const EMULATOR_GAPS: readonly EmulatorGap[] = [
  {
    subject: "SageMaker training and transform jobs, models, endpoints (the ML chain's API calls)",
    reason: "moto 5.2.1 records CreateTrainingJob, CreateModel, CreateTransformJob, CreateEndpointConfig and CreateEndpoint and describes them back, and answers InvokeEndpoint with a canned body, but runs no container (no S3 input read, no artifact or transform result written, no model served) and evaluates no IAM policy; the repository has no sagemaker-runtime SDK client, so InvokeEndpoint is not called there",
    handling: "each step simulated against the stored policies instead",
  },
  {
    subject: "aws_cloudtrail",
    excludedType: "aws_cloudtrail",
    reason: "the provider calls StartLogging with the trail ARN, moto looks the trail up by name and answers HTTP 500, and the provider retries for minutes; the trail's key, buckets, log group and delivery role are applied, the trail itself is proven by validate and plan",
    handling: "excluded from apply",
  },
  {
    subject: "aws_sagemaker_code_repository",
    excludedType: "aws_sagemaker_code_repository",
    reason: "moto 5.2.1 does not implement SageMaker CreateCodeRepository/DescribeCodeRepository (HTTP 500 / not implemented)",
    handling: "excluded from apply",
  },
  {
    subject: "aws_codecommit_repository",
    excludedType: "aws_codecommit_repository",
    reason: "moto 5.2.1 returns CreateRepository's lastModifiedDate as a string; the provider's SDK expects a number and fails (\"expected LastModifiedDate to be a JSON Number\")",
    handling: "excluded from apply",
  },
  {
    subject: "aws_codeartifact_domain",
    excludedType: "aws_codeartifact_domain",
    reason: "moto 5.2.1 has no CodeArtifact service at all; the package mirror (off by default) cannot be created there",
    handling: "excluded from apply",
  },
  {
    subject: "aws_codeartifact_repository",
    excludedType: "aws_codeartifact_repository",
    reason: "moto 5.2.1 has no CodeArtifact service at all (the repository depends on the domain, excluded anyway)",
    handling: "excluded from apply",
  },
  {
    subject: "aws_s3_bucket_policy",
    excludedType: "aws_s3_bucket_policy",
    reason: "moto enforces bucket-policy statements with Principal \"*\" on object GET/HEAD but supplies no condition values (only sts:ExternalId), so a conditional Deny such as TLS-only denies every read (measured: the S3 backend's HeadObject gets 403). Only the state bucket's policy is left out: the state stack's access-log bucket keeps its policy, which moto's PutBucketLogging requires",
    handling: "excluded from apply",
    onlyFor: "the state bucket",
  },
  {
    subject: "aws_s3_bucket.force_destroy (versioned bucket holding delete markers)",
    reason: "when versioning is suspended (destroying aws_s3_bucket_versioning does that first), moto's DeleteObjects crashes on delete markers ('FakeDeleteMarker' object has no attribute 'dispose', HTTP 500) and the provider retries until its timeout; the state bucket has delete markers from every released .tflock",
    handling: "bucket emptied through the S3 API before destroy",
  },
  {
    subject: "aws_security_group_rule.description (prefix-list peers)",
    reason: "moto merges an egress rule to a prefix list into another rule with the same ports and drops its description",
    handling: "check made on the synthesized JSON instead",
  },
  {
    subject: "aws_vpc_security_group_ingress_rule / aws_vpc_security_group_egress_rule",
    reason: "moto's DescribeSecurityGroupRules omits descriptions and prefixes referenced group ids with the account id, so every second plan shows drift; the product uses aws_security_group_rule instead",
    handling: "check made on the synthesized JSON instead",
  },
  {
    subject: "aws_organizations_policy (type DECLARATIVE_POLICY_EC2)",
    reason: "moto 5.2.1 refuses declarative policies: CreatePolicy answers InvalidInputException for any type outside its FakePolicy.SUPPORTED_POLICY_TYPES (AI services opt-out, backup, resource control, service control, tag); the organization emulator suite turns organization.vpcBlockPublicAccess off, the policy is proven by terraform validate (examples suite) and its content on the synthesized JSON (__tests__/organization/guardrails.test.ts)",
    handling: "check made on the synthesized JSON instead",
  },
  {
    subject: "aws_kms_key.rotation_period_in_days",
    reason: "moto does not return RotationPeriodInDays; the product leaves it at AWS's default of 365 days",
    handling: "check made on the synthesized JSON instead",
  },
  {
    subject: "aws_sagemaker_notebook_instance_lifecycle_configuration",
    excludedType: "aws_sagemaker_notebook_instance_lifecycle_configuration",
    reason: "moto 5.2.1 answers ListTags on the lifecycle configuration's ARN with HTTP 500, and the provider retries endlessly",
    handling: "excluded from apply",
  },
  {
    subject: "aws_sagemaker_notebook_instance.lifecycle_config_name",
    reason: "it names the excluded lifecycle configuration, which would leave the notebooks out too; the emulator runs apply the notebooks without it (the unit tests check the reference in the synthesized JSON)",
    handling: "attribute left unset for apply",
    attribute: { type: "aws_sagemaker_notebook_instance", name: "lifecycle_config_name" },
  },
  {
    subject: "aws_sagemaker_notebook_instance.default_code_repository",
    reason: "it names the SageMaker code repository, an excluded type, which would leave the notebooks out too; the emulator runs apply the notebooks without it (the unit tests check the reference in the synthesized JSON)",
    handling: "attribute left unset for apply",
    attribute: { type: "aws_sagemaker_notebook_instance", name: "default_code_repository" },
  },
  {
    subject: "aws_sagemaker_notebook_instance.platform_identifier",
    reason: "moto 5.2.1's DescribeNotebookInstance omits PlatformIdentifier, so the provider reads it as empty and the second plan wants to replace the notebook",
    handling: "drift tolerated",
    attribute: { type: "aws_sagemaker_notebook_instance", name: "platform_identifier" },
  },
  {
    subject: "aws_sagemaker_notebook_instance.instance_metadata_service_configuration",
    reason: "moto 5.2.1's DescribeNotebookInstance omits InstanceMetadataServiceConfiguration, so the second plan wants to add IMDSv2 again (the unit tests check it in the synthesized JSON)",
    handling: "drift tolerated",
    attribute: { type: "aws_sagemaker_notebook_instance", name: "instance_metadata_service_configuration" },
  },
  {
    subject: "sagemaker:CreatePresignedNotebookInstanceUrl, sagemaker:CreatePresignedDomainUrl (npm run open's last step)",
    reason: "moto 5.2.1 does not implement either call (its SageMaker responses have no handler for them); __tests__/emulator/data-scientist.test.ts runs `npm run open` against moto up to that call (sign-in, assume role with the username tag, start, wait until InService) and checks that the call is the one refused",
    handling: "call proven by IAM simulation instead",
  },
  // --- Studio (measured in __tests__/emulator/studio.test.ts, which fails when moto starts implementing these) ---
  {
    subject: "aws_sagemaker_studio_lifecycle_config",
    excludedType: "aws_sagemaker_studio_lifecycle_config",
    reason: "moto 5.2.1 does not implement CreateStudioLifecycleConfig (HTTP 500 with an HTML error page)",
    handling: "excluded from apply",
  },
  {
    subject: "aws_sagemaker_user_profile",
    excludedType: "aws_sagemaker_user_profile",
    reason: "moto 5.2.1 does not implement CreateUserProfile (HTTP 500 with an HTML error page); the profiles are proven by validate and plan and by the unit tests on the synthesized JSON",
    handling: "excluded from apply",
  },
  {
    subject: "aws_sagemaker_domain",
    excludedType: "aws_sagemaker_domain",
    reason: "moto 5.2.1 implements CreateDomain, DescribeDomain (echoing the settings sent), ListTags and DeleteDomain, but its CreateDomain response has no DomainId: hashicorp/aws 5.100.0 takes the id from it and waits on DescribeDomain(''), which fails (ValidationException: Could not find domain ''); UpdateDomain is not implemented (HTTP 500). The domain's settings are proven by validate and plan and by the unit tests; what depends on it (profiles, the Studio policies naming its id) is left out with it",
    handling: "excluded from apply",
  },
];

/** Resource types the emulator runs leave out of every stack (every resource of the type). */
export const EXCLUDED_TYPES: readonly string[] = EMULATOR_GAPS.flatMap((g) => (g.excludedType && !g.onlyFor ? [g.excludedType] : []));

/** What the emulator runs leave out: a resource type, or the listed resources (`type.name`) of a type. */
export type Exclusion = string | { readonly type: string; readonly addresses: readonly string[] };

/**
 * The exclusions of the gap list for one stack of a synthesized app. `stateBuckets` are the state bucket names of
 * the plan; a gap limited to the state bucket leaves out the resources of its type attached to a bucket of that name
 * in this stack (through the model's reference resolution), and nothing in a stack without one.
 */
export function emulatorExclusions(app: SynthModel, stack: string, stateBuckets: readonly string[], gaps: readonly EmulatorGap[] = EMULATOR_GAPS): Exclusion[] {
  return gaps.flatMap((g): Exclusion[] => {
    if (!g.excludedType) return [];
    if (!g.onlyFor) return [g.excludedType];
    const buckets = app.inStack(stack, "aws_s3_bucket").filter((b) => stateBuckets.includes(b.attrs.bucket as string));
    const attached = buckets.flatMap((b) => app.attachedTo(b, g.excludedType!, "bucket", "bucket")).filter((r) => r.stack === stack);
    return [{ type: g.excludedType, addresses: attached.map((r) => `${r.type}.${r.name}`) }];
  });
}

function excludes(exclusion: Exclusion, address: string): boolean {
  return typeof exclusion === "string" ? address.split(".")[0] === exclusion : exclusion.addresses.includes(address);
}

/**
 * `-target` arguments for an emulator apply/plan of a synthesized stack: every resource except those of an
 * excluded type and, transitively, those that reference one. Returns [] when nothing is excluded (plain apply),
 * and the addresses left out, so a test can say what it did not apply.
 */
export function emulatorTargets(stack: Record<string, any>, excluded: readonly Exclusion[] = EXCLUDED_TYPES): { args: string[]; left: string[] } {
  const resources = stack.resource ?? {};
  const all: [string, string][] = Object.entries(resources).flatMap(([type, byName]) =>
    Object.keys(byName as object).map((name) => [`${type}.${name}`, JSON.stringify((byName as any)[name])] as [string, string]));
  const left = new Set(all.filter(([address]) => excluded.some((e) => excludes(e, address))).map(([a]) => a));
  if (left.size === 0) return { args: [], left: [] };
  let grew = true;
  while (grew) {
    grew = false;
    for (const [address, body] of all) {
      if (!left.has(address) && [...left].some((l) => body.includes(`${l}.`) || body.includes(`"${l}"`))) {
        left.add(address);
        grew = true;
      }
    }
  }
  return { args: all.filter(([a]) => !left.has(a)).map(([a]) => `-target=${a}`), left: [...left].sort() };
}

/**
 * Override-file content for an emulator run of a synthesized stack: attributes the gap list leaves unset are null,
 * attributes whose drift it tolerates are in `lifecycle.ignore_changes`. Merge it into the stack's override file,
 * and compute `emulatorTargets` on `withoutUnsetAttributes(stack)`.
 */
export function emulatorOverride(stack: Record<string, any>, gaps: readonly EmulatorGap[] = EMULATOR_GAPS): object {
  const resource: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const gap of gaps) {
    if (!gap.attribute || (gap.handling !== "drift tolerated" && gap.handling !== "attribute left unset for apply")) continue;
    for (const name of Object.keys(stack.resource?.[gap.attribute.type] ?? {})) {
      const r = ((resource[gap.attribute.type] ??= {})[name] ??= {});
      if (gap.handling === "attribute left unset for apply") r[gap.attribute.name] = null;
      else {
        const lifecycle = (r.lifecycle ??= { ignore_changes: [] }) as { ignore_changes: string[] };
        lifecycle.ignore_changes.push(gap.attribute.name);
      }
    }
  }
  return Object.keys(resource).length ? { resource } : {};
}

/** The stack as an emulator run applies it: attributes the gap list leaves unset removed. */
export function withoutUnsetAttributes(stack: Record<string, any>, gaps: readonly EmulatorGap[] = EMULATOR_GAPS): Record<string, any> {
  const copy = structuredClone(stack);
  for (const gap of gaps) {
    if (gap.handling !== "attribute left unset for apply" || !gap.attribute) continue;
    for (const r of Object.values<Record<string, unknown>>(copy.resource?.[gap.attribute.type] ?? {})) delete r[gap.attribute.name];
  }
  return copy;
}
