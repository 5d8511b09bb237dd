/**
 * The organization stack applied by real Terraform to the moto emulator: the organization and a test OU are created
 * through the Organizations API first (moto refuses policies without an organization, and targets must exist), then
 * the SCPs and RCPs are created and attached to the OU, checked through the API, planned again with no changes and
 * destroyed. moto refuses declarative policies (tooling/harness/emulator-gaps.ts): this run turns the declarative policy off;
 * it is proven by `terraform validate` (examples suite) and its content on the synthesized JSON
 * (__tests__/organization/guardrails.test.ts). moto stores the policies without enforcing them: their effect is
 * proven by simulation (__tests__/organization/guardrails.simulation.test.ts).
 */
import { EmulatorRun } from "../../tooling/harness/emulator-run";
import { plan } from "../../app/plan/plan";
import { configWith } from "../helpers/synth";
import { ORGANIZATION } from "../organization/fixture";

jest.setTimeout(600_000);

/** One Organizations API call (JSON 1.1) against the emulator; there is no Organizations client among the SDKs installed. */
async function organizations(endpoint: string, operation: string, body: Record<string, unknown> = {}): Promise<any> {
  const r = await fetch(endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `AWSOrganizationsV20161128.${operation}`,
      Authorization: "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0",
    },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${operation}: HTTP ${r.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

let run: EmulatorRun;
let ou: string;
const STACK = "organization";

beforeAll(async () => {
  run = await EmulatorRun.start({
    label: "emu-organization",
    config: async ({ endpoint }) => {
      await organizations(endpoint, "CreateOrganization", { FeatureSet: "ALL" });
      const roots = await organizations(endpoint, "ListRoots");
      const root = roots.Roots[0].Id;
      ou = (await organizations(endpoint, "CreateOrganizationalUnit", { ParentId: root, Name: "test-guardrails" })).OrganizationalUnit.Id;
      return configWith({}, { organization: { ...ORGANIZATION, targets: [ou], vpcBlockPublicAccess: false } } as any);
    },
  });
  await run.deploy(STACK);
});

afterAll(async () => {
  await run?.stop();
});

test("the SCPs and RCPs of the plan exist with their content, attached to the OU", async () => {
  const planned = plan(run.config).organization!.policies;
  for (const [type, filter] of [["SERVICE_CONTROL_POLICY", "SERVICE_CONTROL_POLICY"], ["RESOURCE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]]) {
    // FullAWSAccess (AWS-managed) is attached to every OU by default, as in AWS; ours are the others.
    const listed = ((await organizations(run.endpoint, "ListPoliciesForTarget", { TargetId: ou, Filter: filter })).Policies as { Id: string; Name: string; AwsManaged: boolean }[])
      .filter((p) => !p.AwsManaged);
    const mine = planned.filter((p) => p.type === type);
    expect(listed.map((p) => p.Name).sort()).toEqual(mine.map((p) => p.name).sort());
    for (const p of listed) {
      const described = (await organizations(run.endpoint, "DescribePolicy", { PolicyId: p.Id })).Policy;
      expect(JSON.parse(described.Content)).toEqual(mine.find((m) => m.name === p.Name)!.content);
    }
  }
});

test("a second plan shows no changes", async () => {
  const second = await run.plan(STACK);
  expect(second.stdout).toContain("No changes.");
});

test("destroy detaches and deletes every policy (the OU keeps only AWS's FullAWSAccess)", async () => {
  await run.destroy(STACK);
  for (const filter of ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]) {
    const left = (await organizations(run.endpoint, "ListPoliciesForTarget", { TargetId: ou, Filter: filter })).Policies as { Name: string; AwsManaged: boolean }[];
    expect(left.filter((p) => !p.AwsManaged)).toEqual([]);
    const all = (await organizations(run.endpoint, "ListPolicies", { Filter: filter })).Policies as { Name: string; AwsManaged: boolean }[];
    expect(all.filter((p) => !p.AwsManaged)).toEqual([]);
  }
});
