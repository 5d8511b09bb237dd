import { ENDPOINT_CATALOGUE } from "../../../lib/domain/catalogue/endpoints";
import { NormalStatement, offendingStatements } from "../policies";
import { fail, pass, passIf, Rule } from "../rule";
import type { SynthResource } from "../../synthesized/model";

/** Condition keys that pin the account owning the resource (IAM compares keys case-insensitively). */
const RESOURCE_ACCOUNT_KEYS = ["s3:resourceaccount", "aws:resourceaccount"];
/** Object reads a gateway endpoint may allow on named AWS-owned buckets without a resource-account pin. */
const READ_ONLY = ["s3:getobject", "s3:getobjectversion"];

const isS3Gateway = (r: SynthResource) => (r.attrs.vpc_endpoint_type ?? "Gateway") === "Gateway" && /\.s3$/.test(String(r.attrs.service_name ?? ""));

/** The catalogue entry of an interface endpoint's service, if the catalogue knows it. */
function catalogueEntry(serviceName: string) {
  return ENDPOINT_CATALOGUE.find((e) => new RegExp(`^${e.servicePattern.replace(/\./g, "\\.").replace("{region}", "[a-z0-9-]+")}$`).test(serviceName));
}

/** Whether the statement requires the resource's account with an equality operator (values other than "*"). */
function pinsResourceAccount(s: NormalStatement): boolean {
  return Object.entries(s.conditions).some(([op, keys]) => /^StringEquals(IfExists)?$/i.test(op)
    && Object.entries(keys).some(([k, values]) => RESOURCE_ACCOUNT_KEYS.includes(k.toLowerCase()) && values.length > 0 && !values.some((v) => v.includes("*"))));
}

/** An Allow that reads objects of explicitly named buckets only (no wildcard in a bucket name): AWS-owned buckets. */
function readsNamedBucketsOnly(s: NormalStatement): boolean {
  return !s.notActions && !s.notResources && s.actions.every((a) => READ_ONLY.includes(a.toLowerCase()))
    && s.resources.length > 0 && s.resources.every((res) => /^arn:[^:]+:s3:::[^*/]+\/.+$/.test(res));
}

export const vpcEndpointPolicyPinsResourceAccount: Rule = {
  id: "vpc-endpoint-policy-pins-resource-account",
  title: "VPC endpoint policies admit only resources of the own account (s3:ResourceAccount / aws:ResourceAccount)",
  ids: ["SDS DataPerimeter.2"],
  appliesTo: ["aws_vpc_endpoint"],
  // Gateway endpoints for S3, and interface endpoints of services that take a policy (or that carry one anyway).
  when: (r) => isS3Gateway(r) || (r.attrs.vpc_endpoint_type === "Interface" && (r.attrs.policy !== undefined || catalogueEntry(String(r.attrs.service_name ?? ""))?.supportsPolicy === true)),
  check: (r, app) => {
    const service = String(r.attrs.service_name ?? "");
    if (r.attrs.policy === undefined) return fail(`no endpoint policy on ${service}: the default policy allows every action on every resource of every account`);
    const entry = isS3Gateway(r) ? undefined : catalogueEntry(service);
    if (entry?.foreignResources) return pass;
    const problems = offendingStatements(app, r, [r.attrs.policy], (s) => {
      if (s.effect !== "Allow" || pinsResourceAccount(s)) return undefined;
      if (isS3Gateway(r) && readsNamedBucketsOnly(s)) return undefined;
      return `Allow of ${s.actions.join(", ")} on ${s.resources.join(", ")} without s3:ResourceAccount or aws:ResourceAccount`;
    });
    return passIf(problems.length === 0, problems.join("; "));
  },
  why: "Bucket names (and some resource names) are global: a policy that admits a name pattern also admits a resource of that name in another account, and data leaves through the endpoint into it.",
  fix: "Pin the own account with s3:ResourceAccount (S3 gateway) or aws:ResourceAccount (interface endpoints, StringEqualsIfExists) in lib/constructs/network/endpoint-policies.ts; name AWS-owned buckets read-only; services that must reach other accounts' resources say why in the catalogue (foreignResources).",
};
