/** `npm run rule-table`: prints the compliance rule table (markdown) from the registry, for the docs' "The rules" section. */
import { RULES } from "../compliance/registry";
import { ruleTable } from "../compliance/rule-table";

process.stdout.write(`${ruleTable(RULES)}\n`);
