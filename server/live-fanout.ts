// The stream's subscribers, served together: each event the hub delivers is read once for each class of
// callers who see it alike (stream.ts EventViews), and written to every subscriber in the hub's order by
// one queue for all, not one promise chain per subscriber (a thousand wall screens at 50 events a second
// were fifty thousand chains a second). A subscriber replaying what it missed has live events held for it.
import type { Caller } from '../db/scope.ts'
import type { EventHub } from './event-hub.ts'
import type { LiveEvent } from './events.ts'
import type { EventStreamBody } from './http/event-stream.ts'

export interface Message {
  id: number
  bytes: Uint8Array
}

/** What the fan-out needs of the views: who sees an event alike, and the event as they see it. */
export interface Views {
  keyOf(caller: Caller, event: LiveEvent): string
  /** The message for `caller`, retried while `wanted()`; null when it is not for them. */
  of(event: LiveEvent, caller: Caller, wanted: () => boolean): Promise<Message | null>
}

export interface Subscriber {
  body: EventStreamBody
  caller: Caller
  /** Events up to this id the client has (Last-Event-ID): never sent again. */
  after: number | undefined
  /** Live events held while the client is replayed what it missed; null once it is live. */
  held: LiveEvent[] | null
}

export class LiveFanout {
  private readonly subscribers = new Set<Subscriber>()
  private tail: Promise<void> = Promise.resolve()

  constructor(
    private readonly views: Views,
    hub: EventHub,
  ) {
    hub.onStop(hub.subscribe((event) => this.deliver(event)))
  }

  add(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber)
    return () => this.subscribers.delete(subscriber)
  }

  /**
   * Ends `subscriber`'s replay (`sent`: the ids it was replayed): the events held for it are written, in
   * order, before any later one.
   */
  live(subscriber: Subscriber, sent: Set<number>) {
    this.enqueue(async () => {
      const held = subscriber.held ?? []
      subscriber.held = null
      for (const event of held) {
        if (sent.has(event.id) || subscriber.body.closed) continue
        const message = await this.views.of(event, subscriber.caller, () => !subscriber.body.closed)
        if (message) subscriber.body.write(message.bytes)
      }
    }, [subscriber])
  }

  private deliver(event: LiveEvent) {
    // Read at once, one read for each class of callers; written in order by the queue.
    const groups = new Map<string, { view: Promise<Message | null>; members: Subscriber[] }>()
    for (const subscriber of this.subscribers) {
      // A late notification of an event the client had already (before Last-Event-ID) is not news.
      if (subscriber.after !== undefined && event.id <= subscriber.after) continue
      const key = this.views.keyOf(subscriber.caller, event)
      let group = groups.get(key)
      if (!group) {
        const members: Subscriber[] = []
        const wanted = () => members.some((m) => !m.body.closed)
        const view = this.views.of(event, subscriber.caller, wanted)
        view.catch(() => {})
        group = { view, members }
        groups.set(key, group)
      }
      group.members.push(subscriber)
    }
    if (!groups.size) return
    this.enqueue(async () => {
      for (const { view, members } of groups.values()) {
        let message: Message | null
        try {
          message = await view
        } catch {
          // Unreadable after its retries: those streams end, and their clients reconnect and replay.
          for (const member of members) member.body.close()
          continue
        }
        for (const member of members) {
          if (member.body.closed) continue
          if (member.held) member.held.push(event)
          else if (message) member.body.write(message.bytes)
        }
      }
    })
  }

  /** Runs `step` after every step before it; one that fails ends the streams it was for. */
  private enqueue(step: () => Promise<void>, for_: Subscriber[] = []) {
    this.tail = this.tail.then(step).catch(() => {
      for (const subscriber of for_) subscriber.body.close()
    })
  }
}
