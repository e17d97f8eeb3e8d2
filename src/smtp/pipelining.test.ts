// The smtp-server behaviour that server.ts works around (PIPELINED_TRANSACTIONS there), shown
// on a bare smtp-server: with MAIL and RCPT answered synchronously, whole transactions
// pipelined in one write leave the parser stopped after the second message. If the first test
// starts failing, smtp-server has fixed `SMTPStream.continue()` and the comment can say so.
import { afterEach, describe, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import { pipelineInOneWrite } from '../../test/helpers/clients.js'

const transaction = (n: number) =>
  `MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.net>\r\nDATA\r\nSubject: ${n}\r\n\r\nHi.\r\n.\r\n`
const BATCH = `${transaction(1)}${transaction(2)}${transaction(3)}QUIT\r\n`

let server: SMTPServer | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(resolve) : resolve())))

async function bareServer(answerMail: SMTPServerOptions['onMailFrom']): Promise<number> {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onMailFrom: answerMail,
    onRcptTo: (_address, _session, callback) => callback(),
    onData(stream, _session, callback) {
      stream.resume()
      stream.on('end', () => setTimeout(() => callback(null, 'OK'), 20))
    },
  })
  const listening = server
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
  return (listening.server.address() as AddressInfo).port
}

const codes = (replies: readonly string[]) => replies.map((line) => line.slice(0, 3)).join(' ')

describe('smtp-server with whole transactions pipelined in one write', () => {
  it('stops reading after the second message when MAIL is answered synchronously', async () => {
    const port = await bareServer((_address, _session, callback) => callback())
    const { replies, closed } = await pipelineInOneWrite(port, BATCH, 1500)
    expect(codes(replies)).toBe('250 250 354 250 250 250 354 250')
    expect(closed).toBe(false)
  })

  it('reads every transaction and QUIT when MAIL is answered on a later turn', async () => {
    const port = await bareServer((_address, _session, callback) => setImmediate(callback))
    const { replies, closed } = await pipelineInOneWrite(port, BATCH)
    const one = '250 250 354 250'
    expect(codes(replies)).toBe(`${one} ${one} ${one} 221`)
    expect(closed).toBe(true)
  })
})
