/** Console mode (identity.dataScientistConsole) as policy data: the fence's exemptions and the two denies that keep it to one's own. */
import { CONSOLE_ACTIONS, CONSOLE_OWN_ACTIONS, COMPUTE_INFRASTRUCTURE_ACTIONS, rolePolicy } from "../../../lib/constructs/identity/role-policies";
import { DATA_CHANNEL_ACTIONS } from "../../../lib/constructs/identity/boundary";
import { INPUT } from "../../identity/fixture";

const sids = (doc: ReturnType<typeof rolePolicy>) => doc.Statement.filter((s) => s.Effect === "Deny").map((s) => s.Sid);

test("off (the default): the data scientist's fence exempts only SageMaker's infrastructure calls", () => {
  const doc = rolePolicy("data-scientist", INPUT);
  expect(sids(doc)).toEqual(["DenyOutsideTheNetwork"]);
  expect(doc.Statement.find((s) => s.Sid === "DenyOutsideTheNetwork")!.NotAction).toEqual(COMPUTE_INFRASTRUCTURE_ACTIONS);
});

test("on: the console actions pass the fence, only on resources tagged with the caller's username, only for a tagged session", () => {
  const doc = rolePolicy("data-scientist", { ...INPUT, dataScientistConsole: true });
  expect(sids(doc)).toEqual(["DenyOutsideTheNetwork", "DenyConsoleOnOthersResources", "DenyConsoleWithoutUsername"]);
  expect(doc.Statement.find((s) => s.Sid === "DenyOutsideTheNetwork")!.NotAction).toEqual([...COMPUTE_INFRASTRUCTURE_ACTIONS, ...CONSOLE_ACTIONS]);
  const others = doc.Statement.find((s) => s.Sid === "DenyConsoleOnOthersResources")!;
  expect(others.Action).toEqual(CONSOLE_OWN_ACTIONS);
  expect(others.Condition).toMatchObject({ StringNotEquals: { "sagemaker:ResourceTag/username": "$${aws:PrincipalTag/username}" }, StringNotEqualsIfExists: { "aws:SourceVpc": INPUT.vpcId } });
  expect(doc.Statement.find((s) => s.Sid === "DenyConsoleWithoutUsername")!.Condition).toMatchObject({ Null: { "aws:PrincipalTag/username": "true" } });
  // The other roles are unchanged by the switch.
  expect(rolePolicy("notebook-execution", { ...INPUT, dataScientistConsole: true })).toEqual(rolePolicy("notebook-execution", INPUT));
});

test("no console action is a data channel the boundary fences (presigned URLs, objects, logs, git, invocations, jobs)", () => {
  const pattern = (p: string) => new RegExp(`^${p.replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`);
  for (const action of CONSOLE_ACTIONS) expect([action, DATA_CHANNEL_ACTIONS.filter((p) => pattern(p).test(action))]).toEqual([action, []]);
});
