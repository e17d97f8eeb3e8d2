import { describe, expect, it } from 'vitest'

import { contextWords, hasContext } from './context-words.js'

const SSN_WORDS = contextWords(['ssn', 'social security'])

function isNear(text: string, value: string): boolean {
  const start = text.indexOf(value)
  return hasContext(text, start, start + value.length, SSN_WORDS)
}

describe('context words', () => {
  it.each<[string, string, boolean]>([
    ['the word before the value', 'SSN: 536-90-4399', true],
    ['the word after the value', '536-90-4399 is my SSN', true],
    ['a phrase across extra spaces', 'social  security 536-90-4399', true],
    ['the word in another case', 'ssn 536-90-4399', true],
    ['inside a longer word', 'lessons 536-90-4399', false],
    ['glued to digits', 'ssn2 536-90-4399', false],
    ['too far before the value', `SSN ${'x'.repeat(80)} 536-90-4399`, false],
  ])('%s: %s', (_label, text, expected) => {
    expect(isNear(text, '536-90-4399')).toBe(expected)
  })
})
