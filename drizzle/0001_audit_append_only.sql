-- The audit trail is append-only. A purge (the demo refresh, nothing else) must say so for its own
-- transaction with: SET LOCAL waymark.allow_audit_purge = 'on'.
CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'DELETE' AND current_setting('waymark.allow_audit_purge', true) = 'on' THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION 'The audit trail is append-only: % is not allowed on audit_events', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
	FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
	FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
