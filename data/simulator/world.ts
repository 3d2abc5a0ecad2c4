// What the simulator knows of the route: the border posts of the server it feeds (GET
// /api/layers/border-posts), and the flow points and sea corridors of the seed files the server was
// seeded from (data/flow-points, data/corridors), so its counts and reports name real places.
import { readFile } from 'node:fs/promises'
import type { FeatureCollection, Point, Position } from 'geojson'
import type { Site } from '../modelled/crossings.ts'
import { FLOW_POINTS_CSV, parseFlowPoints } from '../seed/20-flow-points.ts'
import { CORRIDORS_JSON, drawCorridor, parseCorridors } from '../seed/30-corridors.ts'

/** A post or flow point with its place. */
export interface PlacedSite extends Site {
  lon: number
  lat: number
}

export interface SeaCorridor {
  id: string
  name: string
  line: Position[]
}

export interface World {
  sites: PlacedSite[]
  seaCorridors: SeaCorridor[]
}

type PostFeatures = FeatureCollection<Point, { id: string; name: string; kind: string; countries: string[] }>

/** The world from the posts the server answers and the seed files; throws with a line a person can act on. */
export async function loadWorld(baseUrl: string, fetcher: typeof fetch = fetch): Promise<World> {
  const url = new URL('api/layers/border-posts', baseUrl)
  let posts: PostFeatures
  try {
    const response = await fetcher(url)
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`)
    posts = (await response.json()) as PostFeatures
  } catch (error) {
    throw new Error(
      `cannot read the border posts at ${url}: ${error instanceof Error ? error.message : error}`,
    )
  }
  const postSites: PlacedSite[] = posts.features.map((f) => ({
    id: f.properties.id,
    name: f.properties.name,
    country: f.properties.countries[0] ?? '',
    kind: f.properties.kind,
    type: 'post',
    lon: f.geometry.coordinates[0] as number,
    lat: f.geometry.coordinates[1] as number,
  }))
  const { rows } = parseFlowPoints(await readFile(FLOW_POINTS_CSV, 'utf8'))
  const flowSites: PlacedSite[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    country: r.country,
    kind: r.kind,
    type: 'flow_point',
    lon: r.lon,
    lat: r.lat,
  }))
  const byId = (sites: PlacedSite[]) => new Map(sites.map((s) => [s.id, s]))
  const postMap = byId(postSites)
  const flowMap = byId(flowSites)
  const seaCorridors: SeaCorridor[] = []
  for (const c of parseCorridors(await readFile(CORRIDORS_JSON, 'utf8')).corridors) {
    if (c.mode !== 'sea') continue
    try {
      seaCorridors.push({
        id: c.id,
        name: c.name,
        line: drawCorridor(c.stages, postMap, flowMap, c.id).geometry.coordinates,
      })
    } catch {
      // A corridor through a post this server does not hold: leave it out.
    }
  }
  if (!postSites.length) throw new Error(`the server at ${baseUrl} holds no border posts: is it seeded?`)
  return { sites: [...postSites, ...flowSites], seaCorridors }
}
