// Keccak-256 (the pre-standard SHA-3 padding Ethereum uses), for EIP-55 address checksums.
// node:crypto's sha3-256 uses the FIPS 202 padding and gives different digests. BigInt lanes
// are slow, but it only runs on mixed-case 0x addresses, a few per message at most.

const MASK = (1n << 64n) - 1n

const ROUND_CONSTANTS = [
  0x0000000000000001n,
  0x0000000000008082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x000000000000808bn,
  0x0000000080000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x000000000000008an,
  0x0000000000000088n,
  0x0000000080008009n,
  0x000000008000000an,
  0x000000008000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x000000000000800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x0000000080000001n,
  0x8000000080008008n,
]

const ROTATIONS = [
  0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
]

function rotl(x: bigint, n: number): bigint {
  if (n === 0) return x
  return ((x << BigInt(n)) | (x >> BigInt(64 - n))) & MASK
}

function lane(state: bigint[], i: number): bigint {
  return state[i] ?? 0n
}

function permute(state: bigint[]): void {
  for (const rc of ROUND_CONSTANTS) {
    const c = [0, 1, 2, 3, 4].map(
      (x) =>
        lane(state, x) ^
        lane(state, x + 5) ^
        lane(state, x + 10) ^
        lane(state, x + 15) ^
        lane(state, x + 20),
    )
    for (let x = 0; x < 5; x++) {
      const d = (c[(x + 4) % 5] ?? 0n) ^ rotl(c[(x + 1) % 5] ?? 0n, 1)
      for (let y = 0; y < 25; y += 5) state[x + y] = lane(state, x + y) ^ d
    }

    const b = new Array<bigint>(25).fill(0n)
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(lane(state, x + 5 * y), ROTATIONS[x + 5 * y] ?? 0)
      }
    }

    for (let i = 0; i < 25; i++) {
      const x = i % 5
      const row = i - x
      const next = b[row + ((x + 1) % 5)] ?? 0n
      const after = b[row + ((x + 2) % 5)] ?? 0n
      state[i] = (b[i] ?? 0n) ^ (~next & MASK & after)
    }

    state[0] = lane(state, 0) ^ rc
  }
}

/** Keccak-256 digest of an ASCII string, as lower-case hex. */
export function keccak256Hex(input: string): string {
  const rate = 136
  const bytes = Buffer.from(input, 'ascii')
  const padded = new Uint8Array(Math.ceil((bytes.length + 1) / rate) * rate)
  padded.set(bytes)
  padded[bytes.length] = (padded[bytes.length] ?? 0) ^ 0x01
  padded[padded.length - 1] = (padded[padded.length - 1] ?? 0) ^ 0x80

  const state = new Array<bigint>(25).fill(0n)
  for (let offset = 0; offset < padded.length; offset += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let v = 0n
      for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(padded[offset + i * 8 + k] ?? 0)
      state[i] = lane(state, i) ^ v
    }
    permute(state)
  }

  let hex = ''
  for (let i = 0; i < 4; i++) {
    let v = lane(state, i)
    for (let k = 0; k < 8; k++) {
      hex += Number(v & 0xffn)
        .toString(16)
        .padStart(2, '0')
      v >>= 8n
    }
  }
  return hex
}
