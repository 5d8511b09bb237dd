/**
 * The permissions boundary of each project role: the most that role can ever do, whatever policy is attached to it
 * later (AdministratorAccess by mistake included). Each role has its own, derived from its own grants table: the
 * grants' actions on the grants' resources are its allows, and every condition of a grant (instance types, keys,
 * isolation, VPC, owner, endpoint) is a Deny on that grant's actions and resources when the request does not meet
 * it, so an attached policy cannot lift it; the denies of `boundaryDenies` keep what a grant does not say itself.
 */
import { policy, PolicyDocument, Statement } from "../../domain/policy/document";
import { nvmeTypes, outsideNetwork } from "./conditions";
import { bucketsAndObjects, ProjectScopeInput, RoleName } from "./project-scope";
import { Grant, ROLE_CAPS, ROLE_GRANTS } from "./role-policies";

/**
 * SageMaker actions that place compute in a VPC (sagemaker:VpcSubnets / VpcSecurityGroupIds apply).
 * `Create*ingJob` = CreateTrainingJob, CreateProcessingJob, CreateHyperParameterTuningJob (and labeling/edge
 * packaging jobs, which no project role may create anyway).
 */
export const VPC_PLACED_ACTIONS = ["sagemaker:CreateNotebookInstance", "sagemaker:Create*ingJob", "sagemaker:CreateModel"];
const VPC_KEYS = ["sagemaker:VpcSubnets", "sagemaker:VpcSecurityGroupIds"];
/** What the VPC floors hold: a subnet always, only the environment's subnets and groups (not a group at all: a notebook may omit it). */
const VPC_HELD = ["sagemaker:VpcSubnets", "ForAllValues:StringEquals sagemaker:VpcSecurityGroupIds"];

/** SageMaker actions that create encrypted volumes (sagemaker:VolumeKmsKeyArn applies). */
export const VOLUME_ACTIONS = [
  "sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob",
  "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateTransformJob", "sagemaker:CreateEndpointConfig",
];

/**
 * The channels that carry project data, whoever the role: object reads, writes and listings, log contents, the
 * code repository, presigned UI URLs, endpoint invocations and job creation. From any role, only from inside the
 * environment's VPC (or by an AWS service on the caller's behalf).
 */
export const DATA_CHANNEL_ACTIONS = [
  "s3:*Object*", "s3:List*", "logs:Get*", "logs:Filter*", "logs:Start*", "codecommit:*", "sagemaker:CreatePresigned*",
  "sagemaker:Invoke*", "sagemaker:Create*Job",
];

/**
 * Never, for any project role: stopping the audit trail, deleting flow logs or log groups, disabling or deleting
 * keys, shedding the boundary. (No grant allows any of these; the explicit deny keeps them out even if a table grows.)
 */
export const NEVER_ACTIONS = [
  "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "ec2:DeleteFlowLogs", "logs:DeleteLogGroup",
  "kms:ScheduleKeyDeletion", "kms:Disable*", "kms:PutKeyPolicy", "iam:*RolePermissionsBoundary",
];

/** Whether an IAM action pattern (`service:Name*`) matches an action. */
function matches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");
  return re.test(action);
}

/**
 * The grants' resources in fewer patterns, so a boundary fits IAM's 6144 characters (patterns are in the rules
 * below): the project's SageMaker resources of several types (`<type>/<project base>-*`) as one pattern with any
 * type; a Studio domain's domain, user-profile, space and app resources as one pattern ending in the domain id; the
 * project's streams in several of SageMaker's log groups as one pattern with any group; SageMaker's job log groups
 * (`/aws/sagemaker/<kind>Jobs`) as one. Each pattern admits nothing beyond the project's names and SageMaker's own groups.
 */
export function compactResources(resources: readonly string[]): string[] {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^(arn:[^:]+:sagemaker:[^:]*:[^:]*:)(?:domain|user-profile|space|app)\/([^/]+?)(?:\/\*)?$/, (m) => `${m[1]}*${m[2].replace(/\*$/, "")}*`],
    [/^(arn:[^:]+:sagemaker:[^:]*:[^:]*:)[a-z-]+\/([^/*]+-\*)$/, (m) => `${m[1]}*${m[2]}`],
    [/^(arn:[^:]+:logs:[^:]*:[^:]*:log-group:\/aws\/sagemaker\/)[A-Za-z]+(:log-stream:[^*]+-\*)$/, (m) => `${m[1]}*${m[2]}`],
    [/^(arn:[^:]+:logs:[^:]*:[^:]*:log-group:\/aws\/sagemaker\/)[A-Za-z]+Jobs$/, (m) => `${m[1]}*Jobs`],
  ];
  const out: string[] = [];
  const grouped = new Map<string, string[]>();
  for (const r of resources) {
    const rule = rules.map(([re, to]) => [re.exec(r), to] as const).find(([m]) => m);
    if (!rule) { out.push(r); continue; }
    const pattern = rule[1](rule[0]!);
    grouped.set(pattern, [...(grouped.get(pattern) ?? []), r]);
  }
  // A pattern stands for two or more resources; a single one stays as the grant names it. (An unknown domain, `d-*`,
  // becomes `*d-*`: wide, the notebook execution role's known limit in a Studio project, docs/threat-model.md C9.)
  for (const [pattern, members] of grouped) out.push(...(members.length > 1 ? [pattern] : members));
  // A resource that another one already covers only takes room (the other's `*` absorbs it whole: IAM's resource
  // patterns have no literal `*`, so the covered resource admits nothing the other does not).
  const unique = [...new Set(out)];
  const covers = (p: string, r: string) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(r);
  return unique.filter((r, i) => !unique.some((p, j) => p !== r && covers(p, r) && (!covers(r, p) || j < i)));
}

/**
 * The grants' actions as the boundary's two Allow statements: on the grants' resources, and on "*" where a grant has
 * no resource type. No Sids: a Deny is what a scenario names, and IAM's 6144 characters are tight for the notebook
 * execution role of a Studio project.
 */
export function boundaryAllows(grants: readonly Grant[]): Statement[] {
  const union = (pick: (g: Grant) => readonly string[], scoped: boolean) =>
    [...new Set(grants.filter((g) => (g.resources !== "*") === scoped).flatMap(pick))];
  const scopedActions = union((g) => g.actions, true).sort();
  const unscopedActions = union((g) => g.actions, false).sort();
  return [
    ...(scopedActions.length ? [{ Effect: "Allow" as const, Action: scopedActions, Resource: compactResources(union((g) => g.resources as readonly string[], true)) }] : []),
    // Resource "*": exactly the actions the role table marks as unscopable (each with its reason there).
    ...(unscopedActions.length ? [{ Effect: "Allow" as const, Action: unscopedActions, Resource: "*" }] : []),
  ];
}

/** The operator that refuses what an Allow's operator admits (a missing key included where the Allow needs it). */
const NEGATED: Readonly<Record<string, string>> = {
  StringEquals: "StringNotEquals", StringLike: "StringNotLike", ArnEquals: "ArnNotEquals", ArnLike: "ArnNotLike",
  "ForAllValues:StringEquals": "ForAnyValue:StringNotEquals", "ForAllValues:StringLike": "ForAnyValue:StringNotLike",
  "ForAllValues:ArnEquals": "ForAnyValue:ArnNotEquals", "ForAllValues:ArnLike": "ForAnyValue:ArnNotLike",
};

/**
 * The grants' conditions as Deny statements, one per condition key: an action a grant allows only under a condition
 * is refused on the grant's resources when the request does not meet it, whatever else allows it. Values of the same
 * key in several grants are admitted together (a key policy-wide list: `kms:ViaService` s3 or codecommit).
 */
export function grantConditionDenies(grants: readonly Grant[], heldElsewhere: ReadonlySet<string> = new Set()): Statement[] {
  const denies = new Map<string, { conditions: Record<string, Record<string, string | string[]>>; actions: Set<string>; resources: Set<string> | "*" }>();
  const add = (id: string, g: Grant, conditions: Record<string, Record<string, string | string[]>>) => {
    const d = denies.get(id) ?? { conditions, actions: new Set<string>(), resources: g.resources === "*" ? "*" as const : new Set<string>() };
    denies.set(id, d);
    for (const [op, keys] of Object.entries(conditions)) {
      for (const [k, v] of Object.entries(keys)) {
        const before = d.conditions[op][k];
        if (Array.isArray(before) || before !== v) d.conditions[op][k] = [...new Set([before, v].flat())].sort();
      }
    }
    g.actions.forEach((a) => d.actions.add(a));
    if (g.resources === "*") d.resources = "*";
    else if (d.resources !== "*") for (const r of g.resources) d.resources.add(r);
  };
  for (const g of grants) {
    for (const [op, keys] of Object.entries(g.conditions ?? {})) {
      for (const [key, raw] of Object.entries(keys)) {
        const value = Array.isArray(raw) ? [...raw] as string[] : String(raw);
        // The project keys' own policies admit the project roles only through AWS services and grants only for AWS
        // resources (key-policy.ts): kms:ViaService and kms:GrantIsForAWSResource hold there whatever the role holds.
        if (key.startsWith("kms:") || heldElsewhere.has(key) || heldElsewhere.has(`${op} ${key}`)) continue;
        const sid = `Only${key.split(":")[1].replace(/[^A-Za-z0-9]/g, "")}`;
        if (NEGATED[op]) add(`${sid}:${op}`, g, { [NEGATED[op]]: { [key]: value } });
        else if (op === "StringEqualsIfExists") add(`${sid}:${op}`, g, { Null: { [key]: "false" }, StringNotEquals: { [key]: value } });
        else if (op === "Null") add(`${sid}Null:${value}`, g, { Null: { [key]: value === "true" ? "false" : "true" } });
        // Off or absent (IfExists: a missing key matches), in one statement.
        else if (op === "Bool" && value === "true") add(`${sid}:Bool`, g, { BoolIfExists: { [key]: "false" } });
        else if (op === "BoolIfExists" && value === "false") add(`${sid}:BoolIfExists`, g, { Bool: { [key]: "true" } });
        else throw new Error(`grant ${g.sid}: no boundary deny for condition ${op} ${key} ${JSON.stringify(raw)}`);
      }
    }
  }
  // A deny holds on every resource ("*": shorter, and what an attached policy cannot dodge) unless one of its actions is
  // also granted without that condition elsewhere; then only on the resources of the grants that carry it.
  const carries = (g: Grant, ops: Record<string, Record<string, unknown>>) =>
    Object.entries(ops).some(([, keys]) => Object.keys(keys).some((k) => Object.values(g.conditions ?? {}).some((ks) => k in ks)));
  const seen = new Map<string, number>();
  return [...denies.entries()].map(([id, d]) => {
    if (grants.every((g) => !g.actions.some((a) => d.actions.has(a)) || carries(g, d.conditions))) d.resources = "*";
    const base = id.split(":")[0];
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { Sid: n === 1 ? base : `${base}${n}`, Effect: "Deny" as const, Action: [...d.actions].sort(), Resource: d.resources === "*" ? "*" : [...d.resources], Condition: d.conditions };
  });
}

/**
 * The denies that concern the given grants' actions (a deny on an action the boundary never allows would only take
 * room): the VPC and volume-key floors of the create actions, the network perimeter of the fenced roles' data
 * channels, and the never-list.
 */
export function boundaryDenies(input: ProjectScopeInput, grants: readonly Grant[], extra: readonly Statement[] = []): Statement[] {
  const actions = [...new Set(grants.flatMap((g) => g.actions))];
  const used = (list: readonly string[]) => list.filter((p) => actions.some((a) => matches(p, a)));
  const deny = (Sid: string, list: readonly string[], Condition?: Statement["Condition"]): Statement[] => {
    const Action = used(list);
    // Resource "*": a deny must hold wherever the action is attempted.
    return Action.length ? [{ Sid, Effect: "Deny", Action, Resource: "*", ...(Condition && { Condition }) }] : [];
  };
  const list = (v: Statement["Action"]) => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);
  const nvme = nvmeTypes([...new Set([...input.instanceTypes.jobs, ...input.instanceTypes.endpoints])].sort());
  return [
    // The job grants rely on these for the network: every VPC-placed request names only the environment's subnets and groups.
    ...deny("NeverOutsideVpc", VPC_PLACED_ACTIONS, { Null: { "sagemaker:VpcSubnets": "true" } }),
    ...deny("NeverOtherSubnets", VPC_PLACED_ACTIONS, { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSubnets": [...input.subnetIds] } }),
    ...deny("NeverOtherGroups", VPC_PLACED_ACTIONS, { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSecurityGroupIds": [...input.securityGroupIds] } }),
    // No volume key only where AWS refuses one: the project's allowed instance types with local NVMe storage only.
    ...deny("NeverUnencrypted", VOLUME_ACTIONS, { Null: { "sagemaker:VolumeKmsKeyArn": "true" },
      ...(nvme.length ? { "ForAnyValue:StringNotLike": { "sagemaker:InstanceTypes": nvme } } : {}) }),
    ...deny("NeverOutsideTheNetwork", DATA_CHANNEL_ACTIONS, outsideNetwork(input)),
    ...extra.flatMap((st) => deny(st.Sid!, list(st.Action), st.Condition)),
    { Sid: "NeverTamper", Effect: "Deny", Action: [...NEVER_ACTIONS], Resource: "*" },
  ];
}

/** Grants and denies a boundary adds from another table (the Studio roles' Studio grants, studio-policies.ts). */
export interface BoundaryExtra {
  readonly grants?: readonly Grant[];
  readonly denies?: readonly Statement[];
  /** Whether the added grants' conditions become denies too. @default true */
  readonly conditions?: boolean;
}

/**
 * Deny action lists in fewer patterns: the job-creating actions as `sagemaker:Create*Job`, then the VPC-placed ones
 * (training, processing, tuning) as `sagemaker:Create*ingJob`, when the deny names every one the boundary allows
 * that the pattern matches (a wider deny refuses only actions the boundary never allows).
 */
export function compactDenyActions(statements: readonly Statement[], allowed: readonly string[]): Statement[] {
  return ["sagemaker:Create*Job", "sagemaker:Create*ingJob"].reduce((sts, wide) => {
    const covered = allowed.filter((a) => matches(wide, a));
    return sts.map((st) => {
      if (st.Effect !== "Deny" || !Array.isArray(st.Action)) return st;
      const actions = st.Action as string[];
      if (covered.length < 2 || !covered.every((a) => actions.includes(a))) return st;
      return { ...st, Action: [...actions.filter((a) => !matches(wide, a)), wide] };
    });
  }, [...statements]);
}

/**
 * The permissions boundary of a role: its grants' actions on its resources, and the denies that keep its grants'
 * conditions and the project's floors; `extra` adds grants and
 * denies of another table (the Studio roles' Studio grants, studio-policies.ts).
 */
export function boundaryPolicy(role: RoleName, input: ProjectScopeInput, extra: BoundaryExtra = {}): PolicyDocument {
  const own = ROLE_GRANTS[role](input);
  const grants = [...own, ...(extra.grants ?? [])];
  const allowed = [...new Set(grants.flatMap((g) => g.actions))];
  // The role's own policy keeps explicit Deny caps (ROLE_CAPS: instance types, remote debugging) that an attached
  // policy cannot lift either: their keys are not repeated here (IAM's 6144 characters).
  const caps = new Set((ROLE_CAPS[role]?.(input) ?? []).flatMap((st) => Object.values(st.Condition ?? {}).flatMap((keys) => Object.keys(keys))));
  const conditioned = extra.conditions === false ? own : grants;
  // The VPC floors (boundaryDenies) hold the subnet and group keys on every VPC-placed action: where the grants put
  // those keys on such actions only, a deny per grant condition would say the same again.
  const onVpcKeys = conditioned.filter((g) => VPC_KEYS.some((k) => Object.values(g.conditions ?? {}).some((keys) => k in keys)));
  if (onVpcKeys.every((g) => g.actions.every((a) => VPC_PLACED_ACTIONS.some((p) => matches(p, a))))) VPC_HELD.forEach((k) => caps.add(k));
  // The project's buckets and their objects as `<project base>-*` (by identity: the stack passes Terraform references).
  const buckets = new Set(bucketsAndObjects([...input.dataBucketArns, ...input.modelBucketArns]));
  const bucketPattern = `arn:${input.scope.partition}:s3:::${input.projectBase}-*`;
  const allows = grants.map((g) => (g.resources === "*" ? g : { ...g, resources: [...new Set(g.resources.map((r) => (buckets.has(r) ? bucketPattern : r)))] }));
  // A grant on "*" with conditions (no resource to scope by) is an Allow with its own conditions: shorter than the
  // deny per condition, and what it does not allow stays refused all the same.
  const unscopedConditioned = (g: Grant) => g.resources === "*" && g.conditions !== undefined && conditioned.includes(g);
  const conditionedAllows: Statement[] = allows.filter(unscopedConditioned)
    .map((g) => ({ Effect: "Allow", Action: [...g.actions], Resource: "*", Condition: g.conditions }));
  return policy(...boundaryAllows(allows.filter((g) => !unscopedConditioned(g))), ...conditionedAllows,
    ...compactDenyActions([...grantConditionDenies(conditioned.filter((g) => !unscopedConditioned(g)), caps),
    ...boundaryDenies(input, grants, extra.denies)], allowed));
}
