CREATE INDEX "measures_plan_position_idx" ON "measures" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "measures_carried_from_idx" ON "measures" USING btree ("carried_from_id");--> statement-breakpoint
CREATE INDEX "progress_entries_submission_idx" ON "progress_entries" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "round_measures_measure_idx" ON "round_measures" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "rounds_state_due_idx" ON "rounds" USING btree ("state","due_date");--> statement-breakpoint
CREATE INDEX "submissions_institution_idx" ON "submissions" USING btree ("institution_id");