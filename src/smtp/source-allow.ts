// Source allow-list: which client addresses may connect at all.
import ipaddr from 'ipaddr.js'

export type SourceCheck = (address: string) => boolean

/**
 * Builds a matcher for CIDR ranges (IPv4 and IPv6). IPv4-mapped IPv6 client addresses
 * (`::ffff:127.0.0.1`, as Node reports them on dual-stack sockets) match IPv4 ranges.
 * Throws on a malformed range; `config check` reports it before start.
 */
export function allowSources(cidrs: readonly string[]): SourceCheck {
  const ranges = cidrs.map((cidr) => ipaddr.parseCIDR(cidr))

  return (address: string): boolean => {
    if (!ipaddr.isValid(address)) return false

    let parsed = ipaddr.parse(address)
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      parsed = (parsed as ipaddr.IPv6).toIPv4Address()
    }
    return ranges.some(
      ([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits),
    )
  }
}

/** Problems with CIDR strings, one message per bad entry. */
export function checkCidrs(cidrs: readonly string[]): string[] {
  return cidrs.flatMap((cidr, index) => {
    try {
      ipaddr.parseCIDR(cidr)
      return []
    } catch {
      return [`sources.${index}: "${cidr}" is not a CIDR range such as 10.0.0.0/8 or ::1/128`]
    }
  })
}
