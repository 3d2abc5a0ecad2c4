// The map's reads on a hot standby (DATABASE_READ_URL): they follow this process's data version, so a
// standby serves only what it has replayed up to the changes the layers' ETags count.
import type { Database } from '../db/client.ts'
import { PrimaryPosition, readsFromStandby } from '../db/replica.ts'
import type { DataVersion } from './http/layer-version.ts'
import { isDatabaseUnavailable } from './http/unavailable.ts'
import type { Logger } from './log.ts'

export function standbyReads(primary: Database, standby: Database, version: DataVersion, logger: Logger) {
  const position = new PrimaryPosition(primary)
  version.onBump(() => position.changed())
  return readsFromStandby(primary, standby, {
    requiredLsn: () => position.required(),
    isUnavailable: isDatabaseUnavailable,
    onState: (state, err) =>
      state === 'away'
        ? logger.warn({ err }, 'the standby cannot be reached: reads go to the primary for now')
        : logger.info('the standby serves reads again'),
  })
}
