CREATE TABLE `bank_phase_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`total_minutes` integer NOT NULL,
	`document` text NOT NULL,
	`file_path` text NOT NULL,
	`content_hash` text NOT NULL,
	`loaded_at` integer NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE TABLE `bank_questions` (
	`row_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`difficulty` text NOT NULL,
	`status` text NOT NULL,
	`tags` text NOT NULL,
	`phase_plan_id` text NOT NULL,
	`prompt` text NOT NULL,
	`outline` text NOT NULL,
	`summary` text NOT NULL,
	`document` text NOT NULL,
	`file_path` text NOT NULL,
	`content_hash` text NOT NULL,
	`loaded_at` integer NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_questions_id_unique` ON `bank_questions` (`id`);--> statement-breakpoint
CREATE INDEX `bank_questions_category` ON `bank_questions` (`category`);--> statement-breakpoint
CREATE TABLE `bank_rubrics` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`document` text NOT NULL,
	`file_path` text NOT NULL,
	`content_hash` text NOT NULL,
	`loaded_at` integer NOT NULL,
	`archived_at` integer
);
