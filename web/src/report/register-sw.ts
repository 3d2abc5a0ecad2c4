// Registers the report page's service worker (web/src/report/sw/), which keeps the page's files so the
// page opens with no connection. Only in a build: the dev server has no precache list.
const SERVICE_WORKER_URL = '/report-sw.js'
const SERVICE_WORKER_SCOPE = '/report'

export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  navigator.serviceWorker
    .register(SERVICE_WORKER_URL, { scope: SERVICE_WORKER_SCOPE })
    .catch((error: unknown) => console.warn('the report page will not open offline:', error))
}
