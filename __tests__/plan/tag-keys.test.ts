/**
 * The tag keys `app/plan/check.ts` guards are the ones the app really writes and reads: every tag key in the synthesized
 * JSON (default tags and resources' own) is in `GENERATED_TAG_KEYS`, and every tag key a synthesized policy reads
 * (`aws:PrincipalTag/`, `aws:RequestTag/`, `aws:ResourceTag/`, `<service>:ResourceTag/`) is in
 * `ACCESS_CONTROL_TAG_KEYS`, so a user tag can never shadow either.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { validateConfig } from "../../app/load";
import { ACCESS_CONTROL_TAG_KEYS, GENERATED_TAG_KEYS } from "../../app/plan/check";
import { synthConfig } from "../helpers/synth";

jest.setTimeout(120_000);

const root = join(__dirname, "..", "..");
// The fixture uses every feature (Studio and notebooks, package mirror, several environments and projects).
const config = validateConfig(parse(readFileSync(join(root, "__tests__", "fixtures", "plan-full.yaml"), "utf8")));
const synth = synthConfig(config, "tag-keys");
const texts = synth.stackNames.map((s) => JSON.stringify(synth.stack(s)));

/** Every `tags` / `tags_all` map and provider `default_tags` in a stack, walked without assumptions on the layout. */
function tagKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => tagKeys(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if ((k === "tags" || k === "tags_all") && v && typeof v === "object" && !Array.isArray(v)) Object.keys(v).forEach((t) => out.add(t));
      else tagKeys(v, out);
    }
  }
  return out;
}

test("every tag key in the synthesized JSON is a generated key the checks know, or the config's own", () => {
  const user = new Set(config.environments.flatMap((e) => [...Object.keys(e.tags), ...e.projects.flatMap((p) => Object.keys(p.tags))]));
  const keys = new Set<string>();
  for (const s of synth.stackNames) tagKeys(synth.stack(s), keys);
  expect([...keys].filter((k) => (GENERATED_TAG_KEYS as readonly string[]).includes(k)).length).toBeGreaterThan(5);
  expect([...keys].filter((k) => !user.has(k) && !(GENERATED_TAG_KEYS as readonly string[]).includes(k))).toEqual([]);
});

test("every tag key a synthesized policy reads is an access-control key the checks refuse as a user tag", () => {
  const read = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/[a-z0-9-]+:(?:PrincipalTag|RequestTag|ResourceTag)\/([\w.:+=@-]+)/g)) read.add(m[1]);
  expect(read.size).toBeGreaterThan(0);
  expect([...read].filter((k) => !(ACCESS_CONTROL_TAG_KEYS as readonly string[]).includes(k))).toEqual([]);
});
