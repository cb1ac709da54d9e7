CREATE TABLE "school_data_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "school_data_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"school_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "school_data_changes_school" ON "school_data_changes" USING btree ("school_id");--> statement-breakpoint
-- The data version of a school for cached coverage figures: every statement that changes what the
-- compliance rules read writes one row per school it touched. Statement-level triggers with transition
-- tables (a 50,000-row attendance import writes one row, not 50,000). Each event needs its own trigger:
-- PostgreSQL allows transition tables only on single-event triggers.
CREATE FUNCTION record_school_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'attendance' THEN
		-- Attendance names the pupil; the pupil names the school. (A cascade from a deleted pupil or
		-- activity is recorded by that table's own trigger.)
		IF TG_OP = 'DELETE' THEN
			INSERT INTO school_data_changes (school_id)
				SELECT DISTINCT p.school_id FROM changed_old c JOIN pupils p ON p.id = c.pupil_id;
		ELSE
			INSERT INTO school_data_changes (school_id)
				SELECT DISTINCT p.school_id FROM changed_new c JOIN pupils p ON p.id = c.pupil_id;
		END IF;
	ELSIF TG_OP = 'INSERT' THEN
		INSERT INTO school_data_changes (school_id) SELECT DISTINCT school_id FROM changed_new;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO school_data_changes (school_id) SELECT DISTINCT school_id FROM changed_old;
	ELSE
		INSERT INTO school_data_changes (school_id)
			SELECT school_id FROM changed_new UNION SELECT school_id FROM changed_old;
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER pupils_inserted AFTER INSERT ON "pupils" REFERENCING NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER pupils_updated AFTER UPDATE ON "pupils" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER pupils_deleted AFTER DELETE ON "pupils" REFERENCING OLD TABLE AS changed_old
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER delivered_activities_inserted AFTER INSERT ON "delivered_activities" REFERENCING NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER delivered_activities_updated AFTER UPDATE ON "delivered_activities" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER delivered_activities_deleted AFTER DELETE ON "delivered_activities" REFERENCING OLD TABLE AS changed_old
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER attendance_inserted AFTER INSERT ON "attendance" REFERENCING NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER attendance_updated AFTER UPDATE ON "attendance" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER attendance_deleted AFTER DELETE ON "attendance" REFERENCING OLD TABLE AS changed_old
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER guidance_meetings_inserted AFTER INSERT ON "guidance_meetings" REFERENCING NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER guidance_meetings_updated AFTER UPDATE ON "guidance_meetings" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER guidance_meetings_deleted AFTER DELETE ON "guidance_meetings" REFERENCING OLD TABLE AS changed_old
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER destinations_inserted AFTER INSERT ON "destinations" REFERENCING NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER destinations_updated AFTER UPDATE ON "destinations" REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();--> statement-breakpoint
CREATE TRIGGER destinations_deleted AFTER DELETE ON "destinations" REFERENCING OLD TABLE AS changed_old
	FOR EACH STATEMENT EXECUTE FUNCTION record_school_data_change();
