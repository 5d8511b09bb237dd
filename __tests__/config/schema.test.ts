/** The config contract: what a user may write, and the error each mistake produces (path + fix). */
import { ConfigError, formatPath, loadConfig, validateConfig } from "../../app/load";
import { DEFAULT_CONFIG } from "../../app/config/default";
import { subnetCidrs } from "../../app/plan/plan";
import { withEnv, problems } from "../helpers/config";



const env0 = DEFAULT_CONFIG.environments[0];

describe("rejected configs name the field and the fix", () => {
  const cases: [string, unknown, RegExp][] = [
    ["a CIDR that is not one", withEnv({ network: { vpcCidr: "10.20.0/16" } }),
      /^environments\[0\]\.network\.vpcCidr: "10\.20\.0\/16" is not an IPv4 CIDR block \(e\.g\. 10\.20\.0\.0\/16\)$/],
    ["a CIDR with host bits set", withEnv({ network: { vpcCidr: "10.20.1.0/16" } }),
      /vpcCidr: "10\.20\.1\.0\/16" has host bits set; the network address is 10\.20\.0\.0\/16/],
    ["a VPC prefix AWS does not allow", withEnv({ network: { vpcCidr: "10.0.0.0/12" } }),
      /vpcCidr: \/12 is outside what a VPC allows; use a prefix from \/16 to \/28/],
    ["a public VPC range", withEnv({ network: { vpcCidr: "8.8.0.0/16" } }),
      /vpcCidr: 8\.8\.0\.0\/16 is not in a private range/],
    ["a CIDR too small for the subnets", withEnv({ network: { vpcCidr: "10.0.0.0/27" }, availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }),
      /vpcCidr: 10\.0\.0\.0\/27 is too small for 3 subnets of at least \/28 each; use a \/26 or larger VPC, or fewer zones/],
    ["subnets too large for the zones", withEnv({ network: { vpcCidr: "10.0.0.0/16", subnetPrefixLength: 17 }, availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }),
      /subnetPrefixLength: \/17 subnets leave room for 2 in 10\.0\.0\.0\/16, but 3 zones need one each; use \/18 to \/28/],
    ["0 zones", withEnv({ availabilityZones: [] }),
      /^environments\[0\]\.availabilityZones: 0 zones given; 1 to 6 are supported/],
    ["7 zones", withEnv({ region: "us-east-1", availabilityZones: ["a", "b", "c", "d", "e", "f", "g"].map((l) => `us-east-1${l}`) }),
      /availabilityZones: 7 zones given; 1 to 6 are supported/],
    ["a zone outside the region", withEnv({ availabilityZones: ["eu-west-1a", "eu-central-1b"] }),
      /^environments\[0\]\.availabilityZones\[1\]: "eu-central-1b" is not a zone of eu-west-1; zones are named eu-west-1a, eu-west-1b/],
    ["a zone listed twice", withEnv({ availabilityZones: ["eu-west-1a", "eu-west-1a"] }),
      /availabilityZones\[1\]: "eu-west-1a" is listed twice/],
    ["an unknown region", withEnv({ region: "eu-west-9" }),
      /^environments\[0\]\.region: "eu-west-9" is not an AWS region this tool knows \(e\.g\. eu-west-1\)/],
    ["an unknown endpoint name", withEnv({ network: { interfaceEndpoints: { "sagemaker.apii": true } } }),
      /^environments\[0\]\.network\.interfaceEndpoints\.sagemaker\.apii: "sagemaker\.apii" is not in the endpoint catalogue; known: sagemaker\.api, /],
    ["a bad account id", withEnv({ accountId: "12345" }),
      /^environments\[0\]\.accountId: must be a 12-digit AWS account id/],
    ["an account id given as a number", withEnv({ accountId: 123456789012 }),
      /^environments\[0\]\.accountId: expected string, got 123456789012/],
    ["duplicate environment names", { ...DEFAULT_CONFIG, environments: [env0, { ...env0 }] },
      /^environments\[1\]\.name: "dev" is already the name of environments\[0\]; environment names must be unique/],
    ["an environment name with capitals", withEnv({ name: "Dev" }),
      /^environments\[0\]\.name: must be 2-16 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen \(e\.g\. "dev"\)/],
    ["no environments", { environments: [] }, /^environments: at least one environment is needed/],
    ["a missing region", withEnv({ region: undefined }), /^environments\[0\]\.region: is required/],
    ["a misspelt field", withEnv({ availabilityZone: ["eu-west-1a"] }),
      /^environments\[0\]: unknown field "availabilityZone"; check the spelling/],
    ["a retention CloudWatch does not offer", withEnv({ logs: { retentionDays: 100 } }),
      /^environments\[0\]\.logs\.retentionDays: must be one of CloudWatch's retention periods: 1, 3, 5/],
    ["a short retention without a reason", withEnv({ logs: { retentionDays: 30 } }),
      /logs\.retentionDays: 30 days is below the 365 that CloudWatch\.16 asks for; set logs\.shortRetentionReason/],
    ["duplicate project names", withEnv({ projects: [{ name: "fraud" }, { name: "fraud" }] }),
      /^environments\[0\]\.projects\[1\]\.name: "fraud" is already the name of projects\[0\]/],
    ["an emulator endpoint that is not a URL", withEnv({ emulator: { endpoint: "localhost" } }),
      /^environments\[0\]\.emulator\.endpoint: must be a URL such as http:\/\/127\.0\.0\.1:5000/],
    ["an S3 bucket pattern with capitals", withEnv({ network: { s3AllowedBuckets: ["Corp-Lake"] } }),
      /network\.s3AllowedBuckets\[0\]: must be an S3 bucket name/],
    ["a client network open to the world", withEnv({ network: { clientAccess: { cidrs: ["0.0.0.0/0"] } } }),
      /^environments\[0\]\.network\.clientAccess\.cidrs\[0\]: 0\.0\.0\.0\/0 would open the endpoints to every network; name the client networks' private CIDRs/],
    ["a public client network", withEnv({ network: { clientAccess: { cidrs: ["10.100.0.0/16", "203.0.113.0/24"] } } }),
      /^environments\[0\]\.network\.clientAccess\.cidrs\[1\]: 203\.0\.113\.0\/24 is not in a private range .*; VPN and Direct Connect clients reach the endpoints from private addresses/],
    ["a client network that is not a CIDR", withEnv({ network: { clientAccess: { cidrs: ["10.100.0.0"] } } }),
      /^environments\[0\]\.network\.clientAccess\.cidrs\[0\]: "10\.100\.0\.0" is not an IPv4 CIDR block .*client networks are IPv4 CIDRs such as "10\.100\.0\.0\/16"/],
    ["a client network with host bits set", withEnv({ network: { clientAccess: { cidrs: ["10.100.7.0/16"] } } }),
      /clientAccess\.cidrs\[0\]: "10\.100\.7\.0\/16" has host bits set; the network address is 10\.100\.0\.0\/16/],
    ["a client network not in canonical form", withEnv({ network: { clientAccess: { cidrs: ["010.100.0.0/16"] } } }),
      /clientAccess\.cidrs\[0\]: "010\.100\.0\.0\/16" is not in canonical form; write it as "10\.100\.0\.0\/16"/],
    ["a client network inside the VPC", withEnv({ network: { vpcCidr: "10.20.0.0/16", clientAccess: { cidrs: ["10.0.0.0/8"] } } }),
      /clientAccess\.cidrs\[0\]: 10\.0\.0\.0\/8 overlaps the VPC \(10\.20\.0\.0\/16\).*name only networks outside the VPC/],
    ["a client network listed twice", withEnv({ network: { clientAccess: { cidrs: ["192.168.8.0/22", "192.168.8.0/22"] } } }),
      /clientAccess\.cidrs\[1\]: 192\.168\.8\.0\/22 is listed twice; remove one/],
    ["a prefix list id that is not one", withEnv({ network: { clientAccess: { prefixListIds: ["pl-XYZ"] } } }),
      /^environments\[0\]\.network\.clientAccess\.prefixListIds\[0\]: must be a managed prefix list id: "pl-" and 8 to 17 lower-case hex digits \(e\.g\. "pl-0123456789abcdef0"\)/],
    ["a prefix list listed twice", withEnv({ network: { clientAccess: { prefixListIds: ["pl-0123456789abcdef0", "pl-0123456789abcdef0"] } } }),
      /clientAccess\.prefixListIds\[1\]: pl-0123456789abcdef0 is listed twice; remove one/],
    ["more client networks than the group's rule quota", withEnv({ network: { clientAccess: { cidrs: Array.from({ length: 51 }, (_, i) => `192.168.${i}.0/24`) } } }),
      /^environments\[0\]\.network\.clientAccess: 51 client networks; at most 50 fit in the endpoint security group's rule quota/],
    ["a misspelt client access field", withEnv({ network: { clientAccess: { cidr: ["10.100.0.0/16"] } } }),
      /^environments\[0\]\.network\.clientAccess: unknown field "cidr"; check the spelling/],
  ];

  test.each(cases)("%s", (_what, input, expected) => {
    const found = problems(input);
    if (!found.some((p) => expected.test(p))) throw new Error(`no problem matches ${expected}; got:\n${found.join("\n")}`);
  });

  test("every problem is listed at once, not only the first", () => {
    const input = withEnv({ accountId: "1", region: "eu-west-9", availabilityZones: [], network: { vpcCidr: "nope" } });
    expect(problems(input).length).toBeGreaterThanOrEqual(4);
  });

  test("the message counts the problems and names the source", () => {
    expect(() => validateConfig(withEnv({ name: "Dev" }), "envs.yaml")).toThrow(ConfigError);
    const error = (() => { try { validateConfig(withEnv({ name: "Dev" }), "envs.yaml"); return undefined; } catch (e) { return e as ConfigError; } })();
    expect(error?.message).toMatch(/^config error in envs\.yaml \(1 problem\):\n  environments\[0\]\.name: /);
  });
});

describe("accepted configs", () => {
  test("the embedded default is valid and fills in defaults", () => {
    const config = loadConfig();
    expect(config.prefix).toBe("sds");
    expect(config.environments[0].logs.retentionDays).toBe(365);
    expect(config.environments[0].network.interfaceEndpoints).toEqual({});
  });

  test("a short retention is accepted with a recorded reason", () => {
    expect(() => validateConfig(withEnv({ logs: { retentionDays: 30, shortRetentionReason: "sandbox account, no regulated data" } }))).not.toThrow();
  });

  test("client networks: none by default; private CIDRs and prefix lists are accepted", () => {
    expect(loadConfig().environments[0].network.clientAccess).toEqual({ cidrs: [], prefixListIds: [], dnsResolver: false });
    const config = validateConfig(withEnv({ network: { clientAccess: { cidrs: ["10.100.0.0/16", "172.16.4.0/22", "192.168.1.10/32"], prefixListIds: ["pl-0123456789abcdef0"] } } }));
    expect(config.environments[0].network.clientAccess.cidrs).toHaveLength(3);
  });

  test("subnets are carved from the VPC in zone order, /prefix+3 by default", () => {
    expect(subnetCidrs({ vpcCidr: "10.20.0.0/16" }, 3)).toEqual(["10.20.0.0/19", "10.20.32.0/19", "10.20.64.0/19"]);
    expect(subnetCidrs({ vpcCidr: "10.0.0.0/26" }, 3)).toEqual(["10.0.0.0/28", "10.0.0.16/28", "10.0.0.32/28"]);
    expect(subnetCidrs({ vpcCidr: "10.0.0.0/16", subnetPrefixLength: 24 }, 2)).toEqual(["10.0.0.0/24", "10.0.1.0/24"]);
  });

  test("paths print as a user finds them in the file", () => {
    expect(formatPath(["environments", 1, "network", "vpcCidr"])).toBe("environments[1].network.vpcCidr");
    expect(formatPath([])).toBe("(top level)");
  });
});
