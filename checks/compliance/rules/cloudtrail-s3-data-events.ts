import { Attrs, blocks } from "../../synthesized/model";
import { passIf, Rule } from "../rule";

function equals(selector: Attrs, field: string): string[] | undefined {
  const f = blocks(selector.field_selector).find((x) => x.field === field);
  return f ? ((f.equals as unknown[] | undefined) ?? []).map(String) : undefined;
}

/** Advanced selectors: data events on S3 objects without a readOnly filter (so both reads and writes). */
function advancedCoversS3(s: Attrs): boolean {
  return (equals(s, "eventCategory") ?? []).includes("Data") && (equals(s, "resources.type") ?? []).includes("AWS::S3::Object") && equals(s, "readOnly") === undefined;
}

/** Basic selectors: an S3 object data resource with read_write_type All. */
function basicCoversS3(s: Attrs): boolean {
  return (s.read_write_type ?? "All") === "All" && blocks(s.data_resource).some((d) => d.type === "AWS::S3::Object" && ((d.values as unknown[] | undefined) ?? []).length > 0);
}

export const cloudtrailS3DataEvents: Rule = {
  id: "cloudtrail-s3-data-events",
  title: "Trails record S3 object-level reads and writes",
  ids: ["CIS 3.8", "CIS 3.9"],
  appliesTo: ["aws_cloudtrail"],
  check: (r) => passIf(blocks(r.attrs.advanced_event_selector).some(advancedCoversS3) || blocks(r.attrs.event_selector).some(basicCoversS3),
    "no event selector records S3 object read and write data events"),
  why: "Management events do not show who read or wrote which object; for the project's data that is the question an audit asks.",
  fix: "Add an advanced event selector: eventCategory = Data, resources.type = AWS::S3::Object (limited to the project buckets with resources.ARN starts_with), no readOnly filter.",
};
