// Stand-in for @sinclair/typebox in the browser bundle (aliased in vite.config.ts). @apt/shared
// builds its API schemas with TypeBox at module level; the web app imports only shared's enums,
// labels, error codes and chart option, and takes the schemas' types (erased at build time). This
// keeps the schema machinery (about 10 KB gzipped) out of the first load. Every builder returns a plain
// object, so shared's modules evaluate exactly as before, minus the schemas nobody uses here.
const builder = (): Record<string, never> => ({})

export const Type: Record<string, (...args: unknown[]) => Record<string, never>> = new Proxy({}, { get: () => builder })
