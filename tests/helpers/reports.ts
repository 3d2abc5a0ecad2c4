// A field report as a phone sends it to POST /api/reports, and the fields an answer gives back of it.
export const report = {
  type: 'shipwreck',
  occurredAt: '2026-11-29T22:40:00+01:00',
  location: { type: 'Point', coordinates: [12.61, 35.5] },
  accuracyM: 50,
  counts: { dead: 3, missing: 12, injured: 0, survivors: 41, children: 2 },
  description: 'Rubber boat capsized south of Lampedusa',
}

/** `report` as the API answers it once filed: the time in UTC, the severity its counts give, unverified. */
export const filed = {
  type: 'shipwreck',
  occurredAt: '2026-11-29T21:40:00.000Z',
  location: { type: 'Point', coordinates: [12.61, 35.5] },
  accuracyM: 50,
  counts: report.counts,
  description: report.description,
  severity: 'high',
  verification: 'unverified',
}
