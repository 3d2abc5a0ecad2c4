// How long to wait before opening the live stream again after the browser gave up on it: 2 s, 4 s, 8 s…
// up to 30 s, so that a server that is down is not hammered and one that is back is found soon.

export const MAX_RECONNECT_MS = 30_000

export function reconnectDelay(failures: number): number {
  const n = Math.max(1, Math.floor(failures))
  return Math.min(MAX_RECONNECT_MS, 1000 * 2 ** Math.min(n, 5))
}
