// One page of a layer read through a database cursor, the same SQL on both engines: DECLARE … SCROLL
// CURSOR in a transaction as the caller, a look at the rows just past the page (is there a next page,
// and where does it start), then FETCH in batches. The rows are fetched as fast as the database gives
// them, not as fast as the client reads, so a slow client never holds a connection (PGlite has only
// one): what waits for it is at most one page, which the cap bounds.
import { type SQL, sql } from 'drizzle-orm'
import type { Database } from '../../db/client.ts'
import { txRows } from '../../db/rows.ts'

/** Rows a FETCH asks for. @default 1,000 */
const BATCH = 1000

export interface Page<R> {
  /** Whether rows follow this page. */
  more: boolean
  /** The page's last row, when `more`: where the next page starts. */
  last: R | undefined
  /** The page's rows, in order, a batch at a time; read once. */
  batches: AsyncIterable<R[]>
}

/**
 * Opens the page of `query`'s first `limit` rows. `query` must be ordered and end in `LIMIT limit + 1`,
 * so that the look past the page costs one row. Resolves once the database has answered (an error in the
 * query rejects here, before anything is sent); an error after that ends `batches` with it.
 */
export function openPage<R extends Record<string, unknown>>(
  database: Pick<Database, 'db'>,
  query: SQL,
  limit: number,
): Promise<Page<R>> {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit ${limit}`)
  const queue = new Queue<R[]>()
  return new Promise((resolve, reject) => {
    let opened = false
    database.db
      .transaction(async (tx) => {
        const fetch = (what: string) => txRows<R>(tx, sql`FETCH ${sql.raw(what)} FROM layer_page`)
        await tx.execute(sql`DECLARE layer_page SCROLL CURSOR FOR ${query}`)
        const [past] = await fetch(`ABSOLUTE ${limit + 1}`)
        const [last] = past ? await fetch(`ABSOLUTE ${limit}`) : [undefined]
        await tx.execute(sql`MOVE ABSOLUTE 0 FROM layer_page`)
        opened = true
        resolve({ more: past !== undefined, last, batches: queue })
        for (let left = limit; left > 0; ) {
          const rows = await fetch(`FORWARD ${Math.min(BATCH, left)}`)
          if (rows.length) queue.push(rows)
          if (rows.length < Math.min(BATCH, left)) break
          left -= rows.length
        }
        await tx.execute(sql`CLOSE layer_page`)
      })
      .then(
        () => queue.end(),
        (error: unknown) => (opened ? queue.fail(error) : reject(error)),
      )
  })
}

/** A queue read once as an async iterable: items pushed before the reader comes wait for it. */
class Queue<T> implements AsyncIterable<T> {
  private readonly items: T[] = []
  private ended = false
  private error: { cause: unknown } | null = null
  private wake: (() => void) | null = null

  push(item: T) {
    this.items.push(item)
    this.notify()
  }

  end() {
    this.ended = true
    this.notify()
  }

  fail(cause: unknown) {
    this.error = { cause }
    this.notify()
  }

  private notify() {
    this.wake?.()
    this.wake = null
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.items.shift()
      if (item !== undefined) yield item
      else if (this.error) throw this.error.cause
      else if (this.ended) return
      else await new Promise<void>((wake) => (this.wake = wake))
    }
  }
}
