import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { CATEGORIES } from './categories.js'
import { registeredCategories } from './registry.js'

// The 63 categories of tiers P0 and P1 in shared/pii/categories.md.
const FIRST_TIERS = CATEGORIES.filter((c) => c.tier === 'P0' || c.tier === 'P1').map((c) => c.id)

const RECOGNIZER_TESTS = join(import.meta.dirname, 'recognizers')

function testTablesText(): string {
  return readdirSync(RECOGNIZER_TESTS)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => readFileSync(join(RECOGNIZER_TESTS, name), 'utf8'))
    .join('\n')
}

describe('recognizer registry', () => {
  it('covers every P0 and P1 category', () => {
    const registered = new Set(registeredCategories())

    expect(FIRST_TIERS).toHaveLength(63)
    expect(FIRST_TIERS.filter((id) => !registered.has(id))).toEqual([])
  })

  // A category named only once has a table of positives or of near-misses, not both.
  it('has a table test naming every P0 and P1 category in both a finds and an ignores table', () => {
    const text = testTablesText()
    const mentions = (id: string): number => text.split(`'${id}'`).length - 1

    expect(FIRST_TIERS.filter((id) => mentions(id) < 2)).toEqual([])
  })
})
