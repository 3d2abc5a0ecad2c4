// The report page's state and actions: the session, the connection, the outbox (IndexedDB) and its sender,
// and the review of sent reports (GET /api/reports/:id on start, then live events).
import { useCallback, useEffect, useState } from 'react'
import type { LiveEvent } from '../lib/feed.ts'
import { signOut as endSession, fetchMe, fetchReport, postReport, type User } from './api.ts'
import { applyReview, type OutboxItem } from './outbox/outbox.ts'
import { Sender } from './outbox/sender.ts'
import { askPersistentStorage, type OutboxStore, openOutboxStore } from './outbox/store.ts'
import type { ReportBody } from './report-body.ts'

export type Session =
  | { state: 'checking' }
  | { state: 'signed-out'; expired: boolean }
  | { state: 'signed-in'; user: User }
  /** The server cannot be reached: reports are still saved, and sent later. */
  | { state: 'offline'; user: User | null }

export type Storage = { state: 'opening' } | { state: 'ready' } | { state: 'failed'; reason: string }

export interface ReportPage {
  session: Session
  /** The reporter of this page: the signed-in one, or the last one when the server cannot be reached. */
  user: User | null
  online: boolean
  storage: Storage
  /** Newest first. */
  items: OutboxItem[]
  signedIn: (user: User) => void
  signOut: () => Promise<void>
  /** Saves a report (replacing a refused one that was corrected) and starts sending it. */
  save: (body: ReportBody, replacing?: string) => Promise<void>
  sendNow: () => void
  discard: (key: string) => Promise<void>
  onLiveEvent: (event: LiveEvent) => void
}

/** Who signed in last on this phone, to greet them when the page opens offline. */
const USER_KEY = 'crosswatch.report.user'
/** Reviews are read again for this many of the latest sent reports. */
const REVIEWS_READ = 30

function rememberedUser(): User | null {
  try {
    const text = localStorage.getItem(USER_KEY)
    return text ? (JSON.parse(text) as User) : null
  } catch {
    return null
  }
}

function remember(user: User | null) {
  try {
    if (user) localStorage.setItem(USER_KEY, JSON.stringify(user))
    else localStorage.removeItem(USER_KEY)
  } catch {
    // not remembered: the page only greets with less
  }
}

const newestFirst = (items: OutboxItem[]) => [...items].sort((a, b) => b.savedAt.localeCompare(a.savedAt))

export function useReportPage(): ReportPage {
  const [session, setSession] = useState<Session>({ state: 'checking' })
  const [online, setOnline] = useState(() => navigator.onLine)
  const [storage, setStorage] = useState<Storage>({ state: 'opening' })
  const [items, setItems] = useState<OutboxItem[]>([])
  const [outbox, setOutbox] = useState<{ store: OutboxStore; sender: Sender } | null>(null)

  const checkSession = useCallback(async () => {
    const me = await fetchMe()
    if (me === 'offline') setSession({ state: 'offline', user: rememberedUser() })
    else if (me === null)
      setSession((s) => ({ state: 'signed-out', expired: s.state === 'signed-out' && s.expired }))
    else {
      remember(me)
      setSession({ state: 'signed-in', user: me })
    }
  }, [])

  // The outbox first: nothing can be saved before it is open.
  useEffect(() => {
    let live = true
    let opened: Sender | null = null
    openOutboxStore().then(
      async (store) => {
        if (!live) return
        const reload = async () => {
          const all = await store.all()
          if (live) setItems(newestFirst(all))
        }
        const sender = new Sender({
          store,
          post: postReport,
          onChange: () => void reload(),
          onSignInNeeded: () => setSession({ state: 'signed-out', expired: true }),
        })
        // Nothing goes until the session is known (see below).
        sender.paused = true
        opened = sender
        await reload()
        setOutbox({ store, sender })
        setStorage({ state: 'ready' })
        void askPersistentStorage()
      },
      (error: unknown) => live && setStorage({ state: 'failed', reason: String(error) }),
    )
    return () => {
      live = false
      opened?.stop()
    }
  }, [])

  useEffect(() => {
    void checkSession()
  }, [checkSession])

  useEffect(() => {
    const up = () => {
      setOnline(true)
      void checkSession()
      outbox?.sender.kick({ all: true })
    }
    const down = () => setOnline(false)
    window.addEventListener('online', up)
    window.addEventListener('offline', down)
    return () => {
      window.removeEventListener('online', up)
      window.removeEventListener('offline', down)
    }
  }, [checkSession, outbox])

  const refreshReviews = useCallback(
    async (only?: number) => {
      if (!outbox) return
      const sent = newestFirst(await outbox.store.all())
        .filter((i) => i.state === 'sent' && i.serverId !== undefined)
        .filter((i) => only === undefined || i.serverId === only)
        .slice(0, REVIEWS_READ)
      let changed = false
      for (const item of sent) {
        const report = await fetchReport(item.serverId as number)
        const next = applyReview(item, report)
        if (next !== item) {
          await outbox.store.put(next)
          changed = true
        }
      }
      if (changed) setItems(newestFirst(await outbox.store.all()))
    },
    [outbox],
  )

  /** The reporter of this page: the signed-in one, or the last one when the server cannot be reached. */
  const user = session.state === 'signed-in' || session.state === 'offline' ? session.user : null
  const userId = user?.id ?? null

  // Send when a session is there (or cannot be checked: offline); hold while signed out.
  useEffect(() => {
    if (!outbox) return
    outbox.sender.userId = userId
    if (session.state === 'signed-in') {
      void outbox.sender.resume()
      void refreshReviews()
    } else if (session.state === 'offline') {
      outbox.sender.paused = false
      void outbox.sender.kick({ all: true })
    } else {
      outbox.sender.paused = true
    }
  }, [outbox, session.state, userId, refreshReviews])

  const onLiveEvent = useCallback(
    (event: LiveEvent) => {
      if (!outbox || event.type !== 'incident.updated') return
      const id = event.payload.incidentId
      if (!Number.isSafeInteger(id)) return
      void (async () => {
        const item = (await outbox.store.all()).find((i) => i.serverId === id)
        if (!item) return
        // The event says what changed; the report itself says the rest (a reason, the duplicate's id).
        const next = applyReview(item, event.payload)
        if (next !== item) {
          await outbox.store.put(next)
          setItems(newestFirst(await outbox.store.all()))
        }
        await refreshReviews(id)
      })()
    },
    [outbox, refreshReviews],
  )

  const save = useCallback(
    async (body: ReportBody, replacing?: string) => {
      if (!outbox) throw new Error('the outbox is not open')
      await outbox.sender.save(body, user?.id == null ? undefined : { id: user.id, name: user.name })
      if (replacing) await outbox.store.delete(replacing)
      setItems(newestFirst(await outbox.store.all()))
    },
    [outbox, user],
  )

  const discard = useCallback(
    async (key: string) => {
      if (!outbox) return
      await outbox.store.delete(key)
      setItems(newestFirst(await outbox.store.all()))
    },
    [outbox],
  )

  const signedIn = useCallback((user: User) => {
    remember(user)
    setSession({ state: 'signed-in', user })
  }, [])

  const signOut = useCallback(async () => {
    await endSession()
    remember(null)
    setSession({ state: 'signed-out', expired: false })
  }, [])

  const sendNow = useCallback(() => void outbox?.sender.kick({ all: true }), [outbox])

  return { session, user, online, storage, items, signedIn, signOut, save, sendNow, discard, onLiveEvent }
}
