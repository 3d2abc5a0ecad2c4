// The MapLibre style of the basemap, built in code from bundled geometry: no tiles, no glyphs, no
// sprite, so the map needs no server. Place names are drawn by deck.gl (see towns-layer.ts).
import type { StyleSpecification } from 'maplibre-gl'
import { basemapColors } from '../theme.ts'
import type { BasemapGeometry } from './natural-earth.ts'

export function buildBasemapStyle(geometry: BasemapGeometry, colors = basemapColors): StyleSpecification {
  return {
    version: 8,
    name: 'Crosswatch dark',
    sources: {
      land: { type: 'geojson', data: geometry.land },
      coastlines: {
        type: 'geojson',
        data: { type: 'Feature', properties: {}, geometry: geometry.coastlines },
      },
      borders: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: geometry.borders } },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': colors.sea } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': colors.land } },
      {
        id: 'coastline',
        type: 'line',
        source: 'coastlines',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': colors.coastline,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.6, 6, 1.2, 10, 2],
        },
      },
      {
        id: 'borders',
        type: 'line',
        source: 'borders',
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: {
          'line-color': colors.border,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.8, 6, 1.4, 10, 2.4],
        },
      },
    ],
  }
}
