// Reads server-sent events from a response body in process, one at a time (GET /api/stream in tests).

export interface Sse {
  id?: string
  event?: string
  data?: string
}

export function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  return {
    /** The next event, skipping those with an id at or below `floor` (late news of earlier tests). */
    async next(timeoutMs = 5000, floor = 0): Promise<Sse> {
      for (;;) {
        const event = await this.any(timeoutMs)
        if (!(event.id && Number(event.id) <= floor)) return event
      }
    },
    async any(timeoutMs: number): Promise<Sse> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const end = text.indexOf('\n\n')
        if (end >= 0) {
          const block = text.slice(0, end)
          text = text.slice(end + 2)
          if (block.startsWith(':')) continue // keep-alive
          const event: Record<string, string> = {}
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':')
            event[line.slice(0, colon)] = line.slice(colon + 1).trimStart()
          }
          return event
        }
        const left = deadline - Date.now()
        if (left <= 0) throw new Error('no event in time')
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event in time')), left)),
        ])
        if (chunk.done) throw new Error('stream ended')
        text += decoder.decode(chunk.value, { stream: true })
      }
    },
    cancel: () => reader.cancel(),
  }
}
