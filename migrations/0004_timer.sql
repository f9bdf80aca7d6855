CREATE TABLE `room_timers` (
	`room_id` text PRIMARY KEY NOT NULL,
	`phases` text NOT NULL,
	`progress` text NOT NULL,
	`phase_index` integer NOT NULL,
	`status` text NOT NULL,
	`phase_started_at` integer,
	`paused_at` integer,
	`paused_ms_in_phase` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`revision` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
