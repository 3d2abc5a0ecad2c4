// Bounding boxes as the API takes them: `minLon,minLat,maxLon,maxLat` in WGS 84 degrees.

export type Bbox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number]

/** Whether the box is finite, inside WGS 84 and not inverted (a box across the antimeridian is not). */
export function isValidBbox([minLon, minLat, maxLon, maxLat]: Bbox): boolean {
  const values = [minLon, minLat, maxLon, maxLat]
  if (!values.every(Number.isFinite)) return false
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) return false
  return minLon <= maxLon && minLat <= maxLat
}

/**
 * The `bbox` query value for a box, rounded to 5 decimals (about a metre) so that nearby views give
 * the same URL. Throws on a box the server would reject, to fail where the bug is.
 */
export function formatBbox(bbox: Bbox): string {
  if (!isValidBbox(bbox)) throw new RangeError(`invalid bbox: ${bbox.join(',')}`)
  return bbox.map((value) => String(Math.round(value * 1e5) / 1e5)).join(',')
}
