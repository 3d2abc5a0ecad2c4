// French. Its type is that of the English messages, so a missing or extra key fails the type check.
import type { Messages } from './messages.ts'

export const fr: Messages = {
  app: {
    name: 'Crosswatch',
    title: 'Crosswatch — route de la Méditerranée centrale',
    tagline:
      'Veille ouverte sur la route migratoire de la Méditerranée centrale, du Sahel à l’Italie et à Malte',
  },
  language: {
    label: 'Langue',
    names: { en: 'English', fr: 'Français' },
    short: { en: 'EN', fr: 'FR' },
  },
  map: {
    label: 'Carte de la route migratoire de la Méditerranée centrale',
    loading: 'Chargement de la carte…',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    resetView: 'Recentrer',
    failed: 'La carte n’a pas pu être dessinée\u202f: {{reason}}',
  },
  layers: {
    'border-posts': {
      name: 'Postes frontières',
      count_one: '{{count}} poste frontière',
      count_other: '{{count}} postes frontières',
      kinds: { land: 'Passage terrestre', sea: 'Port maritime', air: 'Aéroport' },
    },
  },
  status: {
    loading: '{{layer}}\u202f: chargement…',
    failed: '{{layer}}\u202f: indisponible',
    basemapStillShown: 'Le reste de la carte reste affiché.',
    retry: 'Réessayer',
    errors: {
      network: 'Le serveur est injoignable.',
      http: 'Le serveur a répondu par une erreur ({{status}}).',
      invalid: 'Le serveur a envoyé des données inattendues.',
    },
  },
  tooltip: {
    country: 'Pays',
    borderWith: 'Frontière avec',
    kind: 'Type',
    operator: 'Exploitant',
    location: 'Localisation',
    source: 'Source',
    precision: { site: 'Site exact', town: 'Approximative (ville)' },
  },
  legend: {
    title: 'Légende',
    towns: 'Villes',
    town: 'Ville',
    keyTown: 'Ville-étape ou capitale',
  },
  attribution: {
    label: 'Sources',
    credit: '{{label}}\u202f:',
    basemap: 'Fond de carte',
    towns: 'Villes',
  },
}
