// Text from a message (a subject, a display name, an address, a justification, a file name)
// shown to a person: in a terminal by the CLI, or in the plain-text part of a notice. A control
// character in it could end the line and forge the next one ("Narrative: nothing to see"),
// move the cursor or clear the screen (ESC sequences), or reorder what is displayed (Unicode
// bidi overrides, the "Trojan Source" trick, CVE-2021-42574). Each is shown as a visible
// escape instead, so the person sees that it was there. JSON output needs none of this:
// JSON.stringify escapes what JSON must, and a JSON reader is not a terminal.

// C0 controls and DEL, C1 controls (U+0080–U+009F; U+009B is a one-character CSI on some
// terminals), the Unicode line and paragraph separators, and the bidi embeddings, overrides,
// isolates and marks (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * The text with every control, separator and bidi character written as an escape (`\r`,
 * `\x1b`, `\u202e`), so that it stays on one line and displays as it reads.
 *
 * @example
 * visibleText('hello\r\nNarrative:\x1b[2J') // 'hello\\r\\nNarrative:\\x1b[2J'
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (char) => NAMED[char] ?? escapeOf(char))
}

function escapeOf(char: string): string {
  const code = char.codePointAt(0) ?? 0
  const hex = code.toString(16).padStart(code < 0x80 ? 2 : 4, '0')
  return code < 0x80 ? `\\x${hex}` : `\\u${hex}`
}
