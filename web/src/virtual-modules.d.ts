// Types of the modules that Vite plugins of web/build/ generate.

declare module 'virtual:crosswatch/towns' {
  import type { Town } from './lib/towns.ts'

  const towns: readonly Town[]
  export default towns
}
