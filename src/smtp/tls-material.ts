// The STARTTLS certificate: the configured PEM pair, or a self-signed pair generated into the
// data folder on first start (owner-only permissions) and reused afterwards.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generate } from 'selfsigned'

export interface TlsMaterial {
  readonly key: Buffer
  readonly cert: Buffer
  readonly generated: boolean
}

/**
 * Loads `certFile`/`keyFile` when both are given; otherwise returns the generated pair in
 * `dataDir`, creating it for `hostname` when it does not exist yet.
 */
export async function loadTlsMaterial(options: {
  certFile: string | undefined
  keyFile: string | undefined
  dataDir: string
  hostname: string
}): Promise<TlsMaterial> {
  if (options.certFile !== undefined && options.keyFile !== undefined) {
    return {
      cert: readFileSync(options.certFile),
      key: readFileSync(options.keyFile),
      generated: false,
    }
  }

  const certPath = join(options.dataDir, 'tls-cert.pem')
  const keyPath = join(options.dataDir, 'tls-key.pem')
  if (existsSync(certPath) && existsSync(keyPath)) {
    return { cert: readFileSync(certPath), key: readFileSync(keyPath), generated: false }
  }

  // 825 days: the longest validity that browsers and most TLS stacks still accept for a leaf.
  const notAfterDate = new Date(Date.now() + 825 * 24 * 3600 * 1000)
  const pems = await generate([{ name: 'commonName', value: options.hostname }], {
    keySize: 2048,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 2, value: options.hostname }] },
    ],
  })
  writeFileSync(keyPath, pems.private, { mode: 0o600 })
  writeFileSync(certPath, pems.cert, { mode: 0o644 })
  return { cert: Buffer.from(pems.cert), key: Buffer.from(pems.private), generated: true }
}
