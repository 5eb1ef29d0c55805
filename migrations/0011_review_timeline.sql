CREATE TABLE "submission_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "submission_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"kind" text NOT NULL,
	"user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"comment" text,
	"text" text,
	"proposed_status" text,
	"reason" text
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_plan_id" integer;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "submission_events_submission_idx" ON "submission_events" USING btree ("submission_id","id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_last_plan_id_plans_id_fk" FOREIGN KEY ("last_plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The steps submissions already took, as far as their rows tell (a return kept no time or author).
INSERT INTO "submission_events" ("submission_id", "kind", "user_id", "created_at")
SELECT "id", 'submitted', NULL, "submitted_at" FROM "submissions" WHERE "submitted_at" IS NOT NULL
UNION ALL SELECT "id", 'endorsed', "endorsed_by", "endorsed_at" FROM "submissions" WHERE "endorsed_at" IS NOT NULL
UNION ALL SELECT "id", 'accepted', "accepted_by", "accepted_at" FROM "submissions" WHERE "accepted_at" IS NOT NULL
ORDER BY 4;
