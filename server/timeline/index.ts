// The room timeline's only public door: every feature appends and reads events here, typed by
// shared/timeline.ts; nothing else touches the room_events table.
export { appendEvent, readTimeline, type TimelineDb, type TimelineQuery } from './timeline-store.ts'
export { createTimelineWriter, type TimelineWriter } from './timeline-writer.ts'
export { CorruptTimelineEventError, InvalidTimelineEventError } from './timeline-validate.ts'
