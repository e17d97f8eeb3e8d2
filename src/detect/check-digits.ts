// Check-digit algorithms shared by several categories. Each takes the compact value (digits,
// or letters and digits where the scheme defines letter values) and says whether it checks.

/** Luhn mod 10 (ISO/IEC 7812-1): cards, CA SIN, SE personnummer, US NPI, IMEI. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0
  let double = false

  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false

    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }

    sum += d
    double = !double
  }

  return digits.length > 0 && sum % 10 === 0
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]

const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]

/** Verhoeff dihedral check (IN Aadhaar, NG NIN). */
export function isVerhoeffValid(digits: string): boolean {
  let c = 0

  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (d < 0 || d > 9) return false
    c = VERHOEFF_D[c]?.[VERHOEFF_P[i % 8]?.[d] ?? 0] ?? 0
  }

  return digits.length > 0 && c === 0
}

/** Sum of digit × weight over the first weights.length digits. */
export function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0

  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0)

  return sum
}

/** ICAO 9303 check digit (weights 7-3-1; A=10 … Z=35, '<' = 0): MRZ and DE documents. */
export function icaoCheckDigit(chars: string): number {
  const weights = [7, 3, 1]
  let sum = 0

  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i)
    const value = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0
    sum += value * (weights[i % 3] ?? 0)
  }

  return sum % 10
}

/** True when every digit of `digits` is the same (000000000, 1111…): never a real id. */
export function isRepeatedDigit(digits: string): boolean {
  return /^(\d)\1*$/.test(digits)
}

/** True for runs like 1234567890 or 9876543210: keyboard filler, not an id. */
export function isSequentialDigits(digits: string): boolean {
  return '01234567890123456789'.includes(digits) || '98765432109876543210'.includes(digits)
}
