// Expected failures leave as RFC 9457 problem details (application/problem+json); one class throws them.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export interface InvalidParam {
  /** The query parameter, header or body field at fault, e.g. `bbox` or `counts.dead`. */
  name: string
  reason: string
}

export class Problem extends HTTPException {
  constructor(
    override readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail?: string,
    readonly invalidParams: InvalidParam[] = [],
  ) {
    super(status, { message: detail ?? title })
  }

  static invalid(params: InvalidParam[]): Problem {
    const detail = params.map((p) => `${p.name}: ${p.reason}`).join('; ')
    return new Problem(400, 'Invalid request', detail, params)
  }
}

/** `requestId`: on a 500, the id the error was logged under, for the caller to quote. */
export function problemResponse(
  c: Context,
  problem: Problem,
  { requestId }: { requestId?: string } = {},
): Response {
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    instance: new URL(c.req.url).pathname,
  }
  if (problem.detail) body.detail = problem.detail
  if (problem.invalidParams.length) body['invalid-params'] = problem.invalidParams
  if (requestId) body.requestId = requestId
  return c.body(JSON.stringify(body), problem.status, { 'content-type': 'application/problem+json' })
}
