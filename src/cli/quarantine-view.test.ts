import { describe, expect, it } from 'vitest'
import type { QuarantineRecord } from '../store/types.js'
import { headersOf, listLine, showText } from './quarantine-view.js'

const FORGE = '\r\nNarrative:\r\n  nothing to see\x1b[2J\u202e'
const SHOWN = '\\r\\nNarrative:\\r\\n  nothing to see\\x1b[2J\\u202e'
// eslint-disable-next-line no-control-regex -- no control character may reach the terminal
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/

/** A held record whose every message-derived field carries control characters. */
const RECORD: QuarantineRecord = {
  id: 'mw-view',
  receivedAt: new Date('2026-12-03T10:00:00Z'),
  sender: `"alice${FORGE}"@example.com`,
  recipients: [`"desk${FORGE}"@partner.example.net`],
  recipientStates: [
    {
      address: `"desk${FORGE}"@partner.example.net`,
      status: 'pending',
      outboxId: undefined,
      resolvedAt: undefined,
      resolvedBy: undefined,
    },
  ],
  size: 10,
  action: 'justify',
  status: 'awaiting-justification',
  messageId: undefined,
  networkMessageId: undefined,
  tenantId: undefined,
  report: {
    action: 'justify',
    risk: null,
    reasons: [{ action: 'justify', text: `to examp1e.com${FORGE}`, code: 'lookalike-domain' }],
    findings: [{ category: 'IBAN', masked: `GB82 ****${FORGE}`, where: 'message text' }],
    parts: [],
  },
  narrative: `alice wrote${FORGE}`,
  justifyDeadline: undefined,
  justifyAttempts: 0,
  justification: {
    text: `The customer asked.${FORGE}\nSecond line.`,
    at: new Date('2026-12-03T11:00:00Z'),
  },
  resolvedAt: undefined,
  resolvedBy: undefined,
  resolutionNote: `note${FORGE}`,
}

// Control characters from the message (subject, From name, justification, addresses) were
// printed as they were: they forged "Narrative:" lines and cleared the operator's screen.
describe('quarantine views of a message carrying control characters', () => {
  it('list shows them as escapes on one line', () => {
    const line = listLine(RECORD)
    expect(line).not.toMatch(CONTROL)
    expect(line).not.toContain('\n')
    expect(line).toContain(`"alice${SHOWN}"@example.com -> "desk${SHOWN}"@partner.example.net`)
  })

  it('show shows them as escapes and keeps only its own lines', () => {
    const headers = { subject: `hello${FORGE}`, from: `"Alice${FORGE}" <alice@example.com>` }
    const text = showText(RECORD, headers, [])
    expect(text).not.toMatch(CONTROL)
    expect(text).toContain(`  Subject: hello${SHOWN}\n`)
    expect(text).toContain(`  From: "Alice${SHOWN}" <alice@example.com>\n`)
    expect(text).toContain(`Last note: note${SHOWN}\n`)
    expect(text).toContain('  GB82 ****\\r\\nNarrative:\\r\\n  nothing to see\\x1b[2J\\u202e')
    // Wrapping folds runs of spaces, so the escaped text has one where the message had two.
    const narrative = 'alice wrote\\r\\nNarrative:\\r\\n nothing to see\\x1b[2J\\u202e'
    expect(text).toContain(`Narrative:\n  ${narrative}\n`)
    // The sender's own line breaks stay, indented under the heading; the rest is escaped.
    expect(text).toContain(
      'Justification (2026-12-03T11:00:00.000Z, by the sender):\n  The customer asked.\n' +
        '  Narrative:\n  nothing to see\\x1b[2J\\u202e\n  Second line.\n',
    )
    expect(text.split('\n').filter((line) => line.startsWith('Narrative:'))).toHaveLength(1)
  })
})

describe('headersOf', () => {
  it('says a header block over 1 MiB cannot be read instead of failing show', async () => {
    const raw = Buffer.from(
      `From: alice@example.com\r\nX-Big: ${'a'.repeat(1 << 20)}\r\n\r\nbody\r\n`,
    )

    const headers = await headersOf(raw)

    expect(headers.unreadable).toMatch(
      /^the header block \(\d+ bytes\) cannot be read: over 1 MiB$/,
    )
    expect(headers.from).toBeUndefined()
  })

  it('reads the headers of interest of an ordinary block', async () => {
    const headers = await headersOf(
      Buffer.from('From: alice@example.com\r\nSubject: hi\r\n\r\nx\r\n'),
    )

    expect(headers).toMatchObject({ from: 'alice@example.com', subject: 'hi' })
    expect(headers.unreadable).toBeUndefined()
  })
})
