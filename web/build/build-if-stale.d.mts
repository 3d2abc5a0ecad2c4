export function webIsStale(): boolean
export function buildWebIfStale(options?: { log?: (line: string) => void }): boolean
