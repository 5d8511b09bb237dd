/**
 * Runs the generated policies through @cloud-copilot/iam-simulate (AGPL: a devDependency, imported only by tests).
 * Policies are simulated as Terraform renders them: the `$${...}` escape of a policy variable becomes `${...}`.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { PolicyDocument } from "../../lib/domain/policy/document";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** What Terraform hands to IAM: `$${aws:username}` in the configuration is `${aws:username}` in the policy. */
export function rendered(doc: PolicyDocument): unknown {
  return JSON.parse(JSON.stringify(doc).split("$${").join("${"));
}

export interface Request {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
}

/** AWS's default SCP, attached to every target beside the generated ones. */
const FULL_AWS_ACCESS = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

export async function simulate(req: Request, policies: { identity?: PolicyDocument[]; boundary?: PolicyDocument; resource?: PolicyDocument; scps?: readonly PolicyDocument[]; rcps?: readonly PolicyDocument[] }): Promise<Decision> {
  const account = /:(\d{12}):/.exec(req.resource)?.[1] ?? /:(\d{12}):/.exec(req.principal)?.[1] ?? "123456789012";
  const result = await runSimulation({
    request: { principal: req.principal, action: req.action, resource: { resource: req.resource, accountId: account }, contextVariables: { ...req.context } },
    identityPolicies: (policies.identity ?? []).map((p, i) => ({ name: `identity-${i}`, policy: rendered(p) })),
    permissionBoundaryPolicies: policies.boundary ? [{ name: "boundary", policy: rendered(policies.boundary) }] : undefined,
    resourcePolicy: policies.resource ? rendered(policies.resource) : undefined,
    // Organization policies, when given, on one OU above the account (FullAWSAccess beside the SCPs, as AWS attaches it).
    serviceControlPolicies: policies.scps ? [{ orgIdentifier: "ou-test-guardrails", policies: [{ name: "FullAWSAccess", policy: FULL_AWS_ACCESS }, ...policies.scps.map((p, i) => ({ name: `scp-${i}`, policy: rendered(p) }))] }] : [],
    resourceControlPolicies: policies.rcps ? [{ orgIdentifier: "ou-test-guardrails", policies: policies.rcps.map((p, i) => ({ name: `rcp-${i}`, policy: rendered(p) })) }] : [],
  }, {});
  if (result.resultType === "error") throw new Error(`simulation of ${req.action} failed: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
}
