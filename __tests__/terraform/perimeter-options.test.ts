/**
 * The issue-12 options on the real terraform binary: a platform stack with client networks (network.clientAccess,
 * with the DNS resolver) and Object Lock on the trail bucket (audit.trailObjectLock) initialises, validates and plans
 * offline, and the plan holds the ingress rules, the resolver and the lock configuration with the provider's own
 * attribute names.
 */
import { join } from "node:path";
import { offlineOverride, stackWorkdir, Terraform, terraformEnv } from "../../tooling/harness/terraform";
import { configWith, synthConfig, tempDir } from "../helpers/synth";

jest.setTimeout(300_000);

test("client networks with the DNS resolver, and trail Object Lock: init, validate and plan offline", async () => {
  const work = tempDir("tf-perimeter-options");
  const config = configWith({
    network: { vpcCidr: "10.20.0.0/16", clientAccess: { cidrs: ["10.100.0.0/16"], prefixListIds: ["pl-0123456789abcdef0"], dnsResolver: true } },
    audit: { trail: "account", trailObjectLock: { retentionDays: 365 } },
  });
  const synth = synthConfig(config, "tf-perimeter-options");
  const dir = join(work, "dev-platform");
  const tf = new Terraform(stackWorkdir(synth.outdir, "dev-platform", dir, offlineOverride(dir)), terraformEnv(work));
  await tf.init();
  await tf.validate();
  const plan = await tf.plan(["-no-color"]);
  expect(plan.changes).toBe(true);
  const block = (address: RegExp) => {
    const start = plan.stdout.search(address);
    expect(start).toBeGreaterThanOrEqual(0);
    return plan.stdout.slice(start, plan.stdout.indexOf("\n    }\n", start));
  };
  const lock = block(/# aws_s3_bucket_object_lock_configuration\.audit_trail_bucket_object-lock_\w+ will be created/);
  expect(lock).toMatch(/object_lock_enabled\s+= "Enabled"/);
  expect(lock).toMatch(/mode\s+= "GOVERNANCE"/);
  expect(lock).toMatch(/days\s+= 365/);
  const cidrRule = block(/# aws_security_group_rule\.security-groups_endpoints-in-client-cidr-10-100-0-0-16_\w+ will be created/);
  expect(cidrRule).toMatch(/cidr_blocks\s+= \[\s+\+ "10\.100\.0\.0\/16",\s+\]/);
  expect(cidrRule).toMatch(/from_port\s+= 443/);
  expect(cidrRule).toMatch(/type\s+= "ingress"/);
  const listRule = block(/# aws_security_group_rule\.security-groups_endpoints-in-client-list-pl-0123456789abcdef0_\w+ will be created/);
  expect(listRule).toMatch(/"pl-0123456789abcdef0"/);
  const resolver = block(/# aws_route53_resolver_endpoint\.dns-resolver_endpoint_\w+ will be created/);
  expect(resolver).toMatch(/direction\s+= "INBOUND"/);
  expect(resolver).toMatch(/name\s+= "sds-dev-dns-inbound"/);
  expect(resolver.match(/\+ ip_address \{/g)).toHaveLength(2);
  for (const protocol of ["tcp", "udp"]) {
    const dns = block(new RegExp(`# aws_security_group_rule\\.dns-resolver_dns-${protocol}-10-100-0-0-16_\\w+ will be created`));
    expect(dns).toMatch(/from_port\s+= 53/);
    expect(dns).toMatch(new RegExp(`protocol\\s+= "${protocol}"`));
  }
  expect(plan.stdout).toMatch(/\+ dns_resolver\s+= /);
  // The trail bucket is created without object_lock_enabled in the config (the lock configuration enables it).
  expect(plan.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
});
