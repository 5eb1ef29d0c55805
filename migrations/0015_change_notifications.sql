-- Change notifications for the API's read caches (api/src/db/change-feed.ts): after every statement
-- that changes one of these tables, the table's name is sent on the channel `apt_changes`. PostgreSQL
-- delivers a notification when the transaction commits (never for one rolled back) and once per
-- transaction for the same payload, so a 1,000-row import sends one per table it touched. Every
-- server process listens and drops what it keeps from that table.
CREATE FUNCTION apt_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('apt_changes', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Who a credential is: a session or token ended or changed, a user deactivated or changed, an
-- institution moved (a user's sector). A new session or token invalidates nothing.
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER api_tokens_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER institutions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON institutions FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
-- A plan's shape and its measures' statuses and institutions: plan rows, summaries and measure lists.
CREATE TRIGGER plans_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plans FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER action_lines_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON action_lines FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER measures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measures FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER measure_institutions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measure_institutions FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
-- A measure's budget lines and progress texts: the measure lists (the search reads progress texts).
CREATE TRIGGER budget_lines_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON budget_lines FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER progress_entries_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON progress_entries FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
-- Rounds, submissions and their evidence, surveys and their answers: a measure's detail and my work.
CREATE TRIGGER rounds_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rounds FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER round_measures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON round_measures FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER submissions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON submissions FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER evidence_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON evidence FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER surveys_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON surveys FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER survey_audience_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_audience FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
--> statement-breakpoint
CREATE TRIGGER survey_responses_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_responses FOR EACH STATEMENT EXECUTE FUNCTION apt_notify_change();
