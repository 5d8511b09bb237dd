import { blocks, isTrue } from "../../synthesized/model";
import { all, passIf, Rule } from "../rule";

export const cloudtrailMultiRegion: Rule = {
  id: "cloudtrail-multi-region",
  title: "Trails are multi-region and record read and write management events",
  ids: ["FSBP CloudTrail.1", "CIS 3.1", "CKV_AWS_67"],
  appliesTo: ["aws_cloudtrail"],
  check: (r) => {
    const basic = blocks(r.attrs.event_selector);
    const advanced = blocks(r.attrs.advanced_event_selector);
    const management = advanced.length
      ? advanced.some((s) => blocks(s.field_selector).some((f) => f.field === "eventCategory" && (f.equals as unknown[] | undefined)?.includes("Management"))
        && !blocks(s.field_selector).some((f) => f.field === "readOnly"))
      : basic.length === 0 || basic.some((s) => s.include_management_events !== false && (s.read_write_type ?? "All") === "All");
    return all(
      passIf(isTrue(r.attrs.is_multi_region_trail), "is_multi_region_trail is not true"),
      passIf(r.attrs.include_global_service_events !== false, "include_global_service_events is false (IAM and STS events are missed)"),
      passIf(management, "no event selector records all (read and write) management events"),
    );
  },
  why: "API calls in a region the trail does not cover, or management events it filters out, leave no audit record.",
  fix: "Set is_multi_region_trail = true and keep management events (read_write_type All) in the trail's selectors.",
};
