/** Reading synthesized attributes back: references (also across stacks), policy documents in their several forms. */
import { interpolations } from "../../checks/synthesized/model";
import { parsePolicy } from "../../checks/compliance/policies";
import { scopableActions } from "../../checks/compliance/iam-actions";
import { app, policyOf, ref, stack } from "./fixtures";

describe("references", () => {
  test("`$${...}` is a literal, nested braces are balanced", () => {
    expect(interpolations("a ${aws_s3_bucket.b.arn}/* $${aws:username} ${merge({a = 1}, var.x)}")).toEqual(["aws_s3_bucket.b.arn", "merge({a = 1}, var.x)"]);
  });

  test("a reference inside a function call and one through a cross-stack output both resolve", () => {
    const model = app(
      stack("p", { aws_kms_key: { k: {} } }, { output: { o: { value: ref("aws_kms_key", "k", "arn") } } }),
      stack("q", { aws_kms_alias: { a: { target_key_id: "${data.terraform_remote_state.cross-stack-reference-input-p.outputs.o}" } }, aws_sns_topic: { t: { kms_master_key_id: "${element([aws_kms_alias.a.arn], 0)}" } } }),
    );
    const [topic] = model.ofType("aws_sns_topic");
    expect(model.referenced("q", topic.attrs.kms_master_key_id).map((r) => r.address)).toEqual(["q/aws_kms_alias.a"]);
    const [alias] = model.ofType("aws_kms_alias");
    expect(model.resolve("q", alias.attrs.target_key_id, "aws_kms_key")?.address).toBe("p/aws_kms_key.k");
  });
});

describe("settings attached to a resource (indexed once, looked up per resource)", () => {
  const model = app(
    stack("p", {
      aws_s3_bucket: { a: { bucket: "bucket-a" }, b: { bucket: "bucket-b" } },
      aws_s3_bucket_versioning: { va: { bucket: ref("aws_s3_bucket", "a", "id") }, vb: { bucket: "bucket-b" } },
    }, { output: { o: { value: ref("aws_s3_bucket", "b", "id") } } }),
    stack("q", { aws_s3_bucket_versioning: { vb2: { bucket: "${data.terraform_remote_state.cross-stack-reference-input-p.outputs.o}" }, other: { bucket: "bucket-c" } } }),
  );
  const bucket = (name: string) => model.ofType("aws_s3_bucket").find((r) => r.name === name)!;

  test("by reference, by literal name and through a cross-stack output, in stack order", () => {
    expect(model.attachedTo(bucket("a"), "aws_s3_bucket_versioning", "bucket", "bucket").map((r) => r.address)).toEqual(["p/aws_s3_bucket_versioning.va"]);
    expect(model.attachedTo(bucket("b"), "aws_s3_bucket_versioning", "bucket", "bucket").map((r) => r.address)).toEqual(["p/aws_s3_bucket_versioning.vb", "q/aws_s3_bucket_versioning.vb2"]);
  });

  test("without a literal attribute only references count", () => {
    expect(model.attachedTo(bucket("b"), "aws_s3_bucket_versioning", "bucket").map((r) => r.address)).toEqual(["q/aws_s3_bucket_versioning.vb2"]);
  });

  test("lookups by type and by stack", () => {
    expect(model.ofType("aws_s3_bucket_versioning", "aws_s3_bucket").map((r) => r.name)).toEqual(["a", "b", "va", "vb", "vb2", "other"]);
    expect(model.inStack("q", "aws_s3_bucket_versioning").map((r) => r.name)).toEqual(["vb2", "other"]);
    expect(model.stack("q")?.resource).toBeDefined();
  });
});

describe("policy documents", () => {
  const model = app(stack("s", { aws_iam_role_policy: { p: {} } }, {
    data: { aws_iam_policy_document: { doc: { statement: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["*"], condition: [{ test: "StringEquals", variable: "aws:PrincipalAccount", values: ["1"] }] }] } } },
  }));
  const [owner] = model.ofType("aws_iam_role_policy");

  test("a JSON string with references inside its values parses", () => {
    const parsed = parsePolicy(model, owner, policyOf({ Effect: "Allow", Action: "kms:Decrypt", Resource: ref("aws_kms_key", "k", "arn") }));
    expect(parsed).toEqual({ ok: true, statements: [expect.objectContaining({ actions: ["kms:Decrypt"], resources: ["${aws_kms_key.k.arn}"] })] });
  });

  test("a reference to a data.aws_iam_policy_document is read from the stack", () => {
    const parsed = parsePolicy(model, owner, "${data.aws_iam_policy_document.doc.json}");
    expect(parsed).toEqual({ ok: true, statements: [expect.objectContaining({ effect: "Allow", actions: ["s3:GetObject"], conditions: { StringEquals: { "aws:PrincipalAccount": ["1"] } } })] });
  });

  test("an expression that cannot be read before apply is reported, not passed", () => {
    const parsed = parsePolicy(model, owner, "${jsonencode(local.policy)}");
    expect(parsed.ok).toBe(false);
  });
});

describe("actions that support resource-level permissions (service authorization reference)", () => {
  test.each([
    ["sts:GetCallerIdentity", []],
    ["ecr:GetAuthorizationToken", []],
    ["s3:GetObject", ["s3:GetObject"]],
    ["s3:ListBucket", ["s3:ListBucket"]], // bucket or access point: alternatives, one always applies
    ["cloudwatch:PutMetricData", []], // an optional dataset: the call also works without one
    ["made-up-service:Thing", ["made-up-service:Thing"]],
  ])("%s", (action, scopable) => {
    expect(scopableActions(action)).toEqual(scopable);
  });

  test("a wildcard is scopable when any action it covers is", () => {
    expect(scopableActions("sagemaker:Describe*").length).toBeGreaterThan(0);
    expect(scopableActions("sagemaker:ListNotebookInstance*")).toEqual([]);
  });
});
