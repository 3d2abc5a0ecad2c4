// A coordinator reviews a field report in the browser, and the wall screen sees the change live: the
// reporter sends a report through the API, the coordinator finds it in the queue with its likely
// duplicate, verifies it and sets its severity; the audit trail shows who did what, and the viewer's feed
// shows the update without a reload. The coordinator of another agency does not see the report.
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CHROMIUM_FOUND, pageAs, SCREENSHOTS, warnIfNoChromium } from '../helpers/browser.ts'
import { useTestDatabase } from '../helpers/database.ts'
import { demoToken, useDemo } from '../helpers/demo.ts'
import { engines } from '../helpers/engines.ts'

warnIfNoChromium('the review browser test')
const engine = engines[engines.length - 1] ?? 'pglite'

const report = (description: string, coordinates: [number, number]) => ({
  type: 'stranded_group',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  location: { type: 'Point', coordinates },
  accuracyM: 25,
  counts: { dead: 0, missing: 0, injured: 3, survivors: 27, children: 5 },
  description,
})

describe.skipIf(!CHROMIUM_FOUND)(`reviewing a field report in Chromium (${engine})`, () => {
  const database = useTestDatabase(engine)
  const demo = useDemo(database)
  const errors: string[] = []

  it('verifies a report with its duplicate in view, and the wall screen hears of it live', async () => {
    const token = await demoToken(demo.server.url, 'reporter@crosswatch.example')
    const post = (body: unknown) =>
      fetch(new URL('api/reports', demo.server.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(body),
      })
    // Two reports of one group, 2 km apart: the later one is the one to review, the earlier its duplicate.
    const first = (await (
      await post(report('Group stranded at the well, first call', [7.99, 16.97]))
    ).json()) as {
      id: number
    }
    const second = (await (
      await post(report('Group stranded near Agadez, 30 people', [8.01, 16.96]))
    ).json()) as {
      id: number
    }

    const wall = await pageAs(demo.browser, demo.server.url, 'viewer@crosswatch.example', {
      errors,
      consoleErrors: true,
    })
    expect(await wall.getByTestId('review-toggle').count()).toBe(0) // a viewer does not review
    const other = await pageAs(demo.browser, demo.server.url, 'coordinator@coastguard.example', {
      errors,
      consoleErrors: true,
    })
    await other.getByTestId('review-toggle').click()
    await other.waitForSelector('[data-testid="review"] .side-panel__note')
    expect(await other.locator(`[data-report-id="${second.id}"]`).count()).toBe(0) // another agency's

    const desk = await pageAs(demo.browser, demo.server.url, 'coordinator@crosswatch.example', {
      errors,
      consoleErrors: true,
    })
    await desk.getByTestId('review-toggle').click()
    const item = desk.locator(`[data-report-id="${second.id}"]`)
    await item.waitFor({ timeout: 30_000 })
    expect(await item.textContent()).toContain('possible duplicate')
    await item.click()
    await desk.waitForSelector('[data-testid="report-review"][data-status="unverified"]')
    expect(await desk.locator('.review__duplicate').first().textContent()).toContain(`#${first.id}`)
    writeFileSync(`${SCREENSHOTS}/review-report.png`, await desk.screenshot())

    await desk.getByRole('button', { name: 'Verify', exact: true }).click()
    await desk.waitForSelector('[data-testid="report-review"][data-status="verified"]')
    await desk.getByLabel('Severity').selectOption('high')
    await expect
      .poll(() => desk.getByTestId('audit').textContent(), { timeout: 10_000 })
      .toContain('Severity changed')
    const audit = (await desk.getByTestId('audit').textContent()) ?? ''
    expect(audit).toContain('Reported')
    expect(audit).toContain('Verified')
    expect(audit).toContain('by Demo coordinator')
    expect(audit).toContain('severity: low → high')
    writeFileSync(`${SCREENSHOTS}/review-verified.png`, await desk.screenshot())

    // The wall screen's feed has the update, without a reload.
    await wall.waitForSelector('[data-event-type="incident.updated"]', { timeout: 10_000 })
    expect(errors).toEqual([])
  }, 300_000)
})
