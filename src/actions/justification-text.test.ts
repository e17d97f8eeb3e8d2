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
    ['empty words only', 'yes please release it, thanks', 'trivial'],
    ['a polite request', 'please send it now thanks', 'trivial'],
    ['urgency alone', 'Urgent, needed today, please approve ASAP', 'trivial'],
    ['"asdf"', 'asdf', 'filler'],
    ['keyboard runs', 'asdf qwer zxcv', 'filler'],
    ['keyboard runs repeated', 'asdf asdf qwerty zxcvbn', 'filler'],
    ['a held key', 'zzzzzzzzzzzzzzzzzzzzzz', 'filler'],
    ['two words', 'customer request', 'too-few-words'],
    ['one word repeated', 'invoice invoice invoice invoice', 'too-few-words'],
    ['three tiny words', 'tax id for HR', 'too-short'],
  ])('refuses %s', (_label, text, reason) => {
    expect(judgeJustification(text, RULES)).toEqual({ ok: false, reason })
  })

  // Each of these released a held message: filler, placeholder text, a refusal to explain and
  // an out-of-office text sent without the headers that mark it automatic.
  it.each([
    ['repeated letters', 'aaa bbb ccc ddd eee fff', 'filler'],
    ['Lorem Ipsum', 'lorem ipsum dolor sit amet', 'filler'],
    ['Lorem Ipsum, longer', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.', 'filler'],
    ['blah', 'blah blah blah, foo bar', 'filler'],
    ['a typed run again and again', 'asdasd asdasd hahaha', 'filler'],
    ['"I don\'t know, just send it"', "I don't know, just send it", 'no-reason'],
    ['curly apostrophes', 'I don’t know. Just release it!', 'no-reason'],
    ['"no idea"', 'No idea, whatever, just let it go', 'no-reason'],
    ['"because I said so"', 'Because I said so. Trust me, it is fine.', 'no-reason'],
    ['German', 'Keine Ahnung, einfach senden bitte', 'no-reason'],
    ['French', 'Je ne sais pas, peu importe', 'no-reason'],
    ['Dutch', 'Geen idee, maakt niet uit', 'no-reason'],
    [
      'an out-of-office text',
      'I am out of the office until Monday and will answer your message then.',
      'out-of-office',
    ],
    [
      'annual leave with limited access',
      'Thank you for your email. I am on annual leave until 3 January with limited access to email.',
      'out-of-office',
    ],
    [
      'a vacation with a return',
      'I am on vacation until 12 August. For urgent matters call Bob.',
      'out-of-office',
    ],
    [
      'German',
      'Ich bin bis zum 5. Januar nicht im Büro und danach wieder erreichbar.',
      'out-of-office',
    ],
    [
      'German, Urlaub',
      'Vielen Dank für Ihre Nachricht. Ich bin bis 3.1. im Urlaub.',
      'out-of-office',
    ],
    ['French', "Je suis absent du bureau jusqu'au lundi 6 janvier.", 'out-of-office'],
    ['Spanish', 'Estoy fuera de la oficina hasta el lunes.', 'out-of-office'],
    [
      'Italian',
      'Sono fuori ufficio fino a lunedì con accesso limitato alla posta.',
      'out-of-office',
    ],
    ['Dutch', 'Ik ben afwezig tot maandag 6 januari.', 'out-of-office'],
    ['Portuguese', 'Estou fora do escritório até segunda-feira.', 'out-of-office'],
  ])('refuses %s', (_label, text, reason) => {
    expect(judgeJustification(text, RULES)).toEqual({ ok: false, reason })
  })

  it.each([
    ['a sentence', REASON],
    ['German', 'Der Kunde hat die Kartennummer für die Rechnung angefordert.'],
    ['French', "Le client a demandé la facture avec l'IBAN pour le paiement de mars."],
    ['short but real', 'Payroll for March, requested by HR'],
    ['a ticket', 'Customer asked for their card on file to be updated, ticket 4471'],
    [
      'a reason after "I don\'t know"',
      "I don't know the amount yet, but finance needs the account for the March run",
    ],
    [
      'a reason after "just send it"',
      'Just send it: the customer confirmed by phone that it is their own card',
    ],
    [
      'a reason after "not sure"',
      "Not sure why this was flagged; it is the supplier's own account from their invoice",
    ],
    [
      'someone else on holiday',
      'The customer is on holiday and asked us to send the contract to her private address',
    ],
    ['"back office"', 'Back office needs the IBAN for the refund of ticket 4471'],
    [
      'a company called Lorem Ipsum',
      'Lorem Ipsum GmbH is our supplier and their invoice needs our IBAN',
    ],
    ['one placeholder in a real reason', 'Invoice xxx for the March audit, requested by legal'],
    ['typographic apostrophes', 'It’s the client’s own passport, needed for the visa appointment'],
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

describe('judgeJustification in scripts without spaces', () => {
  it.each([
    ['Chinese', '客户的律师要求我们今天把签好的合同发给他审核'],
    ['Japanese', '顧客の経理担当者から請求書の再送を依頼されました'],
    ['Thai', 'ลูกค้าขอให้ส่งใบแจ้งหนี้พร้อมเลขบัญชีอีกครั้ง'],
  ])('counts the words of a %s reason written without punctuation', (_, text) => {
    const judged = judgeJustification(text, RULES)
    expect(judged.ok).toBe(true)
    if (judged.ok) expect(judged.words).toBeGreaterThanOrEqual(5)
  })

  it('still refuses a short one, and a run of one repeated character', () => {
    expect(judgeJustification('发送', RULES)).toEqual({ ok: false, reason: 'too-few-words' })
    expect(judgeJustification('好好好好好好好好好好好好好好好好', RULES).ok).toBe(false)
  })

  it('takes a one-character Chinese word for content, but not a lone Latin letter', () => {
    const loose = { minWords: 1, minCharacters: 1 }
    expect(judgeJustification('x 送', loose)).toEqual({ ok: true, text: 'x 送', words: 2 })
    expect(judgeJustification('x y', loose)).toEqual({ ok: false, reason: 'trivial' })
  })
})

describe('judgeJustification on dense scripts, as an attack run found them', () => {
  it.each([
    '这是供应商的新银行账户',
    '供应商换了银行账户',
    '客户要求的付款信息',
    '顧客の依頼で送付します',
    'ลูกค้าขอเอกสารนี้',
  ])('accepts the short real reason %s', (text) => {
    expect(judgeJustification(text, RULES).ok).toBe(true)
  })

  it.each([
    ['the kana table', 'あいうえおかきくけこさしすせそ'],
    ['the heavenly stems and earthly branches', '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'],
    [
      'common characters in no order',
      '的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会',
    ],
  ])('refuses %s as filler', (_label, text) => {
    expect(judgeJustification(text, RULES)).toEqual({ ok: false, reason: 'filler' })
  })

  it('judges a reply of 120,000 Chinese characters without running out of memory', () => {
    // One unbroken run: Node's segmenter copies its input per segment, and the whole run
    // given to it at once took the relay's heap (a forged reply could end the process).
    const han = Array.from({ length: 120_000 }, (_, i) =>
      String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000)),
    )
    const judged = judgeJustification(han.join(''), RULES)
    expect(judged).toEqual({ ok: false, reason: 'filler' })
  })
})

describe('judgeJustification, second attack run', () => {
  it.each(['供应商换了银行', '老板批准了付款'])('accepts the seven-character reason %s', (text) => {
    expect(judgeJustification(text, RULES).ok).toBe(true)
  })

  it.each([
    ['the Thai alphabet', 'กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ'],
    ['Lao consonants', 'ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮ'],
    ['Khmer consonants', 'កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអ'],
  ])('refuses %s as filler', (_label, text) => {
    expect(judgeJustification(text, RULES)).toEqual({ ok: false, reason: 'filler' })
  })
})
