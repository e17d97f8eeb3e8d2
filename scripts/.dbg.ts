import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openBaselineStore } from '../src/store/baseline-sqlite.js'
import { describeSend, learnSend } from '../src/behavior/index.js'
import { normalizeAddress } from '../src/mime/index.js'
const b = openBaselineStore(mkdtempSync(join(tmpdir(), 'x-')), { cacheSenders: 10 })
const settings = {
  enabled: true,
  timeZone: 'UTC',
  workingHours: { start: 8, end: 18 },
  warmupSends: 10,
  cacheSenders: 10,
  freeMailDomains: [],
  visibleExternalLimit: 10,
}
const ctx = { internalDomains: ['corp.example'], settings, baselines: b }
const mk = (bytes: number, i: number) => ({
  envelope: {
    mailFrom: 'a@corp.example',
    rcptTo: ['x@p.example'],
    clientAddress: '',
    heloName: '',
    tls: false,
  },
  headers: {
    from: [normalizeAddress('a@corp.example')!],
    to: [normalizeAddress('x@p.example')!],
    cc: [],
  },
  at: new Date(Date.UTC(2024, 0, 1 + i, 10)),
  attachments: { count: bytes > 0 ? 1 : 0, bytes },
  findings: [],
})
for (let i = 0; i < 30; i++) await learnSend(await describeSend(mk(0, i), ctx), b)
const f = await describeSend(mk(3e6, 40), ctx)
console.log(f.signals, f.measures)
