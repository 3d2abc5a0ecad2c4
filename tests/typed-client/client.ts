// A script's use of the API, typed only by what openapi-typescript generates from /api/openapi.json:
// sign in, file a report, read the incidents layer. tests/server/openapi-client.test.ts generates the
// types, type-checks this file against them (so a drift between the document and a client fails), then
// runs it against the app in process.
import createClient from 'openapi-fetch'
import type { paths } from './generated/openapi.d.ts'

type Api = ReturnType<typeof createClient<paths>>
type NewReport = NonNullable<paths['/api/reports']['post']['requestBody']>['content']['application/json']

export interface Signing {
  email: string
  password: string
  idempotencyKey: string
}

export async function signInFileAndRead(fetch: (request: Request) => Promise<Response>, who: Signing) {
  const api: Api = createClient<paths>({ baseUrl: 'http://crosswatch.test', fetch })
  const login = await api.POST('/api/auth/login', { body: { email: who.email, password: who.password } })
  if (!login.data) throw new Error(`sign-in refused: ${login.response.status}`)
  const { token, user } = login.data
  const headers = { authorization: `Bearer ${token}` }

  const report: NewReport = {
    type: 'stranded_group',
    occurredAt: '2026-11-29T10:00:00Z', // fixed: a retry with the same key must be the same request
    location: { type: 'Point', coordinates: [7.99, 16.97] },
    counts: { dead: 0, missing: 0, injured: 1, survivors: 12, children: 3 },
    description: 'Typed client: group stranded north of Agadez',
  }
  const filed = await api.POST('/api/reports', {
    params: { header: { 'Idempotency-Key': who.idempotencyKey } },
    body: report,
    headers,
  })
  if (!filed.data) throw new Error(`report refused: ${filed.response.status} ${JSON.stringify(filed.error)}`)
  const stored = filed.data

  const layer = await api.GET('/api/layers/incidents', { params: { query: {} }, headers, parseAs: 'json' })
  if (!layer.data || typeof layer.data === 'string') throw new Error(`layer: ${layer.response.status}`)
  const feature = layer.data.features.find((f) => f.properties.id === stored.id)
  return {
    role: user.role,
    reportId: stored.id,
    verification: stored.verification,
    layerType: layer.data.type,
    feature: feature && { id: feature.id, type: feature.properties.type, counts: feature.properties.counts },
  }
}

/** Never called: what the generated types must refuse, so the check above cannot pass on `any`. */
export function refused(api: Api) {
  // @ts-expect-error: no such route
  void api.GET('/api/nowhere')
  // @ts-expect-error: a report needs its Idempotency-Key
  void api.POST('/api/reports', { body: {} as NewReport })
  // @ts-expect-error: `colour` is no field of a report
  const wrong: NewReport = { ...({} as NewReport), colour: 'red' }
  return wrong
}
