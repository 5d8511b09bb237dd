/**
 * The data perimeter as AWS would evaluate it, built from the REAL synthesized app: each request is simulated with
 * @cloud-copilot/iam-simulate (test-only, AGPL) against the caller's identity policies and permissions boundary, the
 * resource's own policy (bucket policy, key policy, trust policy) and the VPC endpoint policy of the path it takes.
 *
 * Policies are read from the synthesized Terraform JSON. Their Terraform references are replaced by ONE resolver,
 * `concrete()` below, with deterministic fake values derived from the resource address (see `fake()`), following
 * cdktf's cross-stack references (`data.terraform_remote_state...outputs.X`) to the producing stack's resource. The
 * resource lookup and output following reuse the synthesized-app model (checks/synthesized/model.ts).
 *
 * What iam-simulate does NOT derive (checked in its 0.1.x sources): it only knows the principal ARN, the action, the
 * resource ARN and the resource's account; every condition key - aws:PrincipalArn, aws:PrincipalAccount,
 * aws:ResourceAccount, s3:ResourceAccount, kms:CallerAccount, aws:SourceVpc(e), aws:ViaAWSService, ... - is taken only
 * from the context we pass. `request()` below fills them in the way AWS sets them. Cross-account: when the principal's
 * account differs from the resource account, iam-simulate requires an Allow from the resource policy as AWS does (and
 * for KMS, the key policy must trust the caller's account). Context keys that do not apply to the action are
 * ignored by the simulator; a scenario that names such a key fails (catches typos and meaningless scenarios).
 */
import { createHash } from "node:crypto";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { interpolations, SynthModel, SynthResource } from "../../checks/synthesized/model";
import type { Config } from "../../app/config/schema";
import { synthConfig } from "../helpers/synth";
import { REMOTE_STATE_PREFIX } from "../../checks/synthesized/conventions";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
/** "Denied" accepts both kinds of deny. */
export type Expected = Decision | "Denied";
type Policy = Record<string, any>;
type Context = Record<string, string | string[]>;

// ---------------------------------------------------------------------------------------------------------------
// The resolver
// ---------------------------------------------------------------------------------------------------------------

function hex(seed: string, n: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, n);
}

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Where a stack deploys to: its provider's only allowed account and its region. */
function stackTarget(model: SynthModel, stack: string): { account: string; region: string } {
  const json = model.stacks.find((s) => s.name === stack)?.json;
  const aws = json?.provider?.aws?.[0];
  return { account: aws?.allowed_account_ids?.[0], region: aws?.region };
}

/**
 * The fake value of one attribute of one resource. Deterministic (derived from the resource's address) and shaped
 * like the real thing, so that ARN patterns and id conditions in the policies behave as they would in AWS.
 */
export function fake(model: SynthModel, r: SynthResource, attr: string): string {
  const { account, region } = stackTarget(model, r.stack);
  const a = r.attrs as Record<string, any>;
  const seed = r.address;
  const ids: Record<string, string> = { aws_vpc: "vpc", aws_subnet: "subnet", aws_security_group: "sg", aws_route_table: "rtb", aws_vpc_endpoint: "vpce" };
  switch (`${r.type}.${attr}`) {
    case "aws_kms_key.arn": return `arn:aws:kms:${region}:${account}:key/${uuid(seed)}`;
    case "aws_kms_key.key_id": case "aws_kms_key.id": return uuid(seed);
    case "aws_vpc_endpoint.prefix_list_id": return `pl-${hex(seed, 8)}`;
    case "aws_s3_bucket.bucket": case "aws_s3_bucket.id": return literal(r, "bucket");
    case "aws_s3_bucket.arn": return `arn:aws:s3:::${literal(r, "bucket")}`;
    case "aws_iam_role.arn": return `arn:aws:iam::${account}:role${a.path ?? "/"}${literal(r, "name")}`;
    case "aws_iam_policy.arn": return `arn:aws:iam::${account}:policy${a.path ?? "/"}${literal(r, "name")}`;
    case "aws_cloudwatch_log_group.arn": return `arn:aws:logs:${region}:${account}:log-group:${literal(r, "name")}`;
    case "aws_sns_topic.arn": return `arn:aws:sns:${region}:${account}:${literal(r, "name")}`;
    case "aws_cloudtrail.arn": return `arn:aws:cloudtrail:${region}:${account}:trail/${literal(r, "name")}`;
    case "aws_dynamodb_table.arn": return `arn:aws:dynamodb:${region}:${account}:table/${literal(r, "name")}`;
    case "aws_codecommit_repository.arn": return `arn:aws:codecommit:${region}:${account}:${literal(r, "repository_name")}`;
  }
  if (attr === "id" && ids[r.type]) return `${ids[r.type]}-0${hex(seed, 16)}`;
  if (attr === "name" || attr === "id") return literal(r, "name");
  throw new Error(`the resolver has no fake value for ${r.address}.${attr}; add one to fake() in __tests__/security/perimeter-sim.ts`);
}

function literal(r: SynthResource, attr: string): string {
  const v = (r.attrs as Record<string, unknown>)[attr];
  if (typeof v !== "string" || v.includes("${")) throw new Error(`${r.address}.${attr} is not a literal string (${JSON.stringify(v)})`);
  return v;
}

const REMOTE = new RegExp(`^data\\.terraform_remote_state\\.${REMOTE_STATE_PREFIX}([\\w-]+)\\.outputs\\.([\\w-]+)$`);
const MANAGED = /^([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)\.([a-z_]+)$/;

/**
 * THE resolver: a string as Terraform would render it, with every `${...}` reference replaced by its fake concrete
 * value, and the `$${` escape of IAM policy variables turned back into `${`. Anything other than a plain reference
 * (functions, `terraform.workspace`, ...) is an error: a policy the simulation cannot stand for.
 */
export function concrete(model: SynthModel, stack: string, value: string, depth = 0): string {
  let out = value;
  for (const expr of interpolations(value)) {
    let replacement: string;
    const remote = REMOTE.exec(expr);
    const managed = MANAGED.exec(expr);
    if (remote && depth < 5) {
      const [, producer, output] = remote;
      const json = model.stacks.find((s) => s.name === producer)?.json;
      const v = json?.output?.[output]?.value;
      if (typeof v !== "string") throw new Error(`${stack}: \${${expr}} points at no string output of stack ${producer}`);
      replacement = concrete(model, producer, v, depth + 1);
    } else if (managed) {
      const [, type, name, attr] = managed;
      const r = model.inStack(stack, type).find((x) => x.name === name);
      if (!r) throw new Error(`${stack}: \${${expr}} refers to no resource of the stack`);
      replacement = fake(model, r, attr);
    } else {
      throw new Error(`${stack}: \${${expr}} is not a plain reference; the perimeter simulation cannot resolve it`);
    }
    out = out.split(`\${${expr}}`).join(replacement);
  }
  return out.split("$${").join("${");
}

/** A policy attribute (JSON string with references) as the concrete document IAM would receive. */
export function concretePolicy(model: SynthModel, r: SynthResource, attr = "policy"): Policy {
  const raw = (r.attrs as Record<string, unknown>)[attr];
  if (typeof raw !== "string") throw new Error(`${r.address} has no ${attr}`);
  return JSON.parse(concrete(model, r.stack, raw));
}

// ---------------------------------------------------------------------------------------------------------------
// The synthesized app, read back
// ---------------------------------------------------------------------------------------------------------------

export interface Role { readonly arn: string; readonly name: string; readonly account: string; readonly identity: Policy[]; readonly boundary?: Policy; readonly trust: Policy }
export interface Bucket { readonly name: string; readonly arn: string; readonly account: string; readonly policy?: Policy }
export interface Key { readonly arn: string; readonly account: string; readonly policy: Policy }
export interface Endpoint { readonly id: string; readonly policy?: Policy }

export class PerimeterApp {
  readonly model: SynthModel;

  constructor(readonly config: Config, label: string) {
    const s = synthConfig(config, label);
    this.model = new SynthModel(s.stackNames.map((name) => ({ name, json: s.stack(name) })));
  }

  env(name: string) {
    const e = this.config.environments.find((x) => x.name === name);
    if (!e) throw new Error(`no environment ${name}`);
    return e;
  }

  private one(stack: string, type: string, pathSuffix: string): SynthResource {
    const found = this.model.inStack(stack, type).filter((r) => r.path.endsWith(`/${pathSuffix}`));
    if (found.length !== 1) throw new Error(`${stack}: ${found.length} ${type} at */${pathSuffix} (expected one)`);
    return found[0];
  }

  private attached(target: SynthResource, type: string, attr: string): SynthResource[] {
    return this.model.attachedTo(target, type, attr);
  }

  /** The environment's VPC id. */
  vpcId(env: string): string {
    return fake(this.model, this.one(`${env}-platform`, "aws_vpc", "vpc"), "id");
  }

  /** The environment's private subnets (ids). */
  subnetIds(env: string): string[] {
    return this.model.inStack(`${env}-platform`, "aws_subnet").map((r) => fake(this.model, r, "id"));
  }

  /** The environment's interface endpoint security group (id). */
  endpointSecurityGroup(env: string): string {
    return fake(this.model, this.one(`${env}-platform`, "aws_security_group", "security-groups/endpoints"), "id");
  }

  /** A project's compute security group (id). */
  computeSecurityGroup(env: string, project: string): string {
    return fake(this.model, this.one(`${env}-project-${project}`, "aws_security_group", "compute-security-group/group"), "id");
  }

  /** The rules of a security group of the app (by its id), with their peers as group ids. */
  securityGroupRules(groupId: string): { type: string; protocol: string; self: boolean; peerGroup?: string; cidrs?: string[]; prefixLists?: string[] }[] {
    return this.model.ofType("aws_security_group_rule").flatMap((r) => {
      const a = r.attrs as Record<string, any>;
      if (concrete(this.model, r.stack, String(a.security_group_id)) !== groupId) return [];
      return [{ type: a.type, protocol: String(a.protocol), self: a.self === true,
        peerGroup: a.source_security_group_id ? concrete(this.model, r.stack, String(a.source_security_group_id)) : undefined,
        cidrs: a.cidr_blocks, prefixLists: a.prefix_list_ids?.map((l: string) => concrete(this.model, r.stack, l)) }];
    });
  }

  /** The environment's CloudTrail trail ARN (account trail). */
  trailArn(env: string): string {
    return fake(this.model, this.one(`${env}-platform`, "aws_cloudtrail", "trail"), "arn");
  }

  /** The environment's package mirror (CodeArtifact domain and repository ARNs), if it has one. */
  packageMirror(env: string): { domainArn: string; repositoryArn: string } | undefined {
    const stack = `${env}-platform`;
    const domain = this.model.inStack(stack, "aws_codeartifact_domain")[0];
    const repo = this.model.inStack(stack, "aws_codeartifact_repository")[0];
    if (!domain || !repo) return undefined;
    const { account, region } = stackTarget(this.model, stack);
    const name = literal(domain, "domain");
    return { domainArn: `arn:aws:codeartifact:${region}:${account}:domain/${name}`,
      repositoryArn: `arn:aws:codeartifact:${region}:${account}:repository/${name}/${literal(repo, "repository")}` };
  }

  /** The project's CodeCommit repository ARN. */
  repository(env: string, project: string): string {
    const r = this.model.inStack(`${env}-project-${project}`, "aws_codecommit_repository");
    if (r.length !== 1) throw new Error(`${env}-project-${project}: ${r.length} CodeCommit repositories`);
    return fake(this.model, r[0], "arn");
  }

  /** The VPC endpoint of a service (catalogue name, e.g. "logs", "sagemaker.api", or "s3"), if the environment has one. */
  endpoint(env: string, service: string): Endpoint | undefined {
    const region = this.env(env).region;
    const names = [`com.amazonaws.${region}.${service}`, `aws.sagemaker.${region}.${service}`];
    const r = this.model.inStack(`${env}-platform`, "aws_vpc_endpoint").find((x) => names.includes(String(x.attrs.service_name)));
    if (!r) return undefined;
    return { id: fake(this.model, r, "id"), policy: typeof r.attrs.policy === "string" ? concretePolicy(this.model, r) : undefined };
  }

  /** A project role with its identity policies (attached and inline), boundary and trust policy. */
  role(env: string, project: string, role: string): Role {
    const stack = `${env}-project-${project}`;
    const name = `${this.config.prefix}-${env}-${project}-${role}`;
    const r = this.model.inStack(stack, "aws_iam_role").find((x) => x.attrs.name === name);
    if (!r) throw new Error(`${stack}: no role ${name}`);
    // Policies attached any other way would be missed here: fail rather than simulate with part of the role's rights.
    for (const attr of ["managed_policy_arns", "inline_policy"]) {
      if (r.attrs[attr] !== undefined) throw new Error(`${r.address} sets ${attr}; teach PerimeterApp.role() to read it`);
    }
    const attachments = this.attached(r, "aws_iam_role_policy_attachment", "role");
    const attachedPolicies = attachments.map((a) => {
      const p = this.model.resolve(stack, a.attrs.policy_arn, "aws_iam_policy");
      if (!p) throw new Error(`${a.address}: policy_arn is not a policy of the app`);
      return concretePolicy(this.model, p);
    });
    const inline = this.attached(r, "aws_iam_role_policy", "role").map((p) => concretePolicy(this.model, p));
    const b = r.attrs.permissions_boundary ? this.model.resolve(stack, r.attrs.permissions_boundary, "aws_iam_policy") : undefined;
    return {
      arn: fake(this.model, r, "arn"), name, account: this.env(env).accountId,
      identity: [...attachedPolicies, ...inline], boundary: b ? concretePolicy(this.model, b) : undefined,
      trust: concretePolicy(this.model, r, "assume_role_policy"),
    };
  }

  /**
   * A bucket by construct path below its stack: project `buckets/data/bucket`; platform `audit/trail/bucket/bucket`,
   * `audit/trail/access-logs/bucket`; state `access-logs/bucket` ...
   */
  bucket(stack: string, path: string): Bucket {
    const r = this.one(stack, "aws_s3_bucket", path);
    const policies = this.attached(r, "aws_s3_bucket_policy", "bucket");
    return { name: fake(this.model, r, "bucket"), arn: fake(this.model, r, "arn"), account: stackTarget(this.model, stack).account,
      policy: policies.length ? concretePolicy(this.model, policies[0]) : undefined };
  }

  projectBucket(env: string, project: string, kind: "data" | "models" | "access-logs"): Bucket {
    return this.bucket(`${env}-project-${project}`, `buckets/${kind}/bucket`);
  }

  /** A KMS key by construct path below its stack (e.g. `keys/data/key`, `audit/trail/key/key`, `state-key/key`). */
  key(stack: string, path: string): Key {
    const r = this.one(stack, "aws_kms_key", path);
    return { arn: fake(this.model, r, "arn"), account: stackTarget(this.model, stack).account, policy: concretePolicy(this.model, r) };
  }

  projectKey(env: string, project: string, kind: "data" | "volumes" | "logs"): Key {
    return this.key(`${env}-project-${project}`, `keys/${kind}/key`);
  }

  /** Every bucket of an environment's stacks, with its stack and path (for "every bucket" scenarios). */
  allBuckets(env: string): { stack: string; path: string; bucket: Bucket }[] {
    return this.model.ofType("aws_s3_bucket").filter((r) => r.stack.startsWith(`${env}-`)).map((r) => {
      const path = r.path.slice(r.stack.length + 1);
      return { stack: r.stack, path, bucket: this.bucket(r.stack, path) };
    });
  }

  /** The IAM policy the state stack outputs for the plan principals (`plan_principal_state_policy`), concrete. */
  planStatePolicy(env: string): Policy | undefined {
    const stack = `${env}-state`;
    const v = this.model.stacks.find((s) => s.name === stack)?.json?.output?.plan_principal_state_policy?.value;
    return typeof v === "string" ? JSON.parse(concrete(this.model, stack, v)) : undefined;
  }

  /** Every KMS key of the app with its stack and path (for "every key" scenarios). */
  allKeys(): { stack: string; path: string; key: Key }[] {
    return this.model.ofType("aws_kms_key").map((r) => {
      const path = r.path.slice(r.stack.length + 1);
      return { stack: r.stack, path, key: this.key(r.stack, path) };
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Actors and requests
// ---------------------------------------------------------------------------------------------------------------

/** Who makes the request, with the policies IAM evaluates for them. */
export interface Actor {
  readonly label: string;
  /** The request principal: an STS session, an IAM role, an account root, or a service principal. */
  readonly principal: string;
  /** aws:PrincipalArn as AWS sets it (the role ARN for a role session). */
  readonly principalArn: string;
  readonly account: string;
  readonly identity: Policy[];
  readonly boundary?: Policy;
  /** aws:PrincipalTag/... of the session. */
  readonly tags?: Record<string, string>;
  /** True for an AWS service principal (aws:PrincipalIsAWSService). */
  readonly service?: boolean;
}

/** An AWS service principal (e.g. sagemaker.amazonaws.com assuming an execution role). */
export function servicePrincipal(service: string): Actor {
  return { label: service, principal: service, principalArn: service, account: "", identity: [], service: true };
}

/** An account's root user (which IAM treats as holding every permission of its account). */
export function accountRoot(account: string): Actor {
  const arn = `arn:aws:iam::${account}:root`;
  return { label: `root of ${account}`, principal: arn, principalArn: arn, account, identity: [ADMIN_POLICY] };
}

export const ADMIN_POLICY: Policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

/** A session of a project role, with the role's real policies and boundary. */
export function roleSession(role: Role, session = "alice", tags?: Record<string, string>): Actor {
  return { label: role.name, principal: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${session}`, principalArn: role.arn,
    account: role.account, identity: role.identity, boundary: role.boundary, tags };
}

/** A role outside the product (administrator, break-glass, deploy role, attacker) holding `*` on `*`, no boundary. */
export function adminSession(roleArn: string, label: string): Actor {
  const [, account, path] = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(roleArn) ?? [];
  if (!account) throw new Error(`${roleArn} is not a role ARN`);
  const name = path.split("/").pop();
  return { label, principal: `arn:aws:sts::${account}:assumed-role/${name}/someone`, principalArn: roleArn, account, identity: [ADMIN_POLICY] };
}

/** Where a request comes from. */
export type Network =
  /** From the internet (a laptop with stolen credentials): no VPC, no endpoint. */
  | { readonly from: "internet" }
  /** From inside the environment's VPC, through its endpoint for the service. */
  | { readonly from: "vpc"; readonly env: string; readonly endpoint: string }
  /** From a VPC the attacker controls, through their own endpoint (which has no restrictive policy). */
  | { readonly from: "other-vpc" }
  /** Made by an AWS service on the caller's behalf (forward access session: aws:ViaAWSService, aws:CalledVia). */
  | { readonly from: "service"; readonly service: string };

export const INTERNET: Network = { from: "internet" };
export const OTHER_VPC: Network = { from: "other-vpc" };
export const ATTACKER_ACCOUNT = "999988887777";
export const ATTACKER_VPC = "vpc-0a77ac4e70000000a";
export const ATTACKER_VPCE = "vpce-0a77ac4e70000000a";

export interface Request {
  readonly actor: Actor;
  readonly action: string;
  readonly resource: string;
  /** The account owning the resource (S3 ARNs carry none). */
  readonly resourceAccount: string;
  readonly network: Network;
  /** The resource's own policy: bucket policy, key policy or trust policy. */
  readonly resourcePolicy?: Policy;
  /** Scenario-specific context (service condition keys, encryption headers, ...). */
  readonly context?: Context;
}

export interface Outcome {
  readonly decision: Decision;
  /**
   * What denied the request, layer by layer: `<layer>:<Sid>` for each matching Deny statement, and
   * `<layer>:implicit` for a layer that denied by having no matching Allow. Layers: identity, boundary, resource,
   * endpoint.
   */
  readonly deniedBy: string[];
  /** Context keys the simulator dropped because they do not apply to the action. */
  readonly ignored: string[];
}

/** The context AWS would attach, plus the scenario's own keys (which win). */
export function requestContext(app: PerimeterApp, req: Request): Context {
  const service = req.action.split(":")[0];
  // AWS sets aws:PrincipalArn and aws:PrincipalAccount for IAM principals only, not for service principals.
  const ctx: Context = req.actor.service
    ? { "aws:PrincipalIsAWSService": "true" }
    : { "aws:PrincipalArn": req.actor.principalArn, "aws:PrincipalAccount": req.actor.account, "aws:PrincipalIsAWSService": "false" };
  ctx["aws:ResourceAccount"] = req.resourceAccount;
  ctx["aws:SecureTransport"] = "true";
  for (const [k, v] of Object.entries(req.actor.tags ?? {})) ctx[`aws:PrincipalTag/${k}`] = v;
  if (service === "s3") {
    ctx["s3:ResourceAccount"] = req.resourceAccount;
    ctx["s3:TlsVersion"] = "1.3";
  }
  if (service === "kms" && !req.actor.service) ctx["kms:CallerAccount"] = req.actor.account;
  const n = req.network;
  if (n.from === "vpc") {
    ctx["aws:SourceVpc"] = app.vpcId(n.env);
    ctx["aws:SourceVpce"] = endpointOf(app, n).id;
    ctx["aws:ViaAWSService"] = "false";
  } else if (n.from === "other-vpc") {
    ctx["aws:SourceVpc"] = ATTACKER_VPC;
    ctx["aws:SourceVpce"] = ATTACKER_VPCE;
    ctx["aws:ViaAWSService"] = "false";
  } else if (n.from === "service") {
    ctx["aws:ViaAWSService"] = "true";
    ctx["aws:CalledVia"] = [n.service];
    ctx["aws:CalledViaFirst"] = n.service;
    ctx["aws:CalledViaLast"] = n.service;
  } else {
    ctx["aws:ViaAWSService"] = "false";
  }
  return { ...ctx, ...req.context };
}

function endpointOf(app: PerimeterApp, n: { env: string; endpoint: string }): Endpoint {
  const e = app.endpoint(n.env, n.endpoint);
  if (!e) throw new Error(`environment ${n.env} has no ${n.endpoint} endpoint: a request from its VPC cannot reach the service`);
  return e;
}

/** Simulates one request against identity + boundary + resource policy + endpoint policy together. */
export async function simulate(app: PerimeterApp, req: Request): Promise<Outcome> {
  const endpoint = req.network.from === "vpc" ? endpointOf(app, req.network) : undefined;
  const result = await runSimulation({
    request: { principal: req.actor.principal, action: req.action, resource: { resource: req.resource, accountId: req.resourceAccount },
      contextVariables: requestContext(app, req) },
    identityPolicies: req.actor.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    permissionBoundaryPolicies: req.actor.boundary ? [{ name: "boundary", policy: req.actor.boundary }] : undefined,
    resourcePolicy: req.resourcePolicy,
    vpcEndpointPolicies: endpoint?.policy ? [{ name: "endpoint", policy: endpoint.policy }] : undefined,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }, {});
  if (result.resultType === "error") throw new Error(`simulation of ${req.action} on ${req.resource} failed: ${JSON.stringify(result.errors)}`);
  // A wildcard-only action (no resource type, Resource "*") comes back as a wildcard result with a single simulation.
  const single = result.resultType === "single" ? (result.result as any)
    : result.resultType === "wildcard" && result.results.length === 1 ? (result.results[0] as any) : undefined;
  const ignored = single?.ignoredContextKeys ?? [];
  return { decision: result.overallResult as Decision, ignored, deniedBy: single ? deniers(single.analysis) : [] };
}

/** `<layer>:<Sid>` of every matching Deny, `<layer>:implicit` for every layer without a matching Allow. */
function deniers(analysis: any): string[] {
  const layers: [string, any][] = [["identity", analysis.identityAnalysis], ["boundary", analysis.permissionBoundaryAnalysis],
    ["resource", analysis.resourceAnalysis], ["endpoint", analysis.endpointAnalysis]];
  const out: string[] = [];
  for (const [layer, a] of layers) {
    if (!a) continue;
    for (const st of a.denyStatements ?? []) out.push(`${layer}:${st.statement.sid() ?? "(no Sid)"}`);
    if (a.result === "ImplicitlyDenied") out.push(`${layer}:implicit`);
  }
  return out;
}

export function matches(actual: Decision, expected: Expected): boolean {
  return expected === "Denied" ? actual !== "Allowed" : actual === expected;
}
