// `npm run db:image`, and at every npm install: prepares the embedded database's image (db/image.ts) when
// none matches the migrations. Never fails the install: without an image, a first start migrates instead.
import { prepareImage } from '../image.ts'

try {
  const started = performance.now()
  const path = await prepareImage(console.log)
  console.log(
    `[crosswatch] embedded database image: ${path} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  )
} catch (error) {
  console.warn(
    `[crosswatch] no prepared embedded database (${String(error)}): a first start will migrate instead`,
  )
}
