// Purview labels and lying file types reach policy through the whole inspect path (parse,
// extract, detect, decide), not only the per-part report.
import { mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultExtractLimits } from '../src/extract/index.js'
import { createInProcessInspector } from '../src/inspect/index.js'
import { inspect } from '../src/relay.js'
import { testConfig } from './helpers/relay.js'

const LABEL = '4342314e-0df4-4b58-84bf-38bed6170a0f'

const rules = [
  {
    name: 'card-under-general-label',
    labels: ['General'],
    categories: ['CREDIT_CARD'],
    action: 'justify',
  },
  { name: 'disguised-file', typeMismatch: true, action: 'notify' },
]

async function verdictOf(raw: string) {
  const config = testConfig(
    { policy: { rules }, behavior: { enabled: false } },
    mkdtempSync(join(tmpdir(), 'mailward-signals-')),
  )
  const inspector = createInProcessInspector({ maxMessageDepth: 8, extract: defaultExtractLimits })
  const envelope = {
    mailFrom: 'alice@example.com',
    rcptTo: ['bob@example.com'],
    clientAddress: '127.0.0.1',
    heloName: 'x',
    tls: false,
  }
  const input = { ref: 'mw-1', envelope, raw: Buffer.from(raw), receivedAt: new Date() }

  try {
    return await inspect(input, { config, inspector, baselines: undefined })
  } finally {
    await inspector.close()
  }
}

function mail(
  headers: string,
  body: string,
  attachment?: { name: string; type: string; b64: string },
) {
  const top = `From: alice@example.com\r\nTo: bob@example.com\r\nSubject: s\r\n${headers}`
  if (attachment === undefined) return `${top}\r\n${body}\r\n`

  return (
    `${top}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n` +
    `--b\r\nContent-Type: text/plain\r\n\r\n${body}\r\n` +
    `--b\r\nContent-Type: ${attachment.type}\r\nContent-Disposition: attachment; filename="${attachment.name}"\r\n` +
    `Content-Transfer-Encoding: base64\r\n\r\n${attachment.b64}\r\n--b--\r\n`
  )
}

describe('content signals in policy', () => {
  it('asks for a justification when a message labelled General carries a card number', async () => {
    const header =
      `msip_labels: MSIP_Label_${LABEL}_Enabled=true;\r\n MSIP_Label_${LABEL}_Method=Standard;\r\n` +
      ` MSIP_Label_${LABEL}_Name=General;\r\n`

    const verdict = await verdictOf(mail(header, 'card 4111 1111 1111 1111'))

    expect(verdict.content.labels).toEqual([
      expect.objectContaining({ id: LABEL, name: 'General' }),
    ])
    expect(verdict.decision.reasons.map((r) => [r.code, r.text])).toEqual([
      ['card-under-general-label', 'the message labelled General carries 1 payment card number'],
    ])
  })

  it('releases the same card when the message carries no label', async () => {
    const verdict = await verdictOf(mail('', 'card 4111 1111 1111 1111'))

    expect(verdict.decision.action).toBe('release')
  })

  it('notifies when an attachment named and typed as a picture is a ZIP', async () => {
    const zip = await readFile(new URL('fixtures/extract/five-entries.zip', import.meta.url))
    const attachment = { name: 'cat.png', type: 'image/png', b64: zip.toString('base64') }

    const verdict = await verdictOf(mail('', 'see attached', attachment))

    expect(verdict.decision.reasons.map((r) => r.code)).toEqual(['disguised-file'])
    expect(verdict.decision.reasons[0]?.text).toContain('detected application/zip')
  })
})
