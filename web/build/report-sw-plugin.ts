// Vite plugin: builds the report page's service worker (web/src/report/sw/service-worker.ts) as /report-sw.js
// and writes into it the page's files: report.html, every chunk its entry loads (the lazy map and basemap
// too), their CSS and assets, and the public files the page names. The map page's bundle is not listed.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin, Rolldown } from 'vite'

export interface ReportWorkerOptions {
  /** Absolute path of web/report.html. */
  html: string
  /** Absolute path of the worker's source. */
  worker: string
  /** The public directory, and the files of it the page uses (paths under it, without a leading slash). */
  publicDir: string
  publicFiles: readonly string[]
}

const WORKER_FILE = 'report-sw.js'
const PLACEHOLDER = /(["'`])__CROSSWATCH_REPORT_PRECACHE__\1/

type Chunk = Rolldown.OutputChunk

/** The files a chunk needs, its own and those of the chunks it imports, statically or lazily. */
function chunkClosure(entry: Chunk, bundle: Rolldown.OutputBundle): Set<string> {
  const files = new Set<string>()
  const visit = (chunk: Chunk) => {
    if (files.has(chunk.fileName)) return
    files.add(chunk.fileName)
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css)
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset)
    for (const name of [...chunk.imports, ...chunk.dynamicImports]) {
      const next = bundle[name]
      if (next?.type === 'chunk') visit(next)
    }
  }
  visit(entry)
  return files
}

export function reportWorkerPlugin(options: ReportWorkerOptions): Plugin {
  return {
    name: 'crosswatch-report-sw',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: options.worker, fileName: WORKER_FILE })
    },
    generateBundle(_, bundle) {
      const entry = Object.values(bundle).find(
        (file): file is Chunk =>
          file.type === 'chunk' && file.isEntry && file.facadeModuleId === options.html,
      )
      const html = bundle['report.html']
      const worker = bundle[WORKER_FILE]
      if (!entry || html?.type !== 'asset')
        this.error('the report page (web/report.html) is not in the build')
      if (worker?.type !== 'chunk') this.error(`${WORKER_FILE} is not in the build`)
      // A classic service worker script cannot import: everything it uses must be inside it.
      if (worker.imports.length || worker.dynamicImports.length)
        this.error(`${WORKER_FILE} imports ${[...worker.imports, ...worker.dynamicImports].join(', ')}`)

      const files = [...chunkClosure(entry, bundle)].sort()
      const urls = ['/report.html', ...files.map((f) => `/${f}`), ...options.publicFiles.map((f) => `/${f}`)]
      // Chunk names carry their content's hash; the HTML and the public files do not, so their bytes count.
      const version = createHash('sha256')
        .update(urls.join('\n'))
        .update(html.source)
        .update(Buffer.concat(options.publicFiles.map((f) => readFileSync(join(options.publicDir, f)))))
        .digest('hex')
        .slice(0, 16)

      if (!PLACEHOLDER.test(worker.code)) this.error(`${WORKER_FILE} has no precache placeholder`)
      worker.code = worker.code.replace(PLACEHOLDER, JSON.stringify(JSON.stringify({ version, urls })))
    },
  }
}
