// Read a ZIP archive: every member is read as a blob of its own, one level deeper.
import { errorName } from './error-name.js'
import type { ExtractNode, ExtractSession } from './session.js'
import { walkZip } from './zip-entries.js'

/** Read each member of a ZIP; encrypted and over-limit members are reported one by one. */
export async function readZip(s: ExtractSession, node: ExtractNode): Promise<void> {
  try {
    for await (const entry of walkZip(s, node.id, node.bytes)) {
      const memberId = `${node.id}/${entry.path}`

      if (entry.kind === 'skipped') {
        s.flag(memberId, entry.outcome.status, entry.outcome.reason)
        continue
      }

      await s.readNested({
        id: memberId,
        bytes: entry.bytes,
        filename: baseName(entry.path),
        depth: node.depth + 1,
      })
    }
  } catch (error) {
    // The archive itself cannot be opened (no end of central directory, truncated): it is
    // reported unreadable; members already read keep their text.
    s.flag(node.id, 'unscannable', `zip: corrupt archive (${errorName(error)})`)
  }
}

/** Last segment of an archive path. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash === -1 ? path : path.slice(slash + 1)
}
