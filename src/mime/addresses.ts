// Address normalisation: lower-cased domains, IDN in both forms, display names kept apart.
import { domainToASCII, domainToUnicode } from 'node:url'
import type { AddressObject } from 'mailparser'
import type { Address } from './types.js'

/**
 * Splits a mailbox into normalised parts. Returns undefined for anything that is not a single
 * `local@domain` mailbox, so that a display name or an encoded word is never taken as an address.
 */
export function normalizeAddress(address: string, name = ''): Address | undefined {
  const at = address.lastIndexOf('@')
  if (at <= 0 || at === address.length - 1) return undefined

  const local = address.slice(0, at)
  const rawDomain = address.slice(at + 1).toLowerCase()
  if (/[\s<>()[\]\\,;:"@]/.test(rawDomain)) return undefined

  const domainAscii = domainToASCII(rawDomain)
  if (domainAscii === '') return undefined
  const domain = domainToUnicode(domainAscii)

  return { name, address: `${local}@${domain}`, local, domain, domainAscii }
}

/** Flattens mailparser's address objects (groups included) into normalised mailboxes. */
export function addressesFrom(field: AddressObject | AddressObject[] | undefined): Address[] {
  if (field === undefined) return []

  const objects = Array.isArray(field) ? field : [field]
  const result: Address[] = []
  const visit = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.group !== undefined) visit(entry.group)
      if (entry.address === undefined || entry.address === '') continue

      const normalized = normalizeAddress(entry.address, entry.name)
      if (normalized !== undefined) result.push(normalized)
    }
  }
  for (const object of objects) visit(object.value)
  return result
}
