CREATE TABLE "evaluation_criteria" (
	"evaluation_id" uuid NOT NULL,
	"criterion_id" text NOT NULL,
	"prefill_status" text,
	"prefill_basis" text,
	"status" text DEFAULT 'not-started' NOT NULL,
	"evidence" text,
	"reason" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_criteria_evaluation_id_criterion_id_pk" PRIMARY KEY("evaluation_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"snapshot_date" date NOT NULL,
	"framework_id" text NOT NULL,
	"threshold" smallint NOT NULL,
	"figures_as_of" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"copied_from" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "one_evaluation_per_snapshot" UNIQUE("school_id","snapshot_date"),
	CONSTRAINT "threshold_1_to_100" CHECK ("evaluations"."threshold" between 1 and 100),
	CONSTRAINT "submitted_has_time" CHECK (("evaluations"."status" = 'submitted') = ("evaluations"."submitted_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "at_risk_weeks" smallint DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "workplace_experiences_by_16" smallint;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "evaluation_threshold" smallint DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "careers_information" ADD COLUMN "impact_rules" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_criteria" ADD CONSTRAINT "evaluation_criteria_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_criteria" ADD CONSTRAINT "evaluation_criteria_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "at_risk_weeks_1_to_52" CHECK ("organisations"."at_risk_weeks" between 1 and 52);--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "workplace_experiences_1_to_5" CHECK ("organisations"."workplace_experiences_by_16" is null or "organisations"."workplace_experiences_by_16" between 1 and 5);--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "evaluation_threshold_1_to_100" CHECK ("organisations"."evaluation_threshold" between 1 and 100);