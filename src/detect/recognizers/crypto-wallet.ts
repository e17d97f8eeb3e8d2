// CRYPTO_WALLET: Bitcoin addresses (Base58Check P2PKH/P2SH, Bech32/Bech32m SegWit) and
// Ethereum addresses (EIP-55 checksum when written in mixed case).
import { createHash } from 'node:crypto'

import { definePattern } from '../define-pattern.js'
import { keccak256Hex } from '../keccak.js'

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'

const WALLET =
  /(?<![A-Za-z0-9])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{8,87}|BC1[02-9AC-HJ-NP-Z]{8,87}|0x[0-9a-fA-F]{40})(?![A-Za-z0-9])/g

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest()
}

/** Base58Check (Bitcoin): 25 bytes, version 0x00 or 0x05, double-SHA-256 checksum. */
export function isBase58CheckAddress(address: string): boolean {
  let n = 0n
  for (const ch of address) {
    const v = BASE58.indexOf(ch)
    if (v === -1) return false
    n = n * 58n + BigInt(v)
  }

  const bytes = new Uint8Array(25)
  for (let i = 24; i >= 0; i--) {
    bytes[i] = Number(n & 0xffn)
    n >>= 8n
  }
  if (n !== 0n || (bytes[0] !== 0x00 && bytes[0] !== 0x05)) return false

  const check = sha256(sha256(bytes.subarray(0, 21)))
  return check.subarray(0, 4).equals(Buffer.from(bytes.subarray(21)))
}

function polymod(values: readonly number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
  let chk = 1

  for (const v of values) {
    const top = chk >>> 25
    chk = ((chk & 0x1ffffff) << 5) ^ v
    for (let i = 0; i < 5; i++) if (((top >>> i) & 1) === 1) chk ^= gen[i] ?? 0
  }

  return chk >>> 0
}

/** BIP-173/BIP-350: "bc" human part, Bech32 for v0 and Bech32m for v1+ witness programs. */
export function isBech32Address(address: string): boolean {
  const lower = address.toLowerCase()
  const data = [...lower.slice(3)].map((c) => BECH32.indexOf(c))
  if (data.some((v) => v === -1) || data.length < 7) return false

  const expanded = [3, 3, 0, 2, 3, ...data]
  const check = polymod(expanded)
  const version = data[0] ?? -1
  return (version === 0 && check === 1) || (version > 0 && version <= 16 && check === 0x2bc830a3)
}

/** EIP-55: a mixed-case address must match the case pattern of its Keccak-256 hash. */
export function isEip55Valid(address: string): boolean {
  const hex = address.slice(2)
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true

  const hash = keccak256Hex(hex.toLowerCase())
  for (let i = 0; i < 40; i++) {
    const ch = hex.charAt(i)
    if (!/[a-f]/i.test(ch)) continue
    const shouldBeUpper = parseInt(hash.charAt(i), 16) >= 8
    if ((ch === ch.toUpperCase()) !== shouldBeUpper) return false
  }

  return true
}

export const cryptoWallet = definePattern({
  name: 'crypto-wallet',
  category: 'CRYPTO_WALLET',
  pattern: WALLET,
  scope: 'digits',
  evidence: 'checksum',
  validate(match) {
    const address = match[0]

    if (address.startsWith('0x')) {
      const hex = address.slice(2)
      if (/^0+$/.test(hex) || !isEip55Valid(address)) return undefined
      // Lower-case 0x+40 hex carries no checksum: could be any hash printed with 0x.
      const isChecksummed = hex !== hex.toLowerCase() && hex !== hex.toUpperCase()
      return {
        confidence: isChecksummed ? 0.9 : 0.6,
        value: address.toLowerCase(),
        evidence: isChecksummed ? 'checksum' : 'structure',
      }
    }

    if (/^bc1/i.test(address)) {
      return isBech32Address(address)
        ? { confidence: 0.95, value: address.toLowerCase() }
        : undefined
    }

    return isBase58CheckAddress(address) ? { confidence: 0.95, value: address } : undefined
  },
})
