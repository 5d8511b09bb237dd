/** IPv4 CIDR arithmetic for the config: parsing, alignment and subnet carving. Pure functions. */

export interface Cidr {
  readonly address: number; // unsigned 32-bit network address
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "a.b.c.d/n"; returns an error text instead of throwing. */
export function parseCidr(text: string): Cidr | string {
  const m = IPV4.exec(text);
  if (!m) return `"${text}" is not an IPv4 CIDR block (e.g. 10.20.0.0/16)`;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return `"${text}" is not an IPv4 CIDR block (e.g. 10.20.0.0/16)`;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((address & mask) >>> 0 !== address) {
    return `"${text}" has host bits set; the network address is ${format({ address: (address & mask) >>> 0, prefix })}`;
  }
  return { address, prefix };
}

export function format(c: Cidr): string {
  const a = c.address;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${c.prefix}`;
}

/** The index-th block of length `prefix` inside `parent` (what Terraform's cidrsubnet computes). */
export function subnet(parent: Cidr, prefix: number, index: number): Cidr {
  const size = 2 ** (32 - prefix);
  return { address: (parent.address + index * size) >>> 0, prefix };
}

/** RFC 1918 private ranges; a VPC for a private environment should use one of them. */
const PRIVATE: Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((t) => parseCidr(t) as Cidr);

export function isPrivate(c: Cidr): boolean {
  return PRIVATE.some((p) => c.prefix >= p.prefix && (c.address >>> (32 - p.prefix)) === (p.address >>> (32 - p.prefix)));
}
