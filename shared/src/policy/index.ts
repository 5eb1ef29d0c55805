// The one access policy of the product, used by the API's guards and services and by the web app.
// Where a new rule goes: a role-level rule is a group in roles.ts; a per-record rule is a function
// in rules.ts; if the web app must know it, add it to the record's abilities in abilities.ts.
export * from './actor.js'
export * from './roles.js'
export * from './calendar.js'
export * from './rules.js'
export * from './abilities.js'
