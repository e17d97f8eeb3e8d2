// A small logic-less template language for notices, a subset of Mustache: {{name}} inserts a
// value (HTML-escaped in HTML templates), {{#name}}…{{/name}} repeats for each item of a list
// or shows once when a value is present, {{^name}}…{{/name}} shows when it is absent or empty,
// and {{! comment }} is dropped. Templates are parsed and checked against the variables a
// notice provides when mailward starts, so a typo stops the start instead of a notice. Inserted
// values come partly from the message (addresses, masked samples, the narrative); their control
// characters are shown as escapes (visible-text.ts) so that they cannot forge lines.
import { visibleText } from './visible-text.js'

/** What a variable holds: plain text, or a list whose items have variables of their own. */
export type VariableShape = 'text' | { readonly list: Readonly<Record<string, VariableShape>> }

export type Variables = Readonly<Record<string, VariableShape>>

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string; readonly line: number }
  | {
      readonly kind: 'section'
      readonly name: string
      readonly inverted: boolean
      readonly line: number
      readonly children: readonly TemplateNode[]
    }

export type ParseResult =
  | { readonly ok: true; readonly nodes: readonly TemplateNode[] }
  | { readonly ok: false; readonly problems: readonly string[] }

/** A value a template is rendered with: text, a list of scopes, or nothing. */
export type TemplateValue = string | readonly TemplateScope[] | undefined

export interface TemplateScope {
  readonly [name: string]: TemplateValue
}

// {{! … }}, {{# name}}, {{^ name}}, {{/ name}} or {{ name }}; names are letters and digits.
const TAG = /\{\{\s*([!#^/]?)\s*([^}]*?)\s*\}\}/g
const NAME = /^[A-Za-z][A-Za-z0-9]*$/

/**
 * Parses a template and checks every name against `variables`.
 *
 * @example
 * const parsed = parseTemplate('Hello {{name}}', { name: 'text' })
 * if (parsed.ok) renderTemplate(parsed.nodes, { name: 'Alice' }, 'text') // 'Hello Alice'
 */
export function parseTemplate(source: string, variables: Variables): ParseResult {
  const problems: string[] = []
  const root: TemplateNode[] = []
  const stack: { name: string; inverted: boolean; line: number; children: TemplateNode[] }[] = []
  const scopes: Variables[] = [variables]
  const current = (): TemplateNode[] => stack[stack.length - 1]?.children ?? root

  let last = 0
  for (const match of source.matchAll(TAG)) {
    const [whole, sigil = '', name = ''] = match
    const line = lineOf(source, match.index)
    const end = match.index + whole.length
    // Mustache's rule: a section or comment tag alone on its line takes the line with it.
    const own = sigil === '' ? undefined : ownLine(source, match.index, end, last)
    const textEnd = own?.start ?? match.index
    if (textEnd > last) current().push({ kind: 'text', text: source.slice(last, textEnd) })
    last = own?.next ?? end
    if (sigil === '!') continue

    if (!NAME.test(name)) {
      problems.push(`line ${line}: "${name}" is not a variable name`)
      continue
    }
    const shape = lookUp(scopes, name)

    if (sigil === '/') {
      const open = stack.pop()
      if (open?.name !== name) {
        problems.push(`line ${line}: {{/${name}}} closes nothing open here`)
        if (open !== undefined) stack.push(open)
        continue
      }
      scopes.pop()
      const section = { kind: 'section', ...open } as const
      current().push(section)
      continue
    }

    if (shape === undefined) {
      problems.push(`line ${line}: unknown variable "${name}"`)
    } else if (sigil === '' && shape !== 'text') {
      problems.push(`line ${line}: "${name}" is a list; use {{#${name}}}…{{/${name}}}`)
    }

    if (sigil === '') {
      current().push({ kind: 'variable', name, line })
      continue
    }
    stack.push({ name, inverted: sigil === '^', line, children: [] })
    scopes.push(shape !== undefined && shape !== 'text' && sigil === '#' ? shape.list : {})
  }

  if (last < source.length) current().push({ kind: 'text', text: source.slice(last) })
  for (const open of stack) problems.push(`line ${open.line}: {{#${open.name}}} is never closed`)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, nodes: root }
}

/**
 * Renders parsed nodes. Every inserted value has its control characters escaped, and in
 * `html` mode its markup too.
 */
export function renderTemplate(
  nodes: readonly TemplateNode[],
  scope: TemplateScope,
  mode: 'text' | 'html',
): string {
  return renderIn(nodes, [scope], mode)
}

function renderIn(
  nodes: readonly TemplateNode[],
  scopes: readonly TemplateScope[],
  mode: 'text' | 'html',
): string {
  let out = ''
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text
        break
      case 'variable': {
        const value = valueOf(scopes, node.name)
        const text = visibleText(typeof value === 'string' ? value : '')
        out += mode === 'html' ? escapeHtml(text) : text
        break
      }
      case 'section': {
        const value = valueOf(scopes, node.name)
        const present = Array.isArray(value)
          ? value.length > 0
          : value !== undefined && value !== ''
        if (node.inverted) {
          if (!present) out += renderIn(node.children, scopes, mode)
        } else if (Array.isArray(value)) {
          for (const item of value as readonly TemplateScope[]) {
            out += renderIn(node.children, [...scopes, item], mode)
          }
        } else if (present) {
          out += renderIn(node.children, scopes, mode)
        }
        break
      }
    }
  }
  return out
}

/** The innermost scope that defines `name` wins, as in Mustache. */
function valueOf(scopes: readonly TemplateScope[], name: string): TemplateValue {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i] as TemplateScope
    if (Object.hasOwn(scope, name)) return scope[name]
  }
  return undefined
}

function lookUp(scopes: readonly Variables[], name: string): VariableShape | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const shape = (scopes[i] as Variables)[name]
    if (shape !== undefined) return shape
  }
  return undefined
}

/** The line holding only the tag at [start, end), if it does: where it starts and what follows. */
function ownLine(
  source: string,
  start: number,
  end: number,
  last: number,
): { start: number; next: number } | undefined {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1
  if (lineStart < last || !/^[ \t]*$/.test(source.slice(lineStart, start))) return undefined

  const newline = source.indexOf('\n', end)
  const lineEnd = newline === -1 ? source.length : newline
  if (!/^[ \t\r]*$/.test(source.slice(end, lineEnd))) return undefined
  return { start: lineStart, next: newline === -1 ? source.length : newline + 1 }
}

function lineOf(source: string, index: number): number {
  let line = 1
  for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) line++
  return line
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
