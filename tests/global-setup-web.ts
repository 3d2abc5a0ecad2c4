// The e2e tier's setup: builds the web app when it is stale, for the server the browser tests start.
import { buildWebIfStale } from '../web/build/build-if-stale.mjs'

export default function setup() {
  // A helper running tests beside a browser run that builds sets this, so two builds never race.
  if (!process.env.CROSSWATCH_SKIP_WEB_BUILD) buildWebIfStale()
}
