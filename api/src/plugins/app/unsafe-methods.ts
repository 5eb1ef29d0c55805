// The HTTP methods that may change data: a session-cookie request with one needs the CSRF header
// (auth/access.ts), and answering one first drops this process's read caches (database.ts).
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
