ALTER TABLE `room_events` ADD `v` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Hand-written: the timeline is append-only (an edit is a new event), so the database refuses to
-- change or remove a row. A future migration that must rewrite history (say v1 rows into v2) drops
-- these triggers, rewrites, and creates them again, in the same migration.
CREATE TRIGGER `room_events_append_only_update` BEFORE UPDATE ON `room_events`
BEGIN
	SELECT RAISE(ABORT, 'room_events is append-only: append a new event instead');
END;--> statement-breakpoint
CREATE TRIGGER `room_events_append_only_delete` BEFORE DELETE ON `room_events`
BEGIN
	SELECT RAISE(ABORT, 'room_events is append-only: append a new event instead');
END;
