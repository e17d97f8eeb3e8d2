// Raw held messages live in files beside the database, each fsync'd with its folder before the
// database row that points at it is committed: a crash leaves at worst an orphan file, never a
// row without its message.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

export class Spool {
  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true, mode: 0o700 })
  }

  /** Writes `raw` under `name` durably (temp file, fsync, rename, fsync of the folder). */
  write(name: string, raw: Buffer): void {
    const target = join(this.folder, name)
    const temporary = `${target}.tmp`

    const fd = openSync(temporary, 'w', 0o600)
    try {
      let offset = 0
      while (offset < raw.length) offset += writeSync(fd, raw, offset, raw.length - offset)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temporary, target)
    this.syncFolder()
  }

  read(name: string): Buffer {
    return readFileSync(join(this.folder, name))
  }

  /** Removes a purged message's file; one already gone is not an error (a purge re-run). */
  remove(name: string): void {
    rmSync(join(this.folder, name), { force: true })
    this.syncFolder()
  }

  private syncFolder(): void {
    const fd = openSync(this.folder, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }
}
