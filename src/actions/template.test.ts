import { describe, expect, it } from 'vitest'
import { parseTemplate, renderTemplate, type Variables } from './template.js'

const VARIABLES: Variables = {
  name: 'text',
  items: { list: { label: 'text' } },
}

function render(source: string, scope: Record<string, unknown>, mode: 'text' | 'html' = 'text') {
  const parsed = parseTemplate(source, VARIABLES)
  if (!parsed.ok) throw new Error(parsed.problems.join('; '))
  return renderTemplate(parsed.nodes, scope as never, mode)
}

describe('notice template language', () => {
  it.each([
    ['a variable', 'Hi {{name}}!', { name: 'Alice' }, 'Hi Alice!'],
    ['a missing variable as nothing', 'Hi {{name}}!', {}, 'Hi !'],
    [
      'a list',
      '{{#items}}[{{label}}]{{/items}}',
      { items: [{ label: 'a' }, { label: 'b' }] },
      '[a][b]',
    ],
    ['an empty list as nothing', '{{#items}}x{{/items}}', { items: [] }, ''],
    ['an inverted section for an absent value', '{{^name}}none{{/name}}', {}, 'none'],
    ['a section for a present value', '{{#name}}({{name}}){{/name}}', { name: 'x' }, '(x)'],
    ['outer names inside a list', '{{#items}}{{name}}{{/items}}', { name: 'n', items: [{}] }, 'n'],
    ['a comment as nothing', 'a{{! note }}b', {}, 'ab'],
    [
      'standalone section lines without their line',
      'a\n{{#name}}\nb\n{{/name}}\nc\n',
      { name: 'y' },
      'a\nb\nc\n',
    ],
  ])('renders %s', (_label, source, scope, expected) => {
    expect(render(source, scope)).toBe(expected)
  })

  it('escapes values in HTML templates and leaves the template text alone', () => {
    expect(render('<b>{{name}}</b>', { name: '<script>&"\'' }, 'html')).toBe(
      '<b>&lt;script&gt;&amp;&quot;&#39;</b>',
    )
  })

  // Values from the message reached the plain-text notice as they were: a CR LF in one forged
  // the lines under it and an ESC sequence drove the reader's terminal.
  it.each([
    ['text', 'To: {{name}}\nWhy:', 'To: x\\r\\nWhy: forged\\x1b[2J\\u202e\nWhy:'],
    ['HTML', '<p>{{name}}</p>', '<p>x\\r\\nWhy: forged\\x1b[2J\\u202e</p>'],
  ])('shows control characters in values as escapes in %s templates', (mode, source, shown) => {
    const name = 'x\r\nWhy: forged\x1b[2J\u202e'
    expect(render(source, { name }, mode === 'HTML' ? 'html' : 'text')).toBe(shown)
  })

  it.each([
    ['an unknown variable', 'x\n{{nmae}}', 'line 2: unknown variable "nmae"'],
    ['a list used as text', '{{items}}', 'line 1: "items" is a list; use {{#items}}…{{/items}}'],
    ['an unclosed section', '{{#items}}x', 'line 1: {{#items}} is never closed'],
    ['a stray closing tag', 'x{{/items}}', 'line 1: {{/items}} closes nothing open here'],
    ['a variable of a list outside it', '{{label}}', 'line 1: unknown variable "label"'],
    ['a bad name', '{{a.b}}', 'line 1: "a.b" is not a variable name'],
  ])('refuses %s with the line', (_label, source, problem) => {
    expect(parseTemplate(source, VARIABLES)).toEqual({ ok: false, problems: [problem] })
  })
})
