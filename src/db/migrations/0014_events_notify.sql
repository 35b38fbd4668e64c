-- Every committed event wakes the other instances at once: a statement-level trigger notifies
-- channel byline_events, and PostgreSQL delivers notifications only when the transaction commits
-- (never for a rolled-back one). Listeners then read the outbox; the notification carries nothing.
CREATE OR REPLACE FUNCTION "byline"."notify_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('byline_events', '');
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "events_notify" AFTER INSERT ON "byline"."events"
  FOR EACH STATEMENT EXECUTE FUNCTION "byline"."notify_events"();
