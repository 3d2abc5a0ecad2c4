// One EventSource on /api/stream, with its state for the screen: connecting, live, or reconnecting.
// EventSource reconnects by itself after a dropped connection (the server asks for 2 s); when the
// browser gives up (a refused connection closes it), this opens a new one, backing off up to 30 s.
import { useEffect, useRef, useState } from 'react'
import { LIVE_EVENT_TYPES } from '../../../db/vocabulary.ts'
import type { SentEvent } from '../../../server/events.ts'
import { parseLiveEvent } from '../lib/feed.ts'
import { reconnectDelay } from '../lib/reconnect.ts'

export type StreamState = 'connecting' | 'live' | 'reconnecting'

const STREAM_URL = '/api/stream'

export function useEventStream(onEvent: (event: SentEvent) => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting')
  const handler = useRef(onEvent)
  handler.current = onEvent

  useEffect(() => {
    let source: EventSource | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let lastId: string | null = null
    let failures = 0
    let stopped = false

    const open = () => {
      const url = lastId ? `${STREAM_URL}?lastEventId=${encodeURIComponent(lastId)}` : STREAM_URL
      source = new EventSource(url)
      source.addEventListener('ready', () => {
        failures = 0
        setState('live')
      })
      for (const type of LIVE_EVENT_TYPES) {
        source.addEventListener(type, (message) => {
          const event = parseLiveEvent((message as MessageEvent<string>).data)
          if (!event) return
          lastId = (message as MessageEvent).lastEventId || String(event.id)
          handler.current(event)
        })
      }
      source.onerror = () => {
        if (stopped) return
        setState('reconnecting')
        if (source?.readyState === EventSource.CLOSED) {
          source = null
          failures++
          timer = setTimeout(open, reconnectDelay(failures))
        }
      }
    }
    open()
    return () => {
      stopped = true
      clearTimeout(timer)
      source?.close()
    }
  }, [])

  return state
}
