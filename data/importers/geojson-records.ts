// A valid feature of each layer → the record for its table, keyed by the table's property names (a Point
// or a MultiPolygon, the source it is filed under, and for SAR zones a name and a rescue centre).
import type { MultiPolygon, Point } from 'geojson'
import type { Layer } from './geojson-layers.ts'

export const sarId = (p: Record<string, unknown>) => `sar-${String(p.country).toLowerCase()}`

/** The rescue centre a SAR zone's description names (MRCC ROMA), if it names one. */
function rescueCentre(p: Record<string, unknown>): string | null {
  if (typeof p.responsible_centre === 'string') return p.responsible_centre
  const d = p.description
  return typeof d === 'string' && /\b(MRCC|JRCC|MRSC|RCC)\b/.test(d) ? d : null
}

/** The record for the layer's table, keyed by the table's property names. */
export function toRecord(layer: Layer, p: Record<string, unknown>, geometry: unknown, sourceId: string) {
  const location = geometry as Point
  switch (layer) {
    case 'posts':
      return {
        id: p.id,
        name: p.name,
        kind: p.kind,
        country: p.country,
        counterpart: p.counterpart,
        location: { type: 'Point', coordinates: location.coordinates.slice(0, 2) },
        locationPrecision: p.location_precision,
        operator: p.operator,
        status: p.status ?? null,
        statusNote: p.status_note,
        registrationSystem: p.registration_system,
        sourceId,
        sourceRef: p.source_ref,
        sourceUrl: p.source_url,
        notes: p.notes,
      }
    case 'resources':
      return {
        id: p.id,
        name: p.name,
        kind: p.kind,
        country: p.country,
        location: { type: 'Point', coordinates: location.coordinates.slice(0, 2) },
        operator: p.operator,
        capacity: p.capacity ?? null,
        occupancy: p.occupancy ?? null,
        capacitySourceId: p.capacity_source_id,
        status: p.status ?? null,
        closedOn: p.closed_on ?? null,
        sourceId,
        sourceRef: p.source_ref,
        notes: p.notes,
      }
    case 'areas': {
      const g = geometry as { type: string; coordinates: unknown }
      const multi = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as MultiPolygon['coordinates']
      return {
        id: p.id,
        pcode: p.pcode,
        name: p.name,
        country: p.country,
        level: p.level,
        geometry: { type: 'MultiPolygon', coordinates: multi },
        sourceId,
      }
    }
    case 'incidents':
      return {
        externalId: p.external_id,
        location: { type: 'Point', coordinates: location.coordinates.slice(0, 2) },
        occurredAt: new Date(String(p.occurred_at)),
        occurredPrecision: p.occurred_precision,
        type: p.type,
        severity: p.severity,
        dead: p.dead,
        missing: p.missing,
        injured: p.injured,
        survivors: p.survivors,
        children: p.children,
        cause: p.cause,
        country: p.country ?? null,
        route: p.route,
        description: p.description,
        verification: p.verification,
        sourceId,
        sourceUrl: p.source_url,
      }
    case 'sar_regions': {
      const g = geometry as { type: string; coordinates: unknown }
      const multi = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as MultiPolygon['coordinates']
      const country = String(p.country)
      const said = [
        p.zone_label && `zone_label "${p.zone_label}"`,
        p.description && `description "${p.description}"`,
      ]
      return {
        id: p.id ?? sarId(p),
        name:
          p.name ?? `${new Intl.DisplayNames('en', { type: 'region' }).of(country)} search and rescue region`,
        country,
        responsibleCentre: rescueCentre(p),
        geometry: { type: 'MultiPolygon', coordinates: multi },
        sourceId,
        sourceRef: p.source_ref ?? (said.filter(Boolean).join(', ') || null),
      }
    }
  }
}
