import { describe, expect, it } from 'vitest'
import { RecipientTable } from './recipient-table.js'

describe('recipient table', () => {
  it('reads like a Map in insertion order, a replaced habit keeping its place', () => {
    const table = new RecipientTable()
    const habit = (address: string, name: string, count: number) => ({
      address,
      name,
      count,
      firstSeen: 1_700_000_000_000 + count,
      lastSeen: 1_800_000_000_000 - count,
    })
    const habits = Array.from({ length: 40 }, (_, i) =>
      habit(`p${i}@dömain${i % 3}.example`, i % 4 === 0 ? '' : `Zoë ${i} 🙂`, i),
    )
    for (const h of habits) table.set(h.address, h)
    const replaced = habit('p5@dömain2.example', 'Renamed', 99)
    table.set(replaced.address, replaced)
    habits[5] = replaced

    expect(table.size).toBe(40)
    expect([...table.values()]).toEqual(habits)
    expect([...table.keys()]).toEqual(habits.map((h) => h.address))
    expect(table.get('p5@dömain2.example')).toEqual(replaced)
    expect(table.has('p41@dömain2.example')).toBe(false)
    expect(table.atLeast(30)).toEqual(habits.filter((h) => h.count >= 30))
  })
})
