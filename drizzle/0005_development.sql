CREATE TABLE "appreciations" (
	"participant_id" uuid PRIMARY KEY NOT NULL,
	"appreciated" text,
	"curious" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benchmark_reflections" (
	"participant_id" uuid NOT NULL,
	"benchmark" smallint NOT NULL,
	"placement1" text,
	"placement2" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benchmark_reflections_participant_id_benchmark_pk" PRIMARY KEY("participant_id","benchmark"),
	CONSTRAINT "reflection_benchmark_1_to_8" CHECK ("benchmark_reflections"."benchmark" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "critical_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"knowledge" smallint NOT NULL,
	"skills" smallint NOT NULL,
	"values" smallint NOT NULL,
	"annotation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_levels_0_to_10" CHECK ("critical_incidents"."knowledge" between 0 and 10 and "critical_incidents"."skills" between 0 and 10 and "critical_incidents"."values" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "development_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"duration_minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "development_activity_kind_known" CHECK ("development_activities"."kind" in ('session', 'placement', 'magazine', 'employer-encounter', 'other')),
	CONSTRAINT "duration_positive" CHECK ("development_activities"."duration_minutes" is null or "development_activities"."duration_minutes" between 1 and 10080)
);
--> statement-breakpoint
CREATE TABLE "development_activity_aims" (
	"activity_id" uuid NOT NULL,
	"aim_id" uuid NOT NULL,
	CONSTRAINT "development_activity_aims_activity_id_aim_id_pk" PRIMARY KEY("activity_id","aim_id")
);
--> statement-breakpoint
CREATE TABLE "development_activity_benchmarks" (
	"activity_id" uuid NOT NULL,
	"benchmark" smallint NOT NULL,
	CONSTRAINT "development_activity_benchmarks_activity_id_benchmark_pk" PRIMARY KEY("activity_id","benchmark"),
	CONSTRAINT "development_benchmark_1_to_8" CHECK ("development_activity_benchmarks"."benchmark" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "development_aims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"parent_id" uuid,
	"title" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_dates_in_order" CHECK ("development_cohorts"."ends_on" is null or "development_cohorts"."starts_on" is null or "development_cohorts"."ends_on" >= "development_cohorts"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "development_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"user_id" uuid,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'trainee' NOT NULL,
	"subject" text,
	"placement1_school_id" uuid,
	"placement1_name" text,
	"placement2_school_id" uuid,
	"placement2_name" text,
	"shared_parts" text[] DEFAULT '{}'::text[] NOT NULL,
	"invited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_place_per_cohort" UNIQUE("cohort_id","email"),
	CONSTRAINT "participant_email_lower_case" CHECK ("development_participants"."email" = lower("development_participants"."email")),
	CONSTRAINT "participant_kind_known" CHECK ("development_participants"."kind" in ('trainee', 'staff')),
	CONSTRAINT "shared_parts_known" CHECK ("development_participants"."shared_parts" <@ array['purpose', 'network', 'reflection', 'timeline', 'postcard', 'appreciation', 'subject-maps']::text[])
);
--> statement-breakpoint
CREATE TABLE "development_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"copied_from_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"person_key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"sphere" text NOT NULL,
	"tie_strength" smallint NOT NULL,
	"tie_type" text,
	"how_they_might_help" text,
	"could_introduce" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "one_person_per_snapshot" UNIQUE("snapshot_id","person_key"),
	CONSTRAINT "tie_strength_1_to_10" CHECK ("network_contacts"."tie_strength" between 1 and 10),
	CONSTRAINT "sphere_known" CHECK ("network_contacts"."sphere" in ('friends', 'family', 'university', 'employers', 'professional')),
	CONSTRAINT "tie_type_known" CHECK ("network_contacts"."tie_type" is null or "network_contacts"."tie_type" in ('bonding', 'bridging', 'linking'))
);
--> statement-breakpoint
CREATE TABLE "network_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid,
	"pupil_id" uuid,
	"taken_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_has_one_owner" CHECK (("network_snapshots"."participant_id" is null) <> ("network_snapshots"."pupil_id" is null))
);
--> statement-breakpoint
CREATE TABLE "occupations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"key_skill" text,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"routes" text[] DEFAULT '{}'::text[] NOT NULL,
	"soc_code" text,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soc_code_four_digits" CHECK ("occupations"."soc_code" is null or "occupations"."soc_code" ~ '^[0-9]{4}$'),
	CONSTRAINT "occupation_source_known" CHECK ("occupations"."source" in ('soc2020', 'seed', 'school')),
	CONSTRAINT "occupation_routes_known" CHECK ("occupations"."routes" <@ array['further-education', 'higher-education', 'apprenticeship']::text[])
);
--> statement-breakpoint
CREATE TABLE "promise_postcards" (
	"participant_id" uuid PRIMARY KEY NOT NULL,
	"promise_to_myself" text NOT NULL,
	"promise_to_my_school" text NOT NULL,
	"achieve_by" date NOT NULL,
	"remind_on" date NOT NULL,
	"reminded_at" timestamp with time zone,
	"review_progress" text,
	"review_note" text,
	"reviewed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remind_before_achieve" CHECK ("promise_postcards"."remind_on" <= "promise_postcards"."achieve_by"),
	CONSTRAINT "review_progress_known" CHECK ("promise_postcards"."review_progress" is null or "promise_postcards"."review_progress" in ('not-started', 'some-way', 'achieved'))
);
--> statement-breakpoint
CREATE TABLE "purpose_ratings" (
	"response_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"rating" smallint NOT NULL,
	CONSTRAINT "purpose_ratings_response_id_statement_id_pk" PRIMARY KEY("response_id","statement_id"),
	CONSTRAINT "rating_1_to_5" CHECK ("purpose_ratings"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "purpose_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"occasion" text NOT NULL,
	"aspiration" text,
	"answered_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_response_per_occasion" UNIQUE("participant_id","occasion"),
	CONSTRAINT "purpose_occasion_known" CHECK ("purpose_responses"."occasion" in ('start', 'end'))
);
--> statement-breakpoint
CREATE TABLE "purpose_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"payload" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scheduled_jobs_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "subject_map_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"map_id" uuid NOT NULL,
	"year_group" smallint NOT NULL,
	"half_term" smallint NOT NULL,
	"occupation_id" uuid NOT NULL,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "one_career_per_cell" UNIQUE("map_id","year_group","half_term","occupation_id"),
	CONSTRAINT "map_year_7_to_13" CHECK ("subject_map_entries"."year_group" between 7 and 13),
	CONSTRAINT "map_half_term_1_to_6" CHECK ("subject_map_entries"."half_term" between 1 and 6)
);
--> statement-breakpoint
CREATE TABLE "subject_maps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid,
	"participant_id" uuid,
	"subject" text NOT NULL,
	"academic_year" integer NOT NULL,
	"includes_sixth_form" boolean DEFAULT false NOT NULL,
	"offered_to_school_id" uuid,
	"offered_at" timestamp with time zone,
	"copied_from_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subject_map_has_one_owner" CHECK (("subject_maps"."school_id" is null) <> ("subject_maps"."participant_id" is null))
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "pupil_networks" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "ukprn" text;--> statement-breakpoint
ALTER TABLE "appreciations" ADD CONSTRAINT "appreciations_participant_id_development_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."development_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_reflections" ADD CONSTRAINT "benchmark_reflections_participant_id_development_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."development_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critical_incidents" ADD CONSTRAINT "critical_incidents_participant_id_development_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."development_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_activities" ADD CONSTRAINT "development_activities_programme_id_development_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."development_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_activity_aims" ADD CONSTRAINT "development_activity_aims_activity_id_development_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."development_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_activity_aims" ADD CONSTRAINT "development_activity_aims_aim_id_development_aims_id_fk" FOREIGN KEY ("aim_id") REFERENCES "public"."development_aims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_activity_benchmarks" ADD CONSTRAINT "development_activity_benchmarks_activity_id_development_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."development_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_aims" ADD CONSTRAINT "development_aims_programme_id_development_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."development_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_cohorts" ADD CONSTRAINT "development_cohorts_programme_id_development_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."development_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_participants" ADD CONSTRAINT "development_participants_cohort_id_development_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."development_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_participants" ADD CONSTRAINT "development_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_participants" ADD CONSTRAINT "development_participants_placement1_school_id_organisations_id_fk" FOREIGN KEY ("placement1_school_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_participants" ADD CONSTRAINT "development_participants_placement2_school_id_organisations_id_fk" FOREIGN KEY ("placement2_school_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_programmes" ADD CONSTRAINT "development_programmes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_contacts" ADD CONSTRAINT "network_contacts_snapshot_id_network_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."network_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_snapshots" ADD CONSTRAINT "network_snapshots_participant_id_development_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."development_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_snapshots" ADD CONSTRAINT "network_snapshots_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupations" ADD CONSTRAINT "occupations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupations" ADD CONSTRAINT "occupations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_postcards" ADD CONSTRAINT "promise_postcards_participant_id_development_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."development_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purpose_ratings" ADD CONSTRAINT "purpose_ratings_response_id_purpose_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."purpose_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purpose_ratings" ADD CONSTRAINT "purpose_ratings_statement_id_purpose_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."purpose_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purpose_responses" ADD CONSTRAINT "purpose_responses_participant_id_development_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."development_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purpose_statements" ADD CONSTRAINT "purpose_statements_programme_id_development_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."development_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_map_entries" ADD CONSTRAINT "subject_map_entries_map_id_subject_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."subject_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_map_entries" ADD CONSTRAINT "subject_map_entries_occupation_id_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."occupations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_maps" ADD CONSTRAINT "subject_maps_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_maps" ADD CONSTRAINT "subject_maps_participant_id_development_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."development_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_maps" ADD CONSTRAINT "subject_maps_offered_to_school_id_organisations_id_fk" FOREIGN KEY ("offered_to_school_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "critical_incidents_participant" ON "critical_incidents" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "development_activities_programme" ON "development_activities" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "development_aims_programme" ON "development_aims" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "development_cohorts_programme" ON "development_cohorts" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "development_participants_user" ON "development_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "development_programmes_organisation" ON "development_programmes" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "network_contacts_snapshot" ON "network_contacts" USING btree ("snapshot_id");--> statement-breakpoint
CREATE INDEX "network_snapshots_participant" ON "network_snapshots" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "network_snapshots_pupil" ON "network_snapshots" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "occupations_organisation" ON "occupations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "purpose_statements_programme" ON "purpose_statements" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "scheduled_jobs_due" ON "scheduled_jobs" USING btree ("run_at") WHERE "scheduled_jobs"."started_at" is null;--> statement-breakpoint
CREATE INDEX "subject_map_entries_map" ON "subject_map_entries" USING btree ("map_id");--> statement-breakpoint
CREATE INDEX "subject_maps_school" ON "subject_maps" USING btree ("school_id","academic_year");--> statement-breakpoint
CREATE INDEX "subject_maps_participant" ON "subject_maps" USING btree ("participant_id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "ukprn_is_eight_digits" CHECK ("organisations"."ukprn" is null or "organisations"."ukprn" ~ '^1[0-9]{7}$');