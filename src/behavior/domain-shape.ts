// The comparison forms of a domain (its registrable site, and the skeleton of that site),
// remembered: every new domain in a send is compared with up to a thousand known ones, and
// computing a skeleton is the costly part of that comparison.
import { domainToUnicode } from 'node:url'
import { LruCache } from '../store/baseline-cache.js'
import { registrableDomain } from './registrable-domain.js'
import { skeleton } from './similarity.js'

export interface DomainShape {
  /** The registrable domain (ASCII). */
  readonly site: string
  /** skeleton() of the site in Unicode: look-alike spellings coincide. */
  readonly shape: string
  /**
   * skeleton() of the whole domain: a look-alike character inside the public suffix
   * (energy.state.сa.us, Cyrillic с) changes the site itself, so only this form matches.
   */
  readonly fullShape: string
}

/**
 * Domains remembered. An organisation writes to tens of thousands of domains at most; 50,000
 * shapes are a few megabytes, and a forgotten one is only computed again.
 */
const shapes = new LruCache<string, DomainShape>(50_000)

/** @example shapeOf('mail.pаrtner.example').shape === shapeOf('partner.example').shape */
export function shapeOf(domainAscii: string): DomainShape {
  let known = shapes.get(domainAscii)
  if (known === undefined) {
    const site = registrableDomain(domainAscii)
    known = {
      site,
      shape: skeleton(domainToUnicode(site)),
      fullShape: skeleton(domainToUnicode(domainAscii)),
    }
    shapes.set(domainAscii, known)
  }
  return known
}
