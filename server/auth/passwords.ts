// Passwords as argon2id hashes (@node-rs/argon2, OWASP's minimum: 19 MiB, 2 passes) and their rules.
import { hash, verify } from '@node-rs/argon2'

const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 })
}

// Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
let dummy: Promise<string> | undefined

/** True when `password` matches `stored`; with no stored hash it still spends the same time, then fails. */
export async function checkPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('not a password of anyone')
    await verify(await dummy, password).catch(() => false)
    return false
  }
  return verify(stored, password).catch(() => false)
}

/** Why a new password is refused, or null when it is fine. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`
  if (password.length > MAX_PASSWORD_LENGTH) return `at most ${MAX_PASSWORD_LENGTH} characters`
  return null
}
