// The outbox in IndexedDB (through `idb`): saved reports survive a closed tab, a restart and a dead battery.
import { type DBSchema, openDB } from 'idb'
import type { OutboxItem } from './outbox.ts'

export interface OutboxStore {
  all(): Promise<OutboxItem[]>
  get(key: string): Promise<OutboxItem | undefined>
  put(item: OutboxItem): Promise<void>
  delete(key: string): Promise<void>
}

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem }
}

const OUTBOX_DB = 'crosswatch-report'

export async function openOutboxStore(name = OUTBOX_DB): Promise<OutboxStore> {
  const db = await openDB<OutboxSchema>(name, 1, {
    upgrade(database) {
      database.createObjectStore('outbox', { keyPath: 'key' })
    },
    // Another tab opened a newer version of the page: let it upgrade.
    blocking() {
      db.close()
    },
  })
  return {
    all: () => db.getAll('outbox'),
    get: (key) => db.get('outbox', key),
    put: async (item) => {
      await db.put('outbox', item)
    },
    delete: (key) => db.delete('outbox', key),
  }
}

/** Asks the browser not to evict the outbox when the phone runs short of space; true when granted. */
export async function askPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false
    return (await navigator.storage.persisted()) || (await navigator.storage.persist())
  } catch {
    return false
  }
}
