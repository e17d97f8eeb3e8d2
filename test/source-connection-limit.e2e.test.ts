// limits.maxConnectionsPerSource over real sockets: one client address holds at most that many
// connections, the next one from it is refused with 421 4.7.0 at connect, and other addresses
// (127.0.0.2 here, also loopback) and later connections once one closes are served as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Socket } from 'node:net'
import { sendRaw } from './helpers/clients.js'
import { startTestRelay, type TestRelay } from './helpers/relay.js'

interface Opened {
  readonly socket: Socket
  /** The first reply line: the greeting, or the refusal. */
  readonly first: string
  /** Resolves once the server has closed the connection. */
  readonly closed: Promise<void>
}

/** Connects from `localAddress` and resolves with the server's first line (10 s at most). */
function open(port: number, localAddress = '127.0.0.1'): Promise<Opened> {
  const socket = connect({ port, host: '127.0.0.1', localAddress })
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.on('error', () => undefined)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no first line within 10 s')), 10_000)
    let buffer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      buffer += chunk
      const end = buffer.indexOf('\r\n')
      if (end === -1) return
      clearTimeout(timer)
      resolve({ socket, first: buffer.slice(0, end), closed })
    })
  })
}

const ENVELOPE = { from: 'alice@example.com', to: ['desk@partner.example.net'] }
const RAW =
  'From: alice@example.com\r\nTo: desk@partner.example.net\r\nSubject: hi\r\n\r\nHello.\r\n'

describe('connections per source address', () => {
  let relay: TestRelay
  const sockets: Socket[] = []

  beforeAll(async () => {
    relay = await startTestRelay({ limits: { maxConnectionsPerSource: 2 } })
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await relay.stop()
  })

  it('refuses the connection past the limit with 421 4.7.0 and logs address and counts', async () => {
    const first = await open(relay.port)
    const second = await open(relay.port)
    sockets.push(first.socket, second.socket)
    expect(first.first).toMatch(/^220 /)
    expect(second.first).toMatch(/^220 /)

    const third = await open(relay.port)
    sockets.push(third.socket)
    expect(third.first).toBe(
      '421 4.7.0 Too many connections from your address (at most 2), try again later',
    )
    await third.closed

    const refusals = relay.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.reason === 'too-many-from-source')
    expect(refusals).toHaveLength(1)
    expect(refusals[0]).toMatchObject({
      event: 'session.refused',
      clientAddress: '127.0.0.1',
      open: 2,
      limit: 2,
    })
  })

  it('serves another address while one is at its limit', async () => {
    // The two connections from 127.0.0.1 of the test above are still open.
    const other = await open(relay.port, '127.0.0.2')
    sockets.push(other.socket)
    expect(other.first).toMatch(/^220 /)
    other.socket.destroy()
  })

  it('admits the address again once one of its connections closes', async () => {
    for (const socket of sockets.splice(0)) socket.destroy()
    // Closing is seen by the server a moment later; a refused attempt meanwhile is retried.
    const deadline = Date.now() + 5000
    let result = await sendRaw(relay.port, ENVELOPE, RAW)
    while (result.code === 421 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      result = await sendRaw(relay.port, ENVELOPE, RAW)
    }
    expect(result.code).toBe(250)
  })
})
