// Every behaviour signal against one learned habit: the mistake it is for, and the ordinary
// sends closest to it that must stay quiet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DAY, finding, HOUR, LATER, MONDAY, TestHabits, type Send } from './habit-for-test.js'
import type { SignalCode } from './types.js'

const MARTA = 'Marta Lopez <marta.lopez@partner.example>'
const GROUP = [
  'Ann One <ann.one@vendor.example>',
  'Bo Two <bo.two@vendor.example>',
  'Cy Three <cy.three@corp.example>',
]

let habits: TestHabits

/** Judy's habit: Marta weekly, a working group, Sam alone, a university, all at 10:00. */
beforeAll(async () => {
  habits = new TestHabits()
  await habits.learn({ to: [MARTA] }, 20)
  await habits.learn({ to: GROUP }, 12, 20)
  await habits.learn({ to: ['Sam Lee <sam.lee@other.example>'] }, 6, 32)
  await habits.learn({ to: ['prof@cse.uni.example'] }, 3, 38)
  await habits.learn({ to: ['ann.one@vendor.example', 'pat@else.example'] }, 1, 41)
  await habits.learn({ to: ['desk@energy.state.ca.us'] }, 3, 42)
  // Colleagues who write to wellknown.example and to other places, so the organisation has
  // history (first-contact-domain needs 50 sends).
  for (const colleague of ['kai@corp.example', 'lou@corp.example']) {
    await habits.learn(
      { from: colleague, fromName: 'Colleague', to: ['desk@wellknown.example'] },
      8,
    )
  }
})

afterAll(() => habits.close())

function check(code: SignalCode, send: Send, raised: boolean) {
  return async () => {
    const signals = await habits.signals({ at: LATER, ...send })
    if (raised) expect(signals).toContain(code)
    else expect(signals).not.toContain(code)
  }
}

describe('first-contact-recipient', () => {
  it.each([
    ['a new outside address', { to: ['kim@partner.example'] }, true],
    ['a usual recipient', { to: [MARTA] }, false],
    ['a usual recipient in other letter case', { to: ['Marta.Lopez@PARTNER.example'] }, false],
    ['a new colleague inside', { to: ['new.hire@corp.example'] }, false],
  ])('%s', (_label, send, raised) => check('first-contact-recipient', send, raised)())
})

describe('first-contact-domain', () => {
  it.each([
    ['a domain nobody here writes to', { to: ['x@never.example'] }, true],
    ['a new person at a known domain', { to: ['kim@partner.example'] }, false],
    ['a domain colleagues write to', { to: ['other@wellknown.example'] }, false],
  ])('%s', (_label, send, raised) => check('first-contact-domain', send, raised)())
})

describe('lookalike-recipient', () => {
  it.each([
    ['Martin for Marta', { to: ['Martin Lopez <martin.lopez@partner.example>'] }, true],
    ['one letter off', { to: ['marta.lopes@partner.example'] }, true],
    ['letters swapped', { to: ['mrata.lopez@partner.example'] }, true],
    ['the same mailbox name at an unfamiliar domain', { to: ['marta.lopez@mail.example'] }, true],
    [
      'a different person at the same domain',
      { to: ['Sam Okafor <sam.okafor@partner.example>'] },
      false,
    ],
    ['the usual mailbox with a +tag', { to: ['marta.lopez+news@partner.example'] }, false],
    ['the usual mailbox at a sibling host', { to: ['marta.lopez@lists.partner.example'] }, false],
    ['the usual recipient', { to: [MARTA] }, false],
    ['Martin beside Marta (both meant)', { to: [MARTA, 'martin.lopez@partner.example'] }, false],
  ])('%s', (_label, send, raised) => check('lookalike-recipient', send, raised)())
})

describe('same-name-new-address', () => {
  it.each([
    [
      'the usual name at an unknown domain',
      { to: ['"Lopez, Marta" <mlopez77@mail.example>'] },
      true,
    ],
    ['the usual name at free mail', { to: ['Marta Lopez <marta1980@gmail.com>'] }, true],
    [
      'the usual name at the same organisation',
      { to: ['Marta Lopez <ml@partner.example>'] },
      false,
    ],
    [
      'the usual name where colleagues write',
      { to: ['Marta Lopez <ml@wellknown.example>'] },
      false,
    ],
    ['another name at an unknown domain', { to: ['Rita Gomez <rg@mail.example>'] }, false],
  ])('%s', (_label, send, raised) => check('same-name-new-address', send, raised)())
})

describe('lookalike-domain', () => {
  it.each([
    ['a typo', { to: ['marta.lopez@partnre.example'] }, true],
    ['a Cyrillic letter (punycode)', { to: ['marta.lopez@pаrtner.example'] }, true],
    ['a Cyrillic letter inside the public suffix', { to: ['desk@energy.state.сa.us'] }, true],
    ['another site under the same suffix', { to: ['desk@water.state.ca.us'] }, false],
    ['a digit for a letter', { to: ['info@partner.examp1e'] }, true],
    ['rn for m', { to: ['x@vendor.exarnple'] }, true],
    ["a usual domain's name under another top-level domain", { to: ['x@partner.co'] }, true],
    ["colleagues' domain under another top-level domain", { to: ['x@wellknown.net'] }, false],
    ['a subdomain of a usual domain', { to: ['x@mail.partner.example'] }, false],
    ['a sibling subdomain of a usual one', { to: ['prof2@soe.uni.example'] }, false],
    ['an unrelated domain', { to: ['x@harbour.example'] }, false],
    ['a usual domain', { to: ['kim@partner.example'] }, false],
  ])('%s', (_label, send, raised) => check('lookalike-domain', send, raised)())
})

describe('odd-group-member', () => {
  const [ann = '', bo = ''] = GROUP
  it.each([
    ['an outsider joins the usual group', { to: [...GROUP, 'zed@elsewhere.example'] }, true],
    ["an outsider takes a member's place", { to: [ann, bo, 'zed@elsewhere.example'] }, true],
    ['someone known, never with this group', { to: [...GROUP, 'sam.lee@other.example'] }, true],
    ['a colleague of the members joins', { to: [...GROUP, 'dee.four@vendor.example'] }, false],
    ['someone inside joins', { to: [...GROUP, 'new@corp.example'] }, false],
    ['someone already written to with the group', { to: [...GROUP, 'pat@else.example'] }, false],
    ['the usual group', { to: GROUP }, false],
  ])('%s', (_label, send, raised) => check('odd-group-member', send, raised)())
})

describe('personal-webmail', () => {
  it.each([
    ['a short form of the name', { to: ['jtownse@yahoo.com'] }, true],
    ['the name with digits', { to: ['judy.townsend77@gmail.com'] }, true],
    ['the name run together', { to: ['judytownsend@hotmail.com'] }, true],
    ['someone else at free mail', { to: ['kim.park@yahoo.com'] }, false],
    ['the name at a business domain', { to: ['judy.townsend@partner.example'] }, false],
  ])('%s', (_label, send, raised) => check('personal-webmail', send, raised)())

  it('stays quiet for a copy to the sender herself at free mail', async () => {
    const self = 'judy.townsend@gmail.com'
    const signals = await habits.signals({ from: self, to: [self, MARTA] })
    expect(signals).not.toContain('personal-webmail')
  })
})

describe('exposed-recipients', () => {
  const outside = (n: number, domains: number) =>
    Array.from({ length: n }, (_, i) => `person${i}@org${i % domains}.example`)
  it.each([
    ['twelve outside addresses in To', { to: outside(12, 4) }, true],
    ['split over To and Cc', { to: outside(6, 3), cc: outside(12, 4).slice(6) }, true],
    ['the same twelve in Bcc', { to: ['cy.three@corp.example'], bcc: outside(12, 4) }, false],
    ['twelve people of one organisation', { to: outside(12, 1) }, false],
    ['nine addresses', { to: outside(9, 4) }, false],
    [
      'twelve colleagues inside',
      { to: Array.from({ length: 12 }, (_, i) => `p${i}@corp.example`) },
      false,
    ],
  ])('%s', (_label, send, raised) => check('exposed-recipients', send, raised)())
})

describe('unusual-hour', () => {
  const at = (day: number, hour: number) => MONDAY + 63 * DAY + day * DAY + hour * HOUR
  it.each([
    ['Sunday 03:00', { to: [MARTA], at: at(6, 3) }, true],
    ['Wednesday 03:00', { to: [MARTA], at: at(2, 3) }, true],
    ['Tuesday 10:00', { to: [MARTA], at: at(1, 10) }, false],
    ['Tuesday 11:30, next to the usual hour', { to: [MARTA], at: at(1, 11) + 30 * 60_000 }, false],
  ])('%s', (_label, send, raised) => check('unusual-hour', send, raised)())
})

describe('unusual-volume', () => {
  const files = (bytes: number) => ({ count: 1, bytes })
  const values = (n: number) => Array.from({ length: n }, (_, i) => finding('IBAN', i))
  it.each([
    ['9 MB from a sender who attaches nothing', { to: [MARTA], attachments: files(9e6) }, true],
    [
      '30 sensitive values from a sender who sends none',
      { to: [MARTA], findings: values(30) },
      true,
    ],
    ['a 1.5 MB file (below the floor)', { to: [MARTA], attachments: files(1.5e6) }, false],
    ['eight sensitive values (below the floor)', { to: [MARTA], findings: values(8) }, false],
  ])('%s', (_label, send, raised) => check('unusual-volume', send, raised)())
})

describe('habits that make a signal ordinary', () => {
  let own: TestHabits
  beforeAll(() => {
    own = new TestHabits()
  })
  afterAll(() => own.close())

  it('does not ask again about personal webmail that is a habit', async () => {
    await own.learn({ to: [MARTA] }, 12)
    expect(await own.signals({ to: ['jtownse@yahoo.com'] })).toContain('personal-webmail')
    await own.learn({ to: ['jtownse@yahoo.com'] }, 3, 12)
    const withFile = { to: ['jtownse@yahoo.com'], attachments: { count: 1, bytes: 9 } }
    expect(await own.signals(withFile)).not.toContain('personal-webmail')
  })

  it('asks a sender who shows many addresses only when a send shows more', async () => {
    const outside = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@org${i % 5}.example`)
    await own.learn({ to: outside(20) }, 12, 20)
    expect(await own.signals({ to: outside(15) })).not.toContain('exposed-recipients')
    expect(await own.signals({ to: outside(25) })).toContain('exposed-recipients')
  })

  it("does not take another organisation's domain of the same name for a look-alike of ours", async () => {
    const harbour = new TestHabits(['harbourline.example'])
    await harbour.learn({ from: 'judy@harbourline.example', to: ['cy@harbourline.example'] }, 12)
    const signals = await harbour.signals({
      from: 'judy@harbourline.example',
      to: ['desk@harbourline.net'],
    })
    expect(signals).not.toContain('lookalike-domain')
    expect(
      await harbour.signals({ from: 'judy@harbourline.example', to: ['desk@harb0urline.example'] }),
    ).toContain('lookalike-domain')
    await harbour.close()
  })

  it('finds nothing unusual at night for a sender who works at night', async () => {
    const night = new TestHabits()
    for (let i = 0; i < 20; i++) {
      await night.learn({ to: [MARTA], at: MONDAY + i * DAY + 2 * HOUR }, 1, i)
    }
    expect(await night.signals({ to: [MARTA], at: LATER - 8 * HOUR })).not.toContain('unusual-hour')
    await night.close()
  })

  it('finds nothing unusual in big files from a sender who sends big files', async () => {
    const big = new TestHabits()
    await big.learn({ to: [MARTA], attachments: { count: 2, bytes: 6e6 } }, 15)
    expect(await big.signals({ to: [MARTA], attachments: { count: 2, bytes: 9e6 } })).not.toContain(
      'unusual-volume',
    )
    await big.close()
  })
})

describe('reason texts', () => {
  it.each([
    [
      'a look-alike of the organisation itself',
      { to: ['ceo@c0rp.example'] },
      "c0rp.example is spelled with look-alike characters to resemble corp.example, your organisation's own domain",
    ],
    [
      'an outsider in a usual group',
      { to: [...GROUP, 'zed@elsewhere.example'] },
      'you usually write to ann.one@vendor.example, bo.two@vendor.example and cy.three@corp.example together (every week); zed@elsewhere.example, whom you have never written to, joins them',
    ],
    [
      'many visible outside addresses',
      { to: Array.from({ length: 12 }, (_, i) => `p${i}@org${i % 3}.example`) },
      '12 outside addresses at 3 domains are in To or Cc, so every recipient sees all the others; Bcc keeps them private',
    ],
  ])('explains %s', async (_label, send, text) => {
    const features = await habits.describe({ at: LATER, ...send })
    expect(features.signals.map((signal) => signal.text)).toContain(text)
  })
})
