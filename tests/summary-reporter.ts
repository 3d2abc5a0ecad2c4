// Prints one plain closing line, "tests: N passed, N failed, N skipped", that CI logs can be read by,
// after one such line per tier (unit, db, e2e) when the run covered more than one.
import type { Reporter, TestModule } from 'vitest/node'

type Count = { passed: number; failed: number; skipped: number }

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const total: Count = { passed: 0, failed: 0, skipped: 0 }
    const byProject = new Map<string, Count>()
    for (const module of modules) {
      const name = module.project.name || 'tests'
      const count = byProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 }
      byProject.set(name, count)
      for (const test of module.children.allTests()) {
        const state = test.result().state
        const key = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped'
        count[key]++
        total[key]++
      }
    }
    const line = (label: string, c: Count) =>
      `${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`
    const lines = byProject.size > 1 ? [...byProject].map(([name, c]) => `  ${line(name, c)}`) : []
    console.log(`\n${[...lines, line('tests', total)].join('\n')}`)
  }
}
