// Reading a header of the outer message straight from the raw bytes, without a MIME parse.

/**
 * The unfolded value of a header of the outer message (RFC 5322 §2.2.3), read from the raw
 * header block without parsing the rest. Used for the tenant check before any inspection.
 */
export function readTopHeader(raw: Buffer, name: string): string | undefined {
  // Files given to `scan` may use bare LF line ends; the relay itself refuses those.
  const crlf = raw.indexOf('\r\n\r\n')
  const lf = raw.indexOf('\n\n')
  const end = crlf === -1 ? lf : lf === -1 ? crlf : Math.min(crlf, lf)
  const block = raw.subarray(0, end === -1 ? Math.min(raw.length, 1 << 20) : end).toString('latin1')
  const prefix = `${name.toLowerCase()}:`
  const lines = block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)
  const line = lines.find((candidate) => candidate.toLowerCase().startsWith(prefix))
  return line?.slice(prefix.length).trim()
}
