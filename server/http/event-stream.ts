// A text/event-stream body that messages are put on as they come: each write enqueues its bytes at once
// (hono's streamSSE awaits a TransformStream writer per message, which a thousand streams at 20 events a
// second could not keep up with), or, on Node, writes them to the socket's response itself (attach):
// a web stream costs a read promise per message per client. A client that stops reading is cut off once
// MAX_QUEUED bytes wait for it: it reconnects with Last-Event-ID and is replayed what it missed.

/** Bytes waiting for one client before its stream is ended. @default 1 MiB */
const MAX_QUEUED = 1 << 20

export const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
} as const

const encoder = new TextEncoder()

/**
 * One SSE message as bytes, its fields in the order hono's writeSSE writes them; `data` as JSON, which
 * has no line breaks, so one data line.
 */
export function sseMessage(message: { event: string; data: unknown; id?: number; retry?: number }) {
  const lines = [`event: ${message.event}`, `data: ${JSON.stringify(message.data)}`]
  if (message.id !== undefined) lines.push(`id: ${message.id}`)
  if (message.retry !== undefined) lines.push(`retry: ${message.retry}`)
  return encoder.encode(`${lines.join('\n')}\n\n`)
}

/** A comment line, which clients ignore. */
export const sseComment = (text: string) => encoder.encode(`: ${text}\n\n`)

/** Node's ServerResponse, as far as a stream attached to it uses it. */
export interface NodeSink {
  write(bytes: Uint8Array): boolean
  end(): void
  readonly writableLength: number
  once(event: 'close', listener: () => void): unknown
}

export class EventStreamBody {
  readonly readable: ReadableStream<Uint8Array>
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined
  private readonly closing = new Set<() => void>()
  private sink: NodeSink | undefined
  /** Written before attach(): the bytes wait for the sink. */
  private early: Uint8Array[] | undefined
  closed = false

  constructor(private readonly maxQueued = MAX_QUEUED) {
    this.readable = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller
        },
        cancel: () => this.close(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
    )
  }

  /** From now on the bytes go to `sink` (the readable is not read); those written before go first. */
  willAttach() {
    this.early ??= []
  }

  attach(sink: NodeSink) {
    if (this.closed) return sink.end()
    this.sink = sink
    sink.once('close', () => this.close())
    for (const bytes of this.early ?? []) sink.write(bytes)
    this.early = undefined
  }

  write(bytes: Uint8Array) {
    if (this.closed) return
    if (this.sink) {
      this.sink.write(bytes)
      if (this.sink.writableLength > this.maxQueued) this.close()
    } else if (this.early) {
      this.early.push(bytes)
    } else if (this.controller) {
      this.controller.enqueue(bytes)
      if ((this.controller.desiredSize ?? 0) < -this.maxQueued) this.close()
    }
  }

  /** Ends the stream (once); the callbacks given to onClose run. */
  close() {
    if (this.closed) return
    this.closed = true
    this.sink?.end()
    this.early = undefined
    try {
      this.controller?.close()
    } catch {
      // already cancelled by the client
    }
    for (const callback of this.closing) callback()
    this.closing.clear()
  }

  onClose(callback: () => void) {
    if (this.closed) callback()
    else this.closing.add(callback)
  }
}
