// What `npm run user` prints: users, device tokens and an account's audit, as plain text tables.
import type { AuditEntry, DeviceToken, User } from '../../server/auth/schemas.ts'

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

export function usersTable(users: User[]): string {
  if (!users.length)
    return 'no users yet: add the first admin with  npm run user -- add --email … --role admin --agency …'
  return table(
    ['id', 'email', 'role', 'agency', 'name', 'status'],
    users.map((u) => [
      String(u.id),
      u.email,
      u.role,
      u.agency.name,
      u.name,
      u.disabled ? 'disabled' : 'active',
    ]),
  )
}

export function devicesTable(email: string, devices: DeviceToken[]): string {
  if (!devices.length) return `${email} has no device tokens`
  return table(
    ['id', 'label', 'created', 'last used', 'status'],
    devices.map((d) => [
      String(d.id),
      d.label,
      d.createdAt,
      d.lastUsedAt ?? 'never',
      d.revoked ? 'revoked' : 'live',
    ]),
  )
}

/** The order fields are shown in (jsonb keeps its own); any other field comes after them. */
const FIELD_ORDER = ['email', 'name', 'role', 'agency', 'device', 'label']

/** `role: reporter → coordinator`, `device: 3, label: Agadez phone`: the fields an entry names. */
function describeChange({ before, after }: AuditEntry): string {
  const shown = (value: unknown) =>
    value && typeof value === 'object' && 'name' in value
      ? String(value.name)
      : typeof value === 'string'
        ? value || '""'
        : JSON.stringify(value)
  const rank = (field: string) => {
    const at = FIELD_ORDER.indexOf(field)
    return at === -1 ? FIELD_ORDER.length : at
  }
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  return fields
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => {
      const was = before?.[field]
      const is = after?.[field]
      if (before && after) return `${field}: ${shown(was)} → ${shown(is)}`
      return `${field}: ${shown(after ? is : was)}`
    })
    .join(', ')
}

export function auditTable(email: string, entries: AuditEntry[]): string {
  if (!entries.length) return `${email} has no recorded changes`
  return table(
    ['at', 'action', 'by', 'change'],
    entries.map((e) => [e.at, e.action, e.actor?.email ?? 'operator', describeChange(e)]),
  )
}
