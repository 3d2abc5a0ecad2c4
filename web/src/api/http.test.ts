import { describe, expect, it } from 'vitest'
import { problemOf } from './http.ts'

describe('problemOf: what an error answer tells a person', () => {
  it.each<[string, unknown, string]>([
    [
      'the detail',
      { title: 'Invalid request', detail: 'description: at most 5000 characters' },
      'description: at most 5000 characters',
    ],
    ['the title without a detail', { title: 'Forbidden', status: 403 }, 'Forbidden'],
    ['the status line for a body that is not a problem', '<html>Bad gateway</html>', 'Bad Gateway'],
    ['the status line for no body', null, 'Bad Gateway'],
  ])('reads %s', (_, body, message) => {
    expect(problemOf(body, 502, 'Bad Gateway').message).toBe(message)
  })

  it('falls back to the status without a status text', () => {
    expect(problemOf({ detail: '' }, 503).message).toBe('HTTP 503')
  })

  it('maps invalid-params to the fields they name, joining reasons and skipping what is not a reason', () => {
    const problem = problemOf(
      {
        title: 'Invalid request',
        'invalid-params': [
          { name: 'counts.dead', reason: 'expected a whole number, 0 or more' },
          { name: 'counts.dead', reason: 'at most 100000' },
          { name: 'If-Match', reason: 'the report is at version 2' },
          { name: 'photo' },
          'nonsense',
          null,
        ],
      },
      400,
    )
    expect(problem).toEqual({
      status: 400,
      message: 'Invalid request',
      fields: {
        'counts.dead': 'expected a whole number, 0 or more; at most 100000',
        'If-Match': 'the report is at version 2',
      },
    })
  })
})
