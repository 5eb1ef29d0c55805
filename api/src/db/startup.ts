// Before the app serves: the migrations, and on PostgreSQL with MIGRATION_DATABASE_URL the runtime
// role's grants, all under one advisory lock so that any number of processes may start at once on
// one database. PGlite needs no lock: one process owns its data directory.
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { connectPostgres, type Database, type Db } from './client.js'

/** pg_advisory_lock key of the start (migrations and first-run data); 7307410001 is the audit chain's (migration 0004). */
export const START_LOCK_KEY = 7307410002

interface StartConfig {
  DATABASE_URL?: string
  MIGRATION_DATABASE_URL?: string
}

/**
 * Runs `fn` (migrate, first-run data) while holding the start lock: a session-level advisory lock on a
 * connection of its own, so it spans the migrations' transaction and the first admin's. The next
 * process waits, then finds the migrations applied and the admin there. A process that dies releases
 * the lock with its connection.
 */
export async function withStartLock<T>(
  config: StartConfig,
  database: Database,
  fn: () => Promise<T>,
  log: (message: string) => void = () => {},
): Promise<T> {
  if (database.kind !== 'postgres') return fn()
  const client = new pg.Client({ connectionString: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL })
  await client.connect()
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [START_LOCK_KEY])
    if (!rows[0]?.locked) {
      log('another process is starting on this database: waiting for it to finish the migrations')
      await client.query('select pg_advisory_lock($1)', [START_LOCK_KEY])
    }
    return await fn()
  } finally {
    // Ending the session releases its advisory locks.
    await client.end()
  }
}

/**
 * Applies the migrations. With MIGRATION_DATABASE_URL they run as that role (the tables' owner), which
 * then grants the runtime role (DATABASE_URL) exactly what the app needs; without it, as today, the
 * runtime role runs them itself.
 */
export async function migrateDatabase(config: StartConfig, database: Database): Promise<void> {
  if (!config.MIGRATION_DATABASE_URL) return database.migrate()
  if (database.kind !== 'postgres')
    throw new Error('MIGRATION_DATABASE_URL needs DATABASE_URL: the embedded database (PGlite) has no roles')
  const runtimeRole = await currentRole(database.db)
  const owner = connectPostgres(config.MIGRATION_DATABASE_URL)
  try {
    await owner.migrate()
    await grantRuntimeRole(owner.db, runtimeRole)
  } finally {
    await owner.close()
  }
}

async function currentRole(db: Db): Promise<string> {
  const result = (await db.execute(sql`select current_user::text as name`)) as unknown as { rows: { name: string }[] }
  return result.rows[0]!.name
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows
}

/**
 * As the owner: the runtime role gets USAGE on schema public; SELECT, INSERT, UPDATE, DELETE on every
 * table but the audit log; SELECT and INSERT on the audit log; USAGE and SELECT on the sequences (the
 * audit log's insert trigger draws ids with nextval, which runs as the inserting role). Nothing else:
 * what this owner granted it before is revoked first, and a role that owns any object here, can act
 * as the owner, or could still change the audit log is refused, so the start fails rather than run
 * with more than that. Runs at every start, so tables of later migrations are covered.
 */
export async function grantRuntimeRole(owner: Db, runtimeRole: string): Promise<void> {
  const role = quoteIdentifier(runtimeRole)
  await owner.transaction(async (tx) => {
    const [me] = await rows<{ owner: string; superuser: boolean; createrole: boolean; member: boolean }>(
      tx as unknown as Db,
      sql`select current_user::text as owner, r.rolsuper as superuser, r.rolcreaterole as createrole,
            pg_has_role(r.oid, current_user, 'MEMBER') as member
          from pg_roles r where r.rolname = ${runtimeRole}`,
    )
    if (!me) throw new Error(`the runtime role ${runtimeRole} does not exist`)
    if (me.owner === runtimeRole)
      throw new Error(
        `MIGRATION_DATABASE_URL and DATABASE_URL connect as the same role (${runtimeRole}); the runtime role must be another one`,
      )
    if (me.superuser || me.createrole || me.member)
      throw new Error(
        `the runtime role ${runtimeRole} ${me.superuser ? 'is a superuser' : me.createrole ? 'has CREATEROLE' : `is a member of ${me.owner}`}: it could change the audit log; give DATABASE_URL a plain LOGIN role`,
      )
    const owned = await rows<{ name: string }>(
      tx as unknown as Db,
      sql`select c.oid::regclass::text as name from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = ${runtimeRole}
          union all select n.nspname::text from pg_namespace n join pg_roles r on r.oid = n.nspowner where r.rolname = ${runtimeRole}
          union all select p.oid::regprocedure::text from pg_proc p join pg_roles r on r.oid = p.proowner where r.rolname = ${runtimeRole}
          limit 5`,
    )
    if (owned.length)
      throw new Error(
        `the runtime role ${runtimeRole} owns ${owned.map((o) => o.name).join(', ')}: an owner can disable the audit log's triggers. ` +
          `Hand its objects to the migration role first (as a superuser: REASSIGN OWNED BY ${runtimeRole} TO ${me.owner})`,
      )

    const run = (statement: string) => tx.execute(sql.raw(statement))
    await run(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`)
    await run(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`)
    await run(`REVOKE ALL ON SCHEMA drizzle FROM ${role}`)
    await run(`REVOKE ALL ON ALL TABLES IN SCHEMA drizzle FROM ${role}`)
    await run(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA drizzle FROM ${role}`)
    await run(`GRANT USAGE ON SCHEMA public TO ${role}`)
    await run(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`)
    await run(`REVOKE UPDATE, DELETE ON audit_log FROM ${role}`)
    await run(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`)

    // Grants by other roles, or to PUBLIC, are not this owner's to revoke: refuse to run with them.
    const [left] = await rows<{ audit: string | null; create: boolean }>(
      tx as unknown as Db,
      sql`select nullif(concat_ws(', ',
              case when has_table_privilege(${runtimeRole}, 'audit_log', 'UPDATE') then 'UPDATE' end,
              case when has_table_privilege(${runtimeRole}, 'audit_log', 'DELETE') then 'DELETE' end,
              case when has_table_privilege(${runtimeRole}, 'audit_log', 'TRUNCATE') then 'TRUNCATE' end,
              case when has_table_privilege(${runtimeRole}, 'audit_log', 'TRIGGER') then 'TRIGGER' end), '') as audit,
            has_schema_privilege(${runtimeRole}, 'public', 'CREATE') as create`,
    )
    if (left?.audit)
      throw new Error(
        `the runtime role ${runtimeRole} may still ${left.audit} on audit_log (granted by another role or to PUBLIC): revoke it`,
      )
    if (left?.create)
      throw new Error(
        `the runtime role ${runtimeRole} may create objects in schema public (PostgreSQL before 15 grants that to PUBLIC): REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      )
  })
}
