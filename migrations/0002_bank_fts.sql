-- Full-text index of the question bank (SQLite FTS5), kept in step with bank_questions by triggers.
-- External content: the text lives once, in bank_questions; the index holds only tokens.
-- porter folds word endings (cache/caching); unicode61 with remove_diacritics folds accents.
CREATE VIRTUAL TABLE `bank_questions_fts` USING fts5(
	title, prompt, tags, outline,
	content='bank_questions', content_rowid='row_id',
	tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `bank_questions_fts_insert` AFTER INSERT ON `bank_questions` BEGIN
	INSERT INTO bank_questions_fts(rowid, title, prompt, tags, outline)
	VALUES (new.row_id, new.title, new.prompt, new.tags, new.outline);
END;
--> statement-breakpoint
CREATE TRIGGER `bank_questions_fts_delete` AFTER DELETE ON `bank_questions` BEGIN
	INSERT INTO bank_questions_fts(bank_questions_fts, rowid, title, prompt, tags, outline)
	VALUES ('delete', old.row_id, old.title, old.prompt, old.tags, old.outline);
END;
--> statement-breakpoint
CREATE TRIGGER `bank_questions_fts_update` AFTER UPDATE OF title, prompt, tags, outline ON `bank_questions` BEGIN
	INSERT INTO bank_questions_fts(bank_questions_fts, rowid, title, prompt, tags, outline)
	VALUES ('delete', old.row_id, old.title, old.prompt, old.tags, old.outline);
	INSERT INTO bank_questions_fts(rowid, title, prompt, tags, outline)
	VALUES (new.row_id, new.title, new.prompt, new.tags, new.outline);
END;
