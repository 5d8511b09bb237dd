/** Reads policies back: the actions and condition keys they use. */
import type { PolicyDocument } from "../../lib/domain/policy/document";

const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);

export function policyActions(doc: PolicyDocument): string[] {
  return [...new Set(doc.Statement.flatMap((s) => [...list(s.Action), ...list(s.NotAction)]))];
}

export function policyConditionKeys(doc: PolicyDocument): string[] {
  return [...new Set(doc.Statement.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((keys) => Object.keys(keys))))];
}

/** Pairs of (action, condition key) as they appear together in a statement. */
export function actionConditionPairs(doc: PolicyDocument): { action: string; key: string; sid?: string }[] {
  return doc.Statement.flatMap((s) => list(s.Action).flatMap((action) =>
    Object.values(s.Condition ?? {}).flatMap((keys) => Object.keys(keys).map((key) => ({ action, key, sid: s.Sid })))));
}
