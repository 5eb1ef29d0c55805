ALTER TABLE "plans" ADD COLUMN "state" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "excluded_act" text;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "excluded_date" date;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_excluded_act_and_date" CHECK (("excluded_act" IS NULL) = ("excluded_date" IS NULL));
