// The report page's service worker, served as /report-sw.js with the scope /report: it keeps the page's own
// files (listed when the app is built) so that the page opens with no connection. It never touches /api/*:
// reports wait in IndexedDB, and the page sends them itself. Built by web/build/report-sw-plugin.ts.
import { cacheName, type PrecacheManifest, routeOf, SHELL_URL, staleCaches } from './routes.ts'

// The parts of the service worker scope used here (the project's TypeScript lib is the DOM's, not the worker's).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  respondWith(response: Promise<Response>): void
}
interface WorkerScope {
  readonly location: Location
  readonly clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
}

const worker = self as unknown as WorkerScope

/** Replaced when the app is built by the list of the page's files; the build fails if it is not. */
const manifest = JSON.parse('__CROSSWATCH_REPORT_PRECACHE__') as PrecacheManifest
const cache = cacheName(manifest.version)
const precached = new Set(manifest.urls)

/** How long the page's HTML may take from the network before the cached copy is shown. @default 4 s */
const NAVIGATION_TIMEOUT_MS = 4_000

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const store = await caches.open(cache)
      // Past the HTTP cache: the files must be those of this build.
      await store.addAll(manifest.urls.map((url) => new Request(url, { cache: 'reload' })))
      // A report page must never wait for every tab to close to work offline with the new files.
      await worker.skipWaiting()
    })(),
  )
})

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of staleCaches(await caches.keys(), cache)) await caches.delete(name)
      await worker.clients.claim()
    })(),
  )
})

worker.addEventListener('fetch', (event) => {
  const route = routeOf(event.request, worker.location.origin, precached)
  if (route === 'network') return
  event.respondWith(route === 'shell' ? page(event.request) : file(event.request))
})

/** The page: the server's copy when it answers in time (it may be newer), else the cached one. */
async function page(request: Request): Promise<Response> {
  const fresh = fetch(request)
  try {
    const response = await Promise.race([
      fresh,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow')), NAVIGATION_TIMEOUT_MS)),
    ])
    if (response.ok) return response
  } catch {
    // offline or too slow: the cached copy below
  }
  fresh.catch(() => undefined)
  const cached = await caches.match(SHELL_URL, { cacheName: cache })
  return cached ?? fresh
}

/** A file of the page: named by its content hash, so the cached copy is the right one. */
async function file(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName: cache })) ?? fetch(request)
}
