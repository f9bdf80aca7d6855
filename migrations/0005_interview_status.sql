ALTER TABLE `rooms` ADD `status` text DEFAULT 'lobby' NOT NULL;--> statement-breakpoint
ALTER TABLE `rooms` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `rooms` ADD `ended_at` integer;