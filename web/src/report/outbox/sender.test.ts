import { describe, expect, it } from 'vitest'
import type { ReportBody } from '../report-body.ts'
import type { Answer, OutboxItem } from './outbox.ts'
import { Sender } from './sender.ts'
import type { OutboxStore } from './store.ts'

const body: ReportBody = {
  type: 'stranded_group',
  occurredAt: '2026-11-30T09:15:00Z',
  location: { type: 'Point', coordinates: [5.9, 19.5] },
  accuracyM: null,
  counts: { dead: 0, missing: 0, injured: 2, survivors: 40, children: 5 },
  description: 'Group stranded in the desert',
}

/** An in-memory store that logs what happens, so the order of storing and posting can be checked. */
function memoryStore(log: string[]): OutboxStore & { items: Map<string, OutboxItem> } {
  const items = new Map<string, OutboxItem>()
  return {
    items,
    all: async () => [...items.values()],
    get: async (key) => items.get(key),
    put: async (item) => {
      log.push(`put ${item.key} ${item.state}`)
      items.set(item.key, structuredClone(item))
    },
    delete: async (key) => {
      items.delete(key)
    },
  }
}

/** A sender with a fake clock, fake timers and a server that answers from a script. */
function setup(answers: Answer[], onPost: (item: OutboxItem) => Promise<void> = async () => {}) {
  const log: string[] = []
  const store = memoryStore(log)
  const timers: { run: () => void; at: number }[] = []
  let clock = 1_000_000
  let keys = 0
  let signIn = 0
  const posted: string[] = []
  const sender = new Sender({
    store,
    post: async (item) => {
      log.push(`post ${item.key}`)
      posted.push(item.key)
      await onPost(item)
      const answer = answers.shift()
      if (!answer) throw new Error('no answer scripted')
      return answer
    },
    onChange: () => {},
    onSignInNeeded: () => {
      signIn++
    },
    newKey: () => `key-${++keys}`,
    now: () => clock,
    random: () => 0.5,
    lock: (work) => work(),
    setTimer: (run, ms) => {
      const timer = { run, at: clock + ms }
      timers.push(timer)
      return timer
    },
    clearTimer: (timer) => {
      timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1)
    },
  })
  /** Moves the clock to the next timer and runs it; false when none is set. */
  const tick = async () => {
    timers.sort((a, b) => a.at - b.at)
    const next = timers.shift()
    if (!next) return false
    clock = next.at
    next.run()
    await settle()
    return true
  }
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return {
    sender,
    store,
    log,
    posted,
    timers,
    tick,
    settle,
    signIns: () => signIn,
    now: () => clock,
  }
}

const created = (id: number): Answer => ({
  kind: 'http',
  status: 201,
  body: { id, verification: 'unverified' },
})
const offline: Answer = { kind: 'network', message: 'Failed to fetch' }

describe('Sender', () => {
  it('stores the report before it posts anything, then marks it sent with the server id', async () => {
    const t = setup([created(11)])
    const item = await t.sender.save(body)
    await t.settle()
    expect(t.log).toEqual([`put ${item.key} queued`, `post ${item.key}`, `put ${item.key} sent`])
    expect(t.store.items.get(item.key)).toMatchObject({ state: 'sent', serverId: 11, review: 'unverified' })
  })

  it('gives each report its own key and sends every attempt of one report with the same key', async () => {
    const t = setup([offline, offline, created(5), created(6)])
    const first = await t.sender.save(body)
    await t.settle()
    expect(t.store.items.get(first.key)).toMatchObject({
      state: 'queued',
      attempts: 1,
      error: 'Failed to fetch',
    })
    await t.tick() // 2 s later: still offline
    expect(t.store.items.get(first.key)).toMatchObject({ state: 'queued', attempts: 2 })
    expect(t.timers[0]?.at).toBe(t.now() + 4_000) // backing off
    const second = await t.sender.save({ ...body, description: 'another' })
    await t.settle()
    expect(t.posted).toEqual([first.key, first.key, second.key])
    await t.tick()
    expect(t.posted).toEqual([first.key, first.key, second.key, first.key])
    expect(first.key).not.toBe(second.key)
    expect([...t.store.items.values()].map((i) => [i.key, i.state, i.serverId])).toEqual([
      [first.key, 'sent', 6],
      [second.key, 'sent', 5],
    ])
  })

  it('leaves the other reports alone for as long as there is no connection', async () => {
    const t = setup([created(1), offline, created(2), created(3)])
    t.sender.paused = true
    await t.sender.save(body)
    await t.sender.save(body)
    await t.sender.save(body)
    t.sender.paused = false
    // First one goes, second finds no connection, the third is not tried until the retry.
    await t.sender.kick()
    await t.settle()
    expect(t.posted).toEqual(['key-1', 'key-2'])
    expect(t.timers.map((x) => x.at - t.now())).toEqual([2_000])
    await t.tick()
    expect(t.posted).toEqual(['key-1', 'key-2', 'key-2', 'key-3'])
    expect([...t.store.items.values()].every((i) => i.state === 'sent')).toBe(true)
  })

  it('sends at once when the connection comes back, without waiting for the backoff', async () => {
    const t = setup([offline, offline, offline, created(8)])
    const item = await t.sender.save(body)
    await t.settle()
    await t.tick()
    await t.tick()
    expect(t.store.items.get(item.key)?.attempts).toBe(3)
    expect(t.timers[0]?.at).toBe(t.now() + 8_000)
    await t.sender.kick({ all: true }) // the 'online' event
    expect(t.store.items.get(item.key)).toMatchObject({ state: 'sent', serverId: 8 })
  })

  it('does not post one report twice when kicked many times at once', async () => {
    const t = setup([created(1)])
    t.sender.paused = true
    await t.sender.save(body)
    t.sender.paused = false
    await Promise.all([t.sender.kick(), t.sender.kick({ all: true }), t.sender.kick(), t.sender.kick()])
    await t.settle()
    expect(t.posted).toEqual(['key-1'])
  })

  it('on 401 keeps the reports queued, stops, asks for a sign-in, and sends them after it', async () => {
    const unauthorized: Answer = { kind: 'http', status: 401, body: { detail: 'sign in first' } }
    const t = setup([unauthorized, created(3), created(4)])
    t.sender.paused = true
    await t.sender.save(body)
    await t.sender.save(body)
    t.sender.paused = false
    await t.sender.kick()
    await t.settle()
    expect(t.signIns()).toBe(1)
    expect(t.posted).toEqual(['key-1'])
    expect(t.store.items.get('key-1')).toMatchObject({ state: 'queued', needsSignIn: true, attempts: 0 })
    expect(t.timers).toEqual([]) // nothing is tried until the reporter signs in
    await t.sender.kick({ all: true })
    expect(t.posted).toEqual(['key-1'])
    await t.sender.resume()
    await t.settle()
    expect(t.posted).toEqual(['key-1', 'key-1', 'key-2'])
    expect(t.store.items.get('key-1')).toMatchObject({ state: 'sent', serverId: 3 })
    expect(t.store.items.get('key-1')).not.toHaveProperty('needsSignIn')
  })

  it('marks a refused report failed with the reasons, and goes on with the next', async () => {
    const refused: Answer = {
      kind: 'http',
      status: 400,
      body: {
        detail: 'description: at most 5000 characters',
        'invalid-params': [{ name: 'description', reason: 'at most 5000 characters' }],
      },
    }
    const t = setup([refused, created(2)])
    t.sender.paused = true
    await t.sender.save(body)
    await t.sender.save(body)
    t.sender.paused = false
    await t.sender.kick()
    await t.settle()
    expect(t.store.items.get('key-1')).toMatchObject({
      state: 'failed',
      error: 'description: at most 5000 characters',
      fieldErrors: { description: 'at most 5000 characters' },
    })
    expect(t.store.items.get('key-2')?.state).toBe('sent')
    expect(t.timers).toEqual([])
  })

  it("sends only the signed-in reporter's reports, and waits for no one else's", async () => {
    const t = setup([created(1), created(2)])
    t.sender.paused = true
    await t.sender.save(body, { id: 7, name: 'Amina' })
    await t.sender.save(body, { id: 8, name: 'Marco' })
    await t.sender.save(body) // author not known (the page opened offline, never signed in)
    t.sender.userId = 7
    t.sender.paused = false
    await t.sender.kick({ all: true })
    await t.settle()
    expect(t.posted).toEqual(['key-1', 'key-3'])
    expect(t.store.items.get('key-2')).toMatchObject({ state: 'queued', attempts: 0 })
    expect(t.timers, 'no timer spins for a report that is not ours to send').toEqual([])
  })

  it('skips a report another tab sent while this one was busy', async () => {
    const t = setup([created(1), created(2)], async (item) => {
      // While the first report is on its way, another tab sends the second.
      const other = await t.store.get('key-2')
      if (item.key === 'key-1' && other) await t.store.put({ ...other, state: 'sent', serverId: 2 })
    })
    t.sender.paused = true
    await t.sender.save(body)
    await t.sender.save(body)
    t.sender.paused = false
    await t.sender.kick()
    expect(t.posted).toEqual(['key-1'])
  })
})
