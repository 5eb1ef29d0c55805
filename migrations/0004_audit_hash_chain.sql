-- The audit log as a hash chain (same SQL on PostgreSQL and PGlite). Each row's `hash` is
-- sha256 over its content and `prev_hash`, the previous row's `hash` ('' for the first row), so a
-- changed, inserted or deleted row breaks the chain from there on: GET /api/audit/verify finds it.
-- The database computes both on insert; the application never sends them.

-- A row's content as text, the same on every server and session: every column in a fixed order,
-- each as a quoted SQL literal (quote_nullable doubles quotes and backslashes, so a value can never
-- run into the next) or the bare word NULL (so NULL and '' differ); the time in UTC with
-- microseconds (not timestamptz::text, which follows the session's DateStyle and TimeZone); jsonb
-- in its canonical text form. A row type parameter, so the trigger passes NEW and a query its row.
CREATE FUNCTION audit_log_content(r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws(',',
    'audit_log v1',
    quote_nullable(r.id::text),
    quote_nullable(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
    quote_nullable(r.actor_id::text),
    quote_nullable(r.actor_label),
    quote_nullable(r.action),
    quote_nullable(r.entity_type),
    quote_nullable(r.entity_id),
    quote_nullable(r.plan_id::text),
    quote_nullable(r.before::text),
    quote_nullable(r.after::text),
    quote_nullable(r.reason),
    quote_nullable(r.request_id),
    quote_nullable(r.ip),
    quote_nullable(r.prev_hash))
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_hash(r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(audit_log_content(r), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Before each insert: one writer at a time (a transaction-level advisory lock, held until commit),
-- then the row is linked to the latest committed row. The identity value was drawn before this
-- trigger ran, i.e. before the lock, so a concurrent insert may already have committed a larger id:
-- then the row gets a fresh one, larger than every id in the chain, and the chain's order is the
-- ids' order. Runs as the inserting role (SECURITY INVOKER), which needs USAGE on the sequence.
-- Only READ COMMITTED sees the latest row after the lock; a snapshot from before it would fork the
-- chain, so other isolation levels are refused.
CREATE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
  last_hash text;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_log rows are written under READ COMMITTED only'
      USING ERRCODE = 'feature_not_supported';
  END IF;
  PERFORM pg_advisory_xact_lock(7307410001);
  SELECT id, hash INTO last_id, last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  IF last_id IS NOT NULL AND NEW.id <= last_id THEN
    NEW.id := greatest(nextval(pg_get_serial_sequence('audit_log', 'id')), last_id + 1);
  END IF;
  NEW.prev_hash := coalesce(last_hash, '');
  NEW.hash := audit_log_hash(NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_hash_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
-- The rows written so far join the chain in id order (the append-only trigger is lifted for this
-- transaction only: migrations run as the tables' owner).
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  previous text := '';
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    r.prev_hash := previous;
    previous := audit_log_hash(r);
    UPDATE audit_log SET prev_hash = r.prev_hash, hash = previous WHERE id = r.id;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL;
--> statement-breakpoint
-- Placeholders only, so an insert need not name them: the trigger always sets both.
ALTER TABLE audit_log ALTER COLUMN prev_hash SET DEFAULT '';
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN hash SET DEFAULT '';
