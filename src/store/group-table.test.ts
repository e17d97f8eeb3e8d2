import { describe, expect, it } from 'vitest'
import { GroupTable } from './group-table.js'

/** The table's content as plain entries, members included. */
function entriesOf(groups: ReadonlyMap<string, { members: readonly string[]; count: number }>) {
  return [...groups].map(([key, group]) => [key, [...group.members], group.count])
}

describe('group table', () => {
  it('keeps the order and content a Map would, through deletes and compactions', () => {
    const table = new GroupTable()
    const map = new Map<string, { members: readonly string[]; count: number; lastSeen: number }>()
    let state = 7
    const next = () => (state = (state * 48271) % 2147483647)
    for (let step = 0; step < 5000; step++) {
      const key = `m${next() % 300}@x.example\nn${next() % 3}@ü.example`
      if (next() % 3 === 0) {
        expect(table.delete(key)).toBe(map.delete(key))
      } else {
        const group = { count: next() % 9, lastSeen: step }
        table.set(key, group)
        map.set(key, { ...group, members: key.split('\n') })
      }
    }
    expect(entriesOf(table)).toEqual(entriesOf(map))

    // Most of them gone (the dead keys are copied out of the arena), then some back.
    for (const key of [...map.keys()].slice(5)) expect(table.delete(key)).toBe(map.delete(key))
    for (const key of ['b@x.example\nc@x.example', ...map.keys()]) {
      table.set(key, { count: 3, lastSeen: 1 })
      map.set(key, { count: 3, lastSeen: 1, members: key.split('\n') })
    }
    expect(table.size).toBe(map.size)
    expect(entriesOf(table)).toEqual(entriesOf(map))
    const [key = ''] = map.keys()
    const group = table.get(key)
    expect([group?.members, group?.count, group?.lastSeen]).toEqual([
      map.get(key)?.members,
      map.get(key)?.count,
      map.get(key)?.lastSeen,
    ])
    expect(table.get('nobody@x.example')).toBeUndefined()
  })
})
