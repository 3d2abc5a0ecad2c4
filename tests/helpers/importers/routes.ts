// A giocopp routes file for the routes importer's tests: Agadez as giocopp places it (0.3 km from
// fp-agadez), a new hub, and Istanbul, off the route; hubs and lines can be overridden.

export const file = (over: { hubs?: unknown[]; lines?: unknown[] } = {}) =>
  JSON.stringify(
    {
      ROUTE_COLORS: { 'Central Mediterranean': '#2B7CC9' },
      HUBS: over.hubs ?? [
        { name: 'Agadez', latlng: [16.974, 7.9883], dir: 'right' },
        { name: 'Testhub', latlng: [20.0, 10.0], dir: 'left' },
        { name: 'Istanbul', latlng: [41.0082, 28.9784], dir: 'right' },
      ],
      CITIES: [],
      ROUTE_LINES: over.lines ?? [
        {
          route: 'Central Mediterranean',
          major: true,
          coords: [
            [16.974, 7.9883],
            [18.5, 9],
            [20.0, 10.0],
          ],
        },
        {
          route: 'Eastern Mediterranean',
          major: false,
          coords: [
            [41.0082, 28.9784],
            [39.11, 26.555],
          ],
        },
      ],
    },
    null,
    2,
  )
