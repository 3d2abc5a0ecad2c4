// English: the reference language. Every other language must have exactly these keys (see messages.ts).

export const en = {
  app: {
    name: 'Crosswatch',
    title: 'Crosswatch — central Mediterranean route',
    tagline:
      'Open situation awareness for the central Mediterranean migration route, from the Sahel to Italy and Malta',
  },
  language: {
    label: 'Language',
    // Each language is named in itself, in every language, so a reader can find their own.
    names: { en: 'English', fr: 'Français' },
    short: { en: 'EN', fr: 'FR' },
  },
  map: {
    label: 'Map of the central Mediterranean migration route',
    loading: 'Loading the map…',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetView: 'Reset view',
    failed: 'The map could not be drawn: {{reason}}',
  },
  layers: {
    'border-posts': {
      name: 'Border posts',
      count_one: '{{count}} border post',
      count_other: '{{count}} border posts',
      kinds: { land: 'Land crossing', sea: 'Seaport', air: 'Airport' },
    },
  },
  status: {
    loading: '{{layer}}: loading…',
    failed: '{{layer}}: not available',
    basemapStillShown: 'The rest of the map is still shown.',
    retry: 'Retry',
    errors: {
      network: 'The server could not be reached.',
      http: 'The server answered with an error ({{status}}).',
      invalid: 'The server sent data in an unexpected form.',
    },
  },
  tooltip: {
    country: 'Country',
    borderWith: 'Border with',
    kind: 'Type',
    operator: 'Operator',
    location: 'Location',
    source: 'Source',
    precision: { site: 'Exact site', town: 'Approximate (town)' },
  },
  legend: {
    title: 'Legend',
    towns: 'Towns',
    town: 'Town',
    keyTown: 'Route town or capital',
  },
  attribution: {
    label: 'Sources',
    credit: '{{label}}:',
    basemap: 'Basemap',
    towns: 'Towns',
  },
}
