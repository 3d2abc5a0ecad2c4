// The announcement that published data changed, for changes that make no live event (imports): every
// server process on the database listens, and its layer ETags change (layer-version.ts).
import { sql } from 'drizzle-orm'
import type { Tx } from '../../db/client.ts'

export const LAYERS_CHANNEL = 'crosswatch_layers'

/** Announces in `tx` that published data changed; the announcement goes out when `tx` commits. */
export async function announceLayerChange(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${LAYERS_CHANNEL}, '')`)
}
