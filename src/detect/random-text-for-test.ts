// Seeded random texts for the detection tests that compare a fast path with a plain one.

/** `count` texts of `length` characters drawn from `alphabet`, the same for the same seed. */
export function randomTexts(
  alphabet: string,
  seed: number,
  count: number,
  length: number,
): string[] {
  let state = seed
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  return Array.from({ length: count }, () =>
    Array.from({ length }, () => alphabet.charAt(Math.floor(random() * alphabet.length))).join(''),
  )
}
