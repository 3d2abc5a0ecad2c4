// Natural Earth land, coastlines and borders at 1:50m, from the world-atlas TopoJSON, bundled with
// the app (its own chunk, ~230 kB gzipped) and turned into GeoJSON in the browser by topojson-client.
import type { Feature, MultiLineString, MultiPolygon, Polygon } from 'geojson'
import { feature, mesh } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

export interface BasemapGeometry {
  land: Feature<Polygon | MultiPolygon>
  coastlines: MultiLineString
  /** Lines shared by two countries only: coastlines are drawn apart. */
  borders: MultiLineString
}

type WorldAtlas = Topology<{ countries: GeometryCollection; land: GeometryCollection }>

export function basemapFromTopology(topology: WorldAtlas): BasemapGeometry {
  const land = feature(topology, topology.objects.land)
  const [first] = land.features
  const polygons = land.features.flatMap((f) =>
    f.geometry.type === 'Polygon'
      ? [f.geometry.coordinates]
      : f.geometry.type === 'MultiPolygon'
        ? f.geometry.coordinates
        : [],
  )
  return {
    land: {
      type: 'Feature',
      properties: first?.properties ?? {},
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    },
    coastlines: mesh(topology, topology.objects.land),
    borders: mesh(topology, topology.objects.countries, (a, b) => a !== b),
  }
}

export async function loadBasemap(): Promise<BasemapGeometry> {
  const { default: topology } = await import('world-atlas/countries-50m.json')
  return basemapFromTopology(topology as unknown as WorldAtlas)
}
