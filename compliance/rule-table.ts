/**
 * The documentation's table of rules, generated from the registry (one row per rule, alphabetical by id):
 * `| \`id\` | standard ids | applies to | passes when |`. `npm run rule-table` prints it; a test keeps the docs in step.
 */
import type { Rule } from "./rule";

export const RULE_TABLE_HEADER = "| rule | standard ids | applies to | passes when |\n|---|---|---|---|";

export function ruleTableRow(rule: Rule): string {
  return `| \`${rule.id}\` | ${rule.ids.join(", ")} | ${rule.appliesTo.map((t) => `\`${t}\``).join(", ")} | ${rule.title} |`;
}

export function ruleTable(rules: readonly Rule[]): string {
  return [RULE_TABLE_HEADER, ...[...rules].sort((a, b) => a.id.localeCompare(b.id)).map(ruleTableRow)].join("\n");
}
