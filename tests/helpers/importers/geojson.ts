// GeoJSON for the geojson importer's tests: a valid feature of each layer, a collection of them, SAR zones.

export const source = { id: 'test-geojson', name: 'Test file', publisher: 'Tests', licence: 'CC0' }
export const SAR_ZONES = '../shared/data/geo/sar_zones.geojson'
export const point = (lon = 12.6, lat = 35.5) => ({ type: 'Point', coordinates: [lon, lat] })
const square = {
  type: 'Polygon',
  coordinates: [
    [
      [10, 10],
      [10.1, 10],
      [10.1, 10.1],
      [10, 10.1],
      [10, 10],
    ],
  ],
}
export const good = {
  posts: {
    geometry: point(),
    properties: {
      id: 'zz-test-post',
      name: 'Test post',
      kind: 'sea',
      country: 'IT',
      counterpart: 'LY',
      location_precision: 'town',
      source_ref: 'a test',
    },
  },
  resources: {
    geometry: point(),
    properties: { id: 'zz-test-shelter', name: 'Test shelter', kind: 'shelter', country: 'IT', capacity: 10 },
  },
  areas: { geometry: square, properties: { id: 'zz-test-area', name: 'Test area', country: 'ZZ' } },
  incidents: {
    geometry: point(),
    properties: {
      external_id: 'T-1',
      occurred_at: '2024-05-01',
      type: 'shipwreck',
      severity: 'high',
      dead: 2,
    },
  },
} as const
export type Layer = keyof typeof good
export const collection = (features: object[], extra: object = { 'crosswatch:source': source }) =>
  JSON.stringify({ type: 'FeatureCollection', ...extra, features }, null, 2)
export const feature = (layer: Layer, properties: object = {}, geometry?: object) => ({
  type: 'Feature',
  geometry: geometry ?? good[layer].geometry,
  properties: { layer, ...good[layer].properties, ...properties },
})
export const sar = (properties: object, geometry: object = square) => ({
  type: 'Feature',
  geometry,
  properties: { description: 'Test SRR', ...properties },
})
export const allLayers = () => (Object.keys(good) as Layer[]).map((layer) => feature(layer))
