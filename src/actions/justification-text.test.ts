import { describe, expect, it } from 'vitest'
import { judgeJustification, readReplyText, stripQuotedAndSignature } from './justification-text.js'

const RULES = { minWords: 3, minCharacters: 15 }

const REASON = 'The customer asked for the card on file to settle invoice 1182.'

describe('stripQuotedAndSignature', () => {
  it.each([
    [
      'Gmail',
      `${REASON}\n\nOn Tue, 3 Dec 2026 at 21:00, mailward <mailward@localhost> wrote:\n> Your message has not been sent.`,
    ],
    [
      'Gmail, wrapped',
      `${REASON}\n\nOn Tue, 3 Dec 2026 at 21:00, mailward <\nmailward@localhost> wrote:\n> held`,
    ],
    [
      'Outlook',
      `${REASON}\n\n________________________________\nFrom: mailward <mailward@localhost>\nSent: Tuesday, December 3, 2026 21:00\nTo: Alice\nSubject: held`,
    ],
    [
      'Outlook, no rule',
      `${REASON}\r\n\r\nFrom: mailward <mailward@localhost>\r\nSent: Tuesday\r\nSubject: x\r\n\r\nYour message`,
    ],
    [
      'Outlook German',
      `${REASON}\n\nVon: mailward <mailward@localhost>\nGesendet: Dienstag\nAn: Alice`,
    ],
    ['an Original Message rule', `${REASON}\n-----Original Message-----\nFrom: mailward`],
    ['Thunderbird German', `${REASON}\n\nAm 03.12.2026 um 21:00 schrieb mailward:\n> x`],
    ['quoted lines', `> earlier\n${REASON}\n> more quoted`],
    ['a signature', `${REASON}\n-- \nAlice Example\nSales, +1 555 0100`],
    ['a mobile footer', `${REASON}\n\nSent from my iPhone`],
    ['a sign-off', `${REASON}\n\nBest regards,\nAlice Example`],
    ['a sign-off with a title', `${REASON}\n\nThanks!\nAlice\nHead of Sales`],
  ])('keeps only the reply from %s', (_label, text) => {
    expect(stripQuotedAndSignature(text)).toBe(REASON)
  })

  it('keeps every line of a reply without quotes or signature', () => {
    const text = 'First line of the reason.\nSecond line: the client asked.'
    expect(stripQuotedAndSignature(text)).toBe(text)
  })
})

describe('judgeJustification', () => {
  it.each([
    ['nothing', '', 'empty'],
    ['punctuation only', '...!', 'empty'],
    ['"ok"', 'ok', 'trivial'],
    ['"OK!!"', 'OK!!', 'trivial'],
    ['"asdf"', 'asdf', 'trivial'],
    ['keyboard runs', 'asdf qwer zxcv', 'trivial'],
    ['a held key', 'zzzzzzzzzzzzzzzzzzzzzz', 'trivial'],
    ['empty words only', 'yes please release it, thanks', 'trivial'],
    ['two words', 'customer request', 'too-few-words'],
    ['one word repeated', 'invoice invoice invoice invoice', 'too-few-words'],
    ['three tiny words', 'to do so', 'too-short'],
  ])('refuses %s', (_label, text, reason) => {
    expect(judgeJustification(text, RULES)).toEqual({ ok: false, reason })
  })

  it.each([
    ['a sentence', REASON],
    ['German', 'Der Kunde hat die Kartennummer für die Rechnung angefordert.'],
    ['short but real', 'Payroll for March, requested by HR'],
  ])('accepts %s', (_label, text) => {
    expect(judgeJustification(text, RULES)).toMatchObject({ ok: true, text })
  })
})

describe('readReplyText', () => {
  it('reads the plain-text part of a reply and strips the quoted notice', async () => {
    const raw = Buffer.from(
      [
        'From: alice@example.com',
        'To: justify+mw-x@mailward.localhost',
        'Subject: RE: [mailward] held',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'The customer asked for it for the refund =E2=80=93 ticket 4411.',
        '',
        'On Tue, 3 Dec 2026, mailward wrote:',
        '> Your message has not been sent.',
        '',
      ].join('\r\n'),
    )
    expect(await readReplyText(raw)).toBe('The customer asked for it for the refund – ticket 4411.')
  })

  it('reads an HTML-only reply as text', async () => {
    const raw = Buffer.from(
      [
        'From: alice@example.com',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<div>Needed by <b>legal</b> for the audit.</div>',
        '<hr><div id="divRplyFwdMsg"><b>From:</b> mailward<br><b>Sent:</b> Tuesday</div>',
        '',
      ].join('\r\n'),
    )
    expect(await readReplyText(raw)).toBe('Needed by legal for the audit.')
  })
})
