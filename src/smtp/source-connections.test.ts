import { describe, expect, it } from 'vitest'
import { limitPerSource, sourceKey } from './source-connections.js'

describe('limitPerSource', () => {
  it('admits up to the limit per address and refuses the next one', () => {
    const sources = limitPerSource(2)
    expect(sources.admit('s1', '10.0.0.1')).toEqual({ admitted: true, open: 1 })
    expect(sources.admit('s2', '10.0.0.1')).toEqual({ admitted: true, open: 2 })
    expect(sources.admit('s3', '10.0.0.1')).toEqual({ admitted: false, open: 2 })
    expect(sources.openFrom('10.0.0.1')).toBe(2)
  })

  it('counts each address apart', () => {
    const sources = limitPerSource(1)
    expect(sources.admit('s1', '10.0.0.1').admitted).toBe(true)
    expect(sources.admit('s2', '10.0.0.2').admitted).toBe(true)
    expect(sources.admit('s3', '10.0.0.1').admitted).toBe(false)
  })

  it('frees a place when an admitted connection closes, and only then', () => {
    const sources = limitPerSource(1)
    sources.admit('s1', '10.0.0.1')
    expect(sources.admit('s2', '10.0.0.1').admitted).toBe(false)
    // The refused session closes too; it was never counted, so it frees nothing.
    sources.release('s2')
    expect(sources.openFrom('10.0.0.1')).toBe(1)
    sources.release('s1')
    sources.release('s1')
    expect(sources.openFrom('10.0.0.1')).toBe(0)
    expect(sources.admit('s3', '10.0.0.1')).toEqual({ admitted: true, open: 1 })
  })

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    const sources = limitPerSource(1)
    sources.admit('s1', '::ffff:10.0.0.1')
    expect(sources.admit('s2', '10.0.0.1').admitted).toBe(false)
    expect(sourceKey('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1')
  })
})
