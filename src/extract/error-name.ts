// The part of a thrown error that is safe to put in a reason: its class name, never its
// message (library messages can quote the content they choked on).

/** "PasswordException", "RangeError", ... or "non-error thrown". */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'non-error thrown'
}
