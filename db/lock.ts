// One process at a time may open an embedded database: two would corrupt it. A lock file beside the
// folder holds the owner's pid; a lock left by a process that died is taken over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'

export class LockedError extends Error {
  override name = 'LockedError'
}

export function lockFolder(dataDir: string): () => void {
  const path = `${dataDir.replace(/\/+$/, '')}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' })
      return () => rmSync(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSync(path, 'utf8'))
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new LockedError(`the embedded database in ${dataDir} is in use by process ${owner}`)
      }
      rmSync(path, { force: true })
    }
  }
  throw new LockedError(`cannot lock ${path}`)
}

/** Whether process `pid` runs: EPERM means it does, under another user. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
