// Test support: the matched text of every finding of one category, for readable tables.
import type { Category } from './categories.js'
import { detectAll } from './detect-all.js'
import type { TextSource } from './types.js'

/** The original-text slices of `category`'s findings in `text`. */
export function spansFor(
  text: string,
  category: Category,
  origin: TextSource['origin'] = 'body-text',
): string[] {
  return detectAll([{ partId: '1', origin, text }])
    .filter((f) => f.category === category)
    .map((f) => text.slice(f.start, f.end))
}
