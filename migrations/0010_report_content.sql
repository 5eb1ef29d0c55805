CREATE TABLE "report_exports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_exports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"figures" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "abbreviation" text;--> statement-breakpoint
-- Codes so far served as abbreviations; a municipality's code was made up (e.g. "PASV"), so it has none.
UPDATE "institutions" SET "abbreviation" = "code" WHERE "kind" <> 'municipality';--> statement-breakpoint
ALTER TABLE "report_narratives" ADD COLUMN "content" jsonb;--> statement-breakpoint
-- The plain-text narratives become rich text (a paragraph per line) in the outline's default order.
UPDATE "report_narratives" SET "content" = jsonb_build_object(
  'outline', jsonb_build_array(
    '{"kind":"part","part":"front"}'::jsonb,
    '{"kind":"part","part":"summary"}'::jsonb,
    '{"kind":"text","id":"evaluation","title":"Izvērtējums","heading":"none","body":{"type":"doc","content":[]}}'::jsonb,
    '{"kind":"part","part":"overview"}'::jsonb,
    '{"kind":"text","id":"method","title":"Izvērtēšanas metode","heading":"none","body":{"type":"doc","content":[]}}'::jsonb,
    '{"kind":"part","part":"implementation"}'::jsonb,
    '{"kind":"part","part":"surveys"}'::jsonb,
    '{"kind":"part","part":"financing"}'::jsonb,
    jsonb_build_object('kind', 'text', 'id', 'conclusions', 'title', 'Secinājumi', 'heading', 'unnumbered', 'body', jsonb_build_object('type', 'doc', 'content', COALESCE((SELECT jsonb_agg(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', rtrim(l.line)))) ORDER BY l.n) FROM regexp_split_to_table(replace("sections"->>'conclusions', E'\r', ''), E'\n') WITH ORDINALITY AS l(line, n) WHERE btrim(l.line) <> ''), '[]'::jsonb)))
  ),
  'actionLines', COALESCE((SELECT jsonb_object_agg(a.key, jsonb_build_object('type', 'doc', 'content', COALESCE((SELECT jsonb_agg(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', rtrim(l.line)))) ORDER BY l.n) FROM regexp_split_to_table(replace(a.value, E'\r', ''), E'\n') WITH ORDINALITY AS l(line, n) WHERE btrim(l.line) <> ''), '[]'::jsonb))) FROM jsonb_each_text("sections"->'actionLines') AS a), '{}'::jsonb),
  'financing', CASE WHEN "sections"->>'financing' IS NULL THEN NULL ELSE jsonb_build_object('type', 'doc', 'content', COALESCE((SELECT jsonb_agg(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', rtrim(l.line)))) ORDER BY l.n) FROM regexp_split_to_table(replace("sections"->>'financing', E'\r', ''), E'\n') WITH ORDINALITY AS l(line, n) WHERE btrim(l.line) <> ''), '[]'::jsonb)) END,
  'settings', '{"annexLayout":"table","minister":null,"visa":null}'::jsonb
);--> statement-breakpoint
ALTER TABLE "report_narratives" ALTER COLUMN "content" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "report_exports" ADD CONSTRAINT "report_exports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_exports" ADD CONSTRAINT "report_exports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_exports_plan_idx" ON "report_exports" USING btree ("plan_id","created_at");--> statement-breakpoint
ALTER TABLE "report_narratives" DROP COLUMN "sections";