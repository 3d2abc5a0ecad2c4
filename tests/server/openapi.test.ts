// GET /api/openapi.json is the whole contract: every route the app mounts is in it, each with an
// operationId, its security and its problem responses; and the document needs no database to build.
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { apiDocument } from '../../server/cli/openapi.ts'
import { EventHub } from '../../server/event-hub.ts'
import { useTestDatabase } from '../helpers/database.ts'

type Operation = {
  operationId?: string
  security?: unknown[]
  responses?: Record<string, { content?: Record<string, unknown> }>
  parameters?: { name: string }[]
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> }

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
/** Routes that are not the API's: the web app's pages and files, and the document itself. */
const NOT_OPERATIONS = ['/report', '/report/*', '/*', '*', '/api/openapi.json']

/** `/api/users/:id{[0-9]+}/` as the document writes it: `/api/users/{id}`. */
const documentPath = (path: string) =>
  path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}').replace(/(.)\/$/, '$1') || '/'

describe('GET /api/openapi.json', () => {
  const database = useTestDatabase('pglite')
  const load = async () => {
    const app = createApp({
      database: database.current,
      config: { webDir: 'no-web' },
      events: new EventHub(database.current),
    })
    const response = await app.request('/api/openapi.json')
    expect(response.status).toBe(200)
    return { app, document: (await response.json()) as Document }
  }
  const operations = (document: Document) =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    )

  it('documents every operation the app mounts, and none it does not', async () => {
    const { app, document } = await load()
    expect(document.openapi).toBe('3.1.0')
    const mounted = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && !NOT_OPERATIONS.includes(r.path))
        .map((r) => `${r.method} ${documentPath(r.path)}`),
    )
    const documented = new Set(operations(document).map((o) => o.key))
    expect([...mounted].filter((key) => !documented.has(key)).sort(), 'mounted, not documented').toEqual([])
    expect([...documented].filter((key) => !mounted.has(key)).sort(), 'documented, not mounted').toEqual([])
    expect(mounted.size).toBeGreaterThan(30)
  })

  const problem = (o: Operation, range: string) =>
    Object.entries(o.responses ?? {}).some(
      ([status, r]) => status.startsWith(range) && r.content?.['application/problem+json'] !== undefined,
    )
  it.each<[string, (o: Operation) => boolean]>([
    ['an operationId', (o) => typeof o.operationId === 'string'],
    // An explicit requirement, or [] for a public route: never left to the document's default.
    ['its security', (o) => Array.isArray(o.security)],
    ['a 4XX problem response', (o) => problem(o, '4')],
    ['a 5XX problem response', (o) => problem(o, '5')],
  ])('gives every operation %s', async (_, test) => {
    const { document } = await load()
    const lacking = operations(document).filter(({ operation }) => !test(operation))
    expect(lacking.map((o) => o.key)).toEqual([])
  })

  it('never gives two operations one operationId', async () => {
    const ids = operations((await load()).document).map((o) => o.operation.operationId)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  })

  it('describes every layer with the parameters its schema validates', async () => {
    const { document } = await load()
    const get = document.paths['/api/layers/border-posts']?.get
    expect(get?.parameters?.map((p) => p.name).sort()).toEqual(['bbox', 'format'])
    expect(Object.keys(get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '304', '400']))
  })

  it('names each live event as a component: what the stream sends', async () => {
    const { document } = await load()
    const schemas = (document as unknown as { components: { schemas: Record<string, unknown> } }).components
      .schemas
    for (const name of [
      'LiveEvent',
      'IncidentCreatedEvent',
      'IncidentUpdatedEvent',
      'CrossingsUpdatedEvent',
      'SurgeDetectedEvent',
    ])
      expect(schemas, name).toHaveProperty(name)
    const stream = document.paths['/api/stream']?.get
    expect(stream?.parameters?.map((p) => p.name).sort()).toEqual(['Last-Event-ID', 'lastEventId'])
  })

  it('is built the same with no database (npm run lint:api, the typed client)', async () => {
    const { document } = await load()
    expect(await apiDocument()).toEqual(document)
  })
})
