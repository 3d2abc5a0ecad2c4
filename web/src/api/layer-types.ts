// The features of each layer as the server sends them: types inferred from the server's own response
// schemas (server/layers/*.ts). Type-only re-exports, so no server code reaches the bundle.
export type { CountKey } from '../../../db/vocabulary.ts'
export type {
  BorderPostFeature,
  BorderPostFeatureCollection,
  BorderPostProperties,
} from '../../../server/layers/border-posts.ts'
export type {
  CorridorFeature,
  CorridorFeatureCollection,
  CorridorProperties,
} from '../../../server/layers/corridors.ts'
export type { CrossingFeatureCollection, CrossingProperties } from '../../../server/layers/crossings.ts'
export type { Dataset } from '../../../server/layers/dataset.ts'
export type {
  DisplacementFeature,
  DisplacementFeatureCollection,
  DisplacementProperties,
} from '../../../server/layers/displacement.ts'
export type { FlowFeature, FlowFeatureCollection } from '../../../server/layers/flows.ts'
export type { HotspotFeature, HotspotFeatureCollection } from '../../../server/layers/hotspots.ts'
export type {
  IncidentFeature,
  IncidentFeatureCollection,
  IncidentProperties,
} from '../../../server/layers/incidents.ts'
export type {
  SurgeFeature,
  SurgeFeatureCollection,
  SurgeProperties,
} from '../../../server/layers/surge-schema.ts'
export type { CrossingsSeries, IncidentsSeries } from '../../../server/series/queries.ts'
