// Gives a test file its own database on an engine, opened before its tests and removed after them.
import { afterAll, beforeAll, inject } from 'vitest'
import type { Database, Engine } from '../../db/client.ts'
import { copyTemplate, type TestDatabaseHandle } from './engines.ts'

export function useTestDatabase(engine: Engine): { current: Database; handle: TestDatabaseHandle } {
  const box = {} as { current: Database; handle: TestDatabaseHandle }
  beforeAll(async () => {
    box.handle = await copyTemplate(engine, inject('pgliteTemplate'))
    box.current = await box.handle.open()
  })
  afterAll(async () => {
    await box.current?.close()
    await box.handle?.dispose()
  })
  return box
}
