// Slows password guessing: after too many failed logins for one email, or from one address, in a window,
// further attempts are refused for the rest of it. In memory: a restart forgets, which only helps the user.
export interface ThrottleOptions {
  /** @default 10 */
  maxFailures?: number
  /** @default 15 minutes */
  windowMs?: number
  now?: () => number
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()
  private readonly max: number
  private readonly windowMs: number
  private readonly now: () => number

  constructor({ maxFailures = 10, windowMs = 15 * 60_000, now = Date.now }: ThrottleOptions = {}) {
    this.max = maxFailures
    this.windowMs = windowMs
    this.now = now
  }

  /** Seconds until `keys` may try again, or 0 when they may now. */
  retryAfter(keys: string[]): number {
    const now = this.now()
    let wait = 0
    for (const key of keys) {
      const recent = this.recent(key, now)
      if (recent.length >= this.max) wait = Math.max(wait, (recent[0] ?? now) + this.windowMs - now)
    }
    return Math.ceil(wait / 1000)
  }

  fail(keys: string[]): void {
    const now = this.now()
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now])
    if (this.failures.size > 10_000) this.prune(now)
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key)
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs)
  }

  private prune(now: number) {
    for (const [key, times] of this.failures)
      if (!times.some((t) => t > now - this.windowMs)) this.failures.delete(key)
  }
}
