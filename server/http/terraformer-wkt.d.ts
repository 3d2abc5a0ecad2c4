// Types for @terraformer/wkt, which ships none.
declare module '@terraformer/wkt' {
  import type { Geometry } from 'geojson'
  export function geojsonToWKT(geometry: Geometry): string
  export function wktToGeoJSON(wkt: string): Geometry
}
