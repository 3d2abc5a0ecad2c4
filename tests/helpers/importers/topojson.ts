// TopoJSON for the topojson importer's tests: two unit squares sharing an edge, as arcs; Testland has
// two shapes, like the United Kingdom.

export const topology = (geometries: unknown[], object = 'countries') =>
  JSON.stringify({
    type: 'Topology',
    arcs: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      [
        [5, 5],
        [6, 5],
        [6, 6],
        [5, 5],
      ],
      [
        [2, 0],
        [2, 2],
      ],
    ],
    objects: { [object]: { type: 'GeometryCollection', geometries } },
  })
export const shape = (arcs: unknown, properties: Record<string, unknown>) => ({
  type: 'Polygon',
  arcs,
  properties,
})
export const COUNTRIES = topology([
  shape([[0]], { english: 'Testland', iso2c: 'ZZ', iso3c: 'ZZZ', 'For.data.p': 'Testland' }),
  shape([[1]], { english: 'Testland', iso2c: 'ZZ', iso3c: 'ZZZ', 'For.data.p': 'Testland Isles' }),
  shape([[1]], { english: 'Kashmir, Test administered', iso2c: null, iso3c: null }),
])
