// The registry of map layers: each is mounted at /api/layers/<id>.
import type { Hono } from 'hono'
import type { Database } from '../../db/client.ts'
import { borderPostsRoutes } from './border-posts.ts'

export const layers: Record<string, (database: Database) => Hono> = {
  'border-posts': borderPostsRoutes,
}
