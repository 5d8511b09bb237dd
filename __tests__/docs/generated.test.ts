/**
 * The documentation does not drift from the code: every generated table is what the code renders now (run
 * `npm run docs` after changing a rule, a known gap, an emulator gap, the endpoint catalogue or the config schema),
 * every block is used, and the command reference names exactly the npm scripts that exist.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { docFiles, refresh, renderBlocks } from "../../tooling/docs-blocks";
import { ENDPOINT_CATALOGUE } from "../../lib/domain/catalogue/endpoints";
import { EMULATOR_GAPS } from "../../tooling/harness/emulator-gaps";
import { RULES } from "../../checks/compliance/registry";

const root = join(__dirname, "..", "..");
const blocks = renderBlocks(root);
const read = (file: string) => readFileSync(join(root, file), "utf8");

test.each(docFiles(root))("%s: every generated table is fresh (npm run docs)", (file) => {
  const text = read(file);
  expect(refresh(text, blocks).text).toBe(text);
});

test("every generated block appears in the docs", () => {
  const used = docFiles(root).flatMap((f) => refresh(read(f), blocks).names);
  expect([...new Set(used)].sort()).toEqual(Object.keys(blocks).sort());
});

test("a block rendered from changed code differs: the freshness check can fail", () => {
  const text = read("docs/compliance.md");
  const changed = { ...blocks, "compliance-rules": blocks["compliance-rules"].replace(RULES[0].title, "something else") };
  expect(refresh(text, changed).text).not.toBe(text);
  expect(() => refresh("<!-- generated:nope (npm run docs) -->\n<!-- end generated:nope -->", blocks)).toThrow(/unknown generated block "nope"/);
});

test("the tables carry every entry of their source", () => {
  for (const r of RULES) expect(blocks["compliance-rules"]).toContain(`| \`${r.id}\` | ${r.ids.join(", ")} |`);
  for (const e of ENDPOINT_CATALOGUE) expect(blocks["endpoint-catalogue"]).toContain(`| \`${e.name}\` | \`${e.servicePattern}\` |`);
  expect(blocks["emulator-gaps"].split("\n")).toHaveLength(EMULATOR_GAPS.length + 2);
  for (const field of ["environments[].network.vpcCidr", "environments[].backend (type s3).locking", "compliance.suppressions[].reason"]) {
    expect(blocks["config-reference"]).toContain(`| \`${field}\` |`);
  }
});

describe("commands", () => {
  const scripts = Object.keys(JSON.parse(read("package.json")).scripts as Record<string, string>);
  const help = read("help");
  const mentioned = (text: string) => [...text.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]);

  test("the help names every npm script", () => {
    const named = new Set([...mentioned(help), ...(help.includes("npm test") ? ["test"] : [])]);
    // prepack is npm's own hook (npm pack runs it), not a command.
    expect(scripts.filter((s) => !named.has(s) && s !== "cdktf" && s !== "prepack")).toEqual([]);
  });

  test.each(["help", ...docFiles(root)])("%s names only npm scripts that exist", (file) => {
    expect(mentioned(read(file)).filter((s) => !scripts.includes(s))).toEqual([]);
  });
});
