CREATE TABLE `practice_rooms` (
	`room_id` text PRIMARY KEY NOT NULL,
	`starts_at` integer,
	`pair_id` text,
	`part` integer,
	`scheduled_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scheduled_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `practice_rooms_pair` ON `practice_rooms` (`pair_id`);--> statement-breakpoint
CREATE TABLE `practice_seats` (
	`room_id` text NOT NULL,
	`member_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`room_id`, `member_id`, `role`),
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `practice_seats_member` ON `practice_seats` (`member_id`);--> statement-breakpoint
DROP INDEX `invites_room_role`;--> statement-breakpoint
ALTER TABLE `invites` ADD `member_id` text;--> statement-breakpoint
CREATE INDEX `invites_room_role` ON `invites` (`room_id`,`role`);