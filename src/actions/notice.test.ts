import { describe, expect, it } from 'vitest'
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { composeNotice, type NoticeInput } from './notice.js'
import {
  DEFAULT_TEMPLATES_DIR,
  loadNoticeTemplates,
  NOTICE_KINDS,
  type NoticeTemplates,
} from './notice-templates.js'

const CARD = '4111111111111111'

function shipped(): NoticeTemplates {
  const loaded = loadNoticeTemplates()
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'))
  return loaded.templates
}

const INPUT: Omit<NoticeInput, 'kind'> = {
  ref: 'mw-abcdefghijklmnop',
  from: 'mailward@localhost',
  to: 'alice@example.com',
  sender: 'alice@example.com',
  receivedAt: new Date('2026-12-03T20:20:46Z'),
  recipients: ['desk@partner.example.net', 'bob@example.com'],
  externalRecipients: ['desk@partner.example.net'],
  reasons: [
    {
      code: 'payment-cards-leaving',
      text: '2 payment card numbers to a recipient outside the organisation',
      action: 'hold',
      categories: ['CREDIT_CARD'],
      count: 2,
    },
  ],
  // One finding per value: a notice shows a few masked samples per reason, never a list.
  findings: ['1111', '2222', '3333', '4444', '1111'].map((last) => ({
    category: 'CREDIT_CARD',
    partId: '1',
    where: 'message text',
    confidence: 0.99,
    masked: `4111 **** **** ${last}`,
    recognizer: 'credit-card',
  })),
  replyAddress: 'justify+mw-abcdefghijklmnop.aaaaaaaaaaaaaaaaaaaaaaaaaa@mailward.localhost',
  deadline: new Date('2026-12-06T20:20:46Z'),
  released: ['bob@example.com'],
  stillHeld: ['desk@partner.example.net'],
  refusal: 'A reply such as "ok" does not say why the message should be sent.',
  narrative: 'alice@example.com sent a message to 2 recipients.',
}

describe('notice templates', () => {
  it('ships a valid text and HTML template for every kind of notice', () => {
    expect(loadNoticeTemplates(DEFAULT_TEMPLATES_DIR)).toMatchObject({ ok: true })
  })

  it('names every broken template and line, so that start can refuse it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailward-templates-'))
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true })
    writeFileSync(join(dir, 'held.txt'), 'Subject: x\n\nHello {{recipeintList}}\n')
    writeFileSync(join(dir, 'expired.txt'), 'no subject line\n')
    writeFileSync(join(dir, 'justify.html'), '<p>{{#reasons}}</p>')

    const loaded = loadNoticeTemplates(dir)
    expect(loaded).toEqual({
      ok: false,
      problems: [
        'held.txt: line 3: unknown variable "recipeintList"',
        'justify.html: line 1: {{#reasons}} is never closed',
        'expired.txt: line 1: must be "Subject: …" followed by a blank line',
      ],
    })
  })

  it('reports a missing template file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailward-templates-'))
    const loaded = loadNoticeTemplates(dir)
    expect(loaded.ok).toBe(false)
    expect(!loaded.ok && loaded.problems[0]).toBe('notified.txt: cannot read the file (ENOENT)')
  })
})

describe('composeNotice', () => {
  const templates = shipped()

  it.each(NOTICE_KINDS)(
    'composes a %s notice with text and HTML and no unmasked value',
    async (kind) => {
      const raw = await composeNotice({ ...INPUT, kind }, templates)
      const mail = await simpleParser(raw)

      expect(mail.subject).toContain('(ref mw-abcdefghijklmnop)')
      expect(mail.text).toContain('mw-abcdefghijklmnop')
      expect(mail.html).toContain('mw-abcdefghijklmnop')
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated')
      expect(mail.headers.get('x-mailward-notice')).toBe(kind)
      for (const body of [raw.toString('utf8'), mail.text ?? '', String(mail.html)]) {
        expect(body).not.toContain(CARD)
        expect(body).not.toMatch(/\{\{|\}\}/)
      }
    },
  )

  it('puts one consolidated list of reasons with at most three masked samples in a hold notice', async () => {
    const mail = await simpleParser(await composeNotice({ ...INPUT, kind: 'held' }, templates))
    expect(mail.text).toContain('2 payment card numbers to a recipient outside the organisation.')
    expect(mail.text?.match(/4111 \*\*\*\* \*\*\*\* \d{4}/g)).toEqual([
      '4111 **** **** 1111',
      '4111 **** **** 2222',
      '4111 **** **** 3333',
    ])
  })

  it('gives a justify notice the reply address as Reply-To and names the deadline', async () => {
    const mail = await simpleParser(await composeNotice({ ...INPUT, kind: 'justify' }, templates))
    expect(mail.replyTo?.value[0]?.address).toBe(INPUT.replyAddress)
    expect(mail.text).toContain('The time to reply ends on 2026-12-06 20:20 UTC.')
  })

  it('escapes what it inserts into HTML', async () => {
    const mail = await simpleParser(
      await composeNotice({ ...INPUT, kind: 'held-security', narrative: '<img src=x>' }, templates),
    )
    expect(String(mail.html)).toContain('&lt;img src=x&gt;')
  })
})
