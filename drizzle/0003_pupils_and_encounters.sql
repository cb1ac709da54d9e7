CREATE TABLE "attendance" (
	"delivered_activity_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"attended" boolean NOT NULL,
	"reflection" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_delivered_activity_id_pupil_id_pk" PRIMARY KEY("delivered_activity_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "delivered_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"planned_activity_id" uuid,
	"ref" text,
	"title" text NOT NULL,
	"description" text,
	"type" text NOT NULL,
	"academic_year" integer NOT NULL,
	"date" date NOT NULL,
	"end_date" date,
	"start_time" time,
	"end_time" time,
	"provider_type" text,
	"benchmarks" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"year_groups" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"purpose_shared" boolean DEFAULT false NOT NULL,
	"outcomes_set" boolean DEFAULT false NOT NULL,
	"two_way_interaction" boolean DEFAULT false NOT NULL,
	"reflection" boolean DEFAULT false NOT NULL,
	"employer_set_task" boolean DEFAULT false NOT NULL,
	"employer_feedback" boolean DEFAULT false NOT NULL,
	"days" numeric(4, 1),
	"pal_provider_info" boolean DEFAULT false NOT NULL,
	"pal_careers_info" boolean DEFAULT false NOT NULL,
	"pal_learning_info" boolean DEFAULT false NOT NULL,
	"pal_questions_answered" boolean DEFAULT false NOT NULL,
	"adviser_user_id" uuid,
	"adviser_level" smallint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivered_dates_in_order" CHECK ("delivered_activities"."end_date" is null or "delivered_activities"."end_date" >= "delivered_activities"."date"),
	CONSTRAINT "delivered_times_in_order" CHECK ("delivered_activities"."end_time" is null or "delivered_activities"."start_time" is null or "delivered_activities"."end_time" > "delivered_activities"."start_time"),
	CONSTRAINT "days_0_to_200" CHECK ("delivered_activities"."days" is null or ("delivered_activities"."days" > 0 and "delivered_activities"."days" <= 200)),
	CONSTRAINT "adviser_level_1_to_8" CHECK ("delivered_activities"."adviser_level" is null or "delivered_activities"."adviser_level" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "delivered_activity_partners" (
	"delivered_activity_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	CONSTRAINT "delivered_activity_partners_delivered_activity_id_partner_id_pk" PRIMARY KEY("delivered_activity_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "destinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"academic_year" integer NOT NULL,
	"nccis_code" text NOT NULL,
	"institution" text,
	"course" text,
	"recorded_on" date NOT NULL,
	"source" text NOT NULL,
	"consent" boolean,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_destination_per_pupil_kind_year" UNIQUE("pupil_id","kind","academic_year"),
	CONSTRAINT "nccis_code_is_3_digits" CHECK ("destinations"."nccis_code" ~ '^[0-9]{3}$')
);
--> statement-breakpoint
CREATE TABLE "guidance_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" time,
	"adviser_user_id" uuid,
	"adviser_name" text NOT NULL,
	"adviser_level" smallint,
	"format" text NOT NULL,
	"agreed_actions" text,
	"notes" text,
	"referral_id" uuid,
	"status" text DEFAULT 'held' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guidance_adviser_level_1_to_8" CHECK ("guidance_meetings"."adviser_level" is null or "guidance_meetings"."adviser_level" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "partner_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"sector" text,
	"size" text,
	"ukprn" text,
	"website" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ukprn_is_8_digits" CHECK ("partners"."ukprn" is null or "partners"."ukprn" ~ '^[0-9]{8}$')
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"referred_by" uuid,
	"referrer_capacity" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"meeting_id" uuid,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"closing_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teaching_group_members" (
	"group_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	CONSTRAINT "teaching_group_members_group_id_pupil_id_pk" PRIMARY KEY("group_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "teaching_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"academic_year" integer NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "one_teaching_group_name_per_year" UNIQUE("school_id","academic_year","name")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "school_day_starts" time DEFAULT '08:30' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "school_day_ends" time DEFAULT '15:30' NOT NULL;--> statement-breakpoint
ALTER TABLE "pupils" ADD COLUMN "considering_he" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_delivered_activity_id_delivered_activities_id_fk" FOREIGN KEY ("delivered_activity_id") REFERENCES "public"."delivered_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_activities" ADD CONSTRAINT "delivered_activities_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_activities" ADD CONSTRAINT "delivered_activities_planned_activity_id_activities_id_fk" FOREIGN KEY ("planned_activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_activities" ADD CONSTRAINT "delivered_activities_adviser_user_id_users_id_fk" FOREIGN KEY ("adviser_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_activities" ADD CONSTRAINT "delivered_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_activity_partners" ADD CONSTRAINT "delivered_activity_partners_delivered_activity_id_delivered_activities_id_fk" FOREIGN KEY ("delivered_activity_id") REFERENCES "public"."delivered_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_activity_partners" ADD CONSTRAINT "delivered_activity_partners_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_meetings" ADD CONSTRAINT "guidance_meetings_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_meetings" ADD CONSTRAINT "guidance_meetings_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_meetings" ADD CONSTRAINT "guidance_meetings_adviser_user_id_users_id_fk" FOREIGN KEY ("adviser_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_meetings" ADD CONSTRAINT "guidance_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_contacts" ADD CONSTRAINT "partner_contacts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referred_by_users_id_fk" FOREIGN KEY ("referred_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_group_members" ADD CONSTRAINT "teaching_group_members_group_id_teaching_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."teaching_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_group_members" ADD CONSTRAINT "teaching_group_members_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_groups" ADD CONSTRAINT "teaching_groups_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_pupil" ON "attendance" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "delivered_activities_school_year" ON "delivered_activities" USING btree ("school_id","academic_year");--> statement-breakpoint
CREATE UNIQUE INDEX "one_activity_ref_per_school" ON "delivered_activities" USING btree ("school_id","ref") WHERE "delivered_activities"."ref" is not null;--> statement-breakpoint
CREATE INDEX "delivered_activity_partners_partner" ON "delivered_activity_partners" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "destinations_school_year" ON "destinations" USING btree ("school_id","academic_year");--> statement-breakpoint
CREATE INDEX "guidance_meetings_school_date" ON "guidance_meetings" USING btree ("school_id","date");--> statement-breakpoint
CREATE INDEX "guidance_meetings_pupil" ON "guidance_meetings" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "partner_contacts_partner" ON "partner_contacts" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "one_partner_name_per_school" ON "partners" USING btree ("school_id",lower("name"));--> statement-breakpoint
CREATE INDEX "referrals_school_status" ON "referrals" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "referrals_pupil" ON "referrals" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "teaching_group_members_pupil" ON "teaching_group_members" USING btree ("pupil_id");