CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"type" text NOT NULL,
	"format" text NOT NULL,
	"year_groups" integer[] NOT NULL,
	"term" text,
	"half_term" smallint,
	"start_date" date,
	"end_date" date,
	"audience" text DEFAULT 'whole-year' NOT NULL,
	"audience_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"learning_outcomes" text,
	"partners" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_user_id" uuid,
	"purpose_shared" boolean DEFAULT false NOT NULL,
	"outcomes_set" boolean DEFAULT false NOT NULL,
	"two_way_interaction" boolean DEFAULT false NOT NULL,
	"reflection" boolean DEFAULT false NOT NULL,
	"employer_set_task" boolean DEFAULT false NOT NULL,
	"employer_feedback" boolean DEFAULT false NOT NULL,
	"copied_from_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "has_a_year_group" CHECK (cardinality("activities"."year_groups") > 0),
	CONSTRAINT "half_term_1_to_6" CHECK ("activities"."half_term" is null or "activities"."half_term" between 1 and 6),
	CONSTRAINT "dates_in_order" CHECK ("activities"."end_date" is null or "activities"."start_date" is null or "activities"."end_date" >= "activities"."start_date")
);
--> statement-breakpoint
CREATE TABLE "activity_aims" (
	"activity_id" uuid NOT NULL,
	"aim_id" uuid NOT NULL,
	CONSTRAINT "activity_aims_activity_id_aim_id_pk" PRIMARY KEY("activity_id","aim_id")
);
--> statement-breakpoint
CREATE TABLE "activity_benchmarks" (
	"activity_id" uuid NOT NULL,
	"benchmark" smallint NOT NULL,
	CONSTRAINT "activity_benchmarks_activity_id_benchmark_pk" PRIMARY KEY("activity_id","benchmark"),
	CONSTRAINT "benchmark_1_to_8" CHECK ("activity_benchmarks"."benchmark" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "development_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"title" text NOT NULL,
	"benchmarks" integer[] DEFAULT '{}'::int[] NOT NULL,
	"owner_user_id" uuid,
	"due_date" date,
	"status" text DEFAULT 'not-started' NOT NULL,
	"evidence" text,
	"gap_benchmark" smallint,
	"gap_year_group" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_known" CHECK ("development_actions"."status" in ('not-started', 'in-progress', 'done'))
);
--> statement-breakpoint
CREATE TABLE "framework_overrides" (
	"school_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"framework_id" text NOT NULL,
	"reason" text NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_overrides_school_id_academic_year_pk" PRIMARY KEY("school_id","academic_year")
);
--> statement-breakpoint
CREATE TABLE "programme_aims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"parent_id" uuid,
	"title" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"copied_from_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_programme_per_school_year" UNIQUE("school_id","academic_year")
);
--> statement-breakpoint
CREATE TABLE "careers_information" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"careers_leader_user_id" uuid,
	"careers_leader_phone" text,
	"for_pupils" text,
	"for_parents" text,
	"for_teachers" text,
	"for_employers" text,
	"impact_measurement" text,
	"next_review_date" date,
	"provider_request_access" text,
	"provider_contact" text,
	"provider_granting_refusing" text,
	"provider_safeguarding" text,
	"provider_premises" text,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "condition_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"rated_on" date NOT NULL,
	"clarity_of_roles" smallint NOT NULL,
	"authority_and_power" smallint NOT NULL,
	"time_and_resources" smallint NOT NULL,
	"expertise" smallint NOT NULL,
	"comment" text,
	"rated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ratings_1_to_5" CHECK ("condition_ratings"."clarity_of_roles" between 1 and 5 and "condition_ratings"."authority_and_power" between 1 and 5 and "condition_ratings"."time_and_resources" between 1 and 5 and "condition_ratings"."expertise" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "cpd_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"provider" text,
	"start_date" date,
	"end_date" date,
	"accredited" boolean DEFAULT false NOT NULL,
	"evidence" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leadership_models" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leadership_task_assignments" (
	"school_id" uuid NOT NULL,
	"task_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"hours_per_week" numeric(4, 1) DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leadership_task_assignments_school_id_task_id_pk" PRIMARY KEY("school_id","task_id"),
	CONSTRAINT "hours_0_to_60" CHECK ("leadership_task_assignments"."hours_per_week" between 0 and 60)
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_aims" ADD CONSTRAINT "activity_aims_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_aims" ADD CONSTRAINT "activity_aims_aim_id_programme_aims_id_fk" FOREIGN KEY ("aim_id") REFERENCES "public"."programme_aims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_benchmarks" ADD CONSTRAINT "activity_benchmarks_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_actions" ADD CONSTRAINT "development_actions_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_actions" ADD CONSTRAINT "development_actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_overrides" ADD CONSTRAINT "framework_overrides_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_overrides" ADD CONSTRAINT "framework_overrides_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_aims" ADD CONSTRAINT "programme_aims_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "careers_information" ADD CONSTRAINT "careers_information_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "careers_information" ADD CONSTRAINT "careers_information_careers_leader_user_id_users_id_fk" FOREIGN KEY ("careers_leader_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "condition_ratings" ADD CONSTRAINT "condition_ratings_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "condition_ratings" ADD CONSTRAINT "condition_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_records" ADD CONSTRAINT "cpd_records_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_records" ADD CONSTRAINT "cpd_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadership_models" ADD CONSTRAINT "leadership_models_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadership_task_assignments" ADD CONSTRAINT "leadership_task_assignments_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadership_task_assignments" ADD CONSTRAINT "leadership_task_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_programme" ON "activities" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "development_actions_school_year" ON "development_actions" USING btree ("school_id","academic_year");--> statement-breakpoint
CREATE INDEX "programme_aims_programme" ON "programme_aims" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "condition_ratings_school" ON "condition_ratings" USING btree ("school_id","rated_on");--> statement-breakpoint
CREATE INDEX "cpd_records_school_user" ON "cpd_records" USING btree ("school_id","user_id");