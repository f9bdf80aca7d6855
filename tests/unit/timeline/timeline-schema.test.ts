import { describe, expect, it } from 'vitest'
import { ROLES, can } from '../../../shared/roles.ts'
import {
  canReadTimelineEvent,
  SERVER_VIEWER,
  TIMELINE_EVENT_TYPES,
  TIMELINE_RULES,
  TimelineEventSchema,
  type TimelineEvent,
  type TimelineViewer,
} from '../../../shared/timeline.ts'
import { CANDIDATE, INTERVIEWER, OBSERVER, ROOM_ID, sampleEvents } from './timeline-samples.ts'

const samples = sampleEvents()
const participant = (role: (typeof ROLES)[number], participantId: string, roomId = ROOM_ID): TimelineViewer => ({
  kind: 'participant',
  roomId,
  role,
  participantId,
})
const refusal = (event: unknown) => {
  const result = TimelineEventSchema.safeParse(event)
  return result.success ? 'accepted' : result.error.issues.map((issue) => issue.path.join('.')).join(', ') || 'refused'
}

describe('timeline schema', () => {
  it.each(TIMELINE_EVENT_TYPES)('%s round-trips through JSON and the schema unchanged', (type) => {
    const event = samples[type]
    expect(TimelineEventSchema.parse(JSON.parse(JSON.stringify(event)))).toEqual(event)
  })

  it('declares every type once, each with its readers and a current version', () => {
    expect(new Set(TIMELINE_EVENT_TYPES).size).toBe(TIMELINE_EVENT_TYPES.length)
    expect(Object.keys(samples).sort()).toEqual([...TIMELINE_EVENT_TYPES].sort())
    for (const type of TIMELINE_EVENT_TYPES) expect(['everyone', 'staff', 'author']).toContain(TIMELINE_RULES[type].readers)
  })

  it('refuses an unknown type', () => {
    expect(refusal({ ...samples['chat.message'], type: 'chat.deleted' })).toBe('type')
  })

  it('refuses a version nobody declared', () => {
    expect(refusal({ ...samples['question.hint-given'], v: 3 })).not.toBe('accepted')
  })

  it('reads both versions of a hint given: v1 a flat index, v2 a ladder topic and rung', () => {
    const v2 = { ...samples['question.hint-given'], v: 2, payload: { questionId: 'url-shortener', topicId: 'unique-codes', rung: 2 } }
    expect(refusal(samples['question.hint-given'])).toBe('accepted')
    expect(refusal(v2)).toBe('accepted')
    expect(refusal({ ...v2, payload: { questionId: 'url-shortener', index: 1 } })).not.toBe('accepted')
    expect(refusal({ ...v2, payload: { ...v2.payload, rung: 0 } })).not.toBe('accepted')
    expect(TIMELINE_RULES['question.hint-given'].v).toBe(2)
  })

  it('refuses malformed payloads: missing, mistyped and unexpected fields', () => {
    expect(refusal({ ...samples['question.fact-revealed'], payload: {} })).toContain('payload.')
    expect(refusal({ ...samples['question.fact-revealed'], payload: { questionId: 'url-shortener', index: -1 } })).toBe('payload.index')
    expect(refusal({ ...samples['board.diff'], payload: { seq: '3', bytes: 412 } })).toBe('payload.seq')
    expect(refusal({ ...samples['chat.message'], payload: { messageId: 'chat-0001', body: 'the text never goes here' } })).toBe('payload')
    expect(refusal({ ...samples['timer.extend'], payload: { ...samples['timer.extend'].payload, minutes: 3 } })).toBe('payload.minutes')
    expect(refusal({ ...samples['timer.start'], payload: { ...samples['timer.start'].payload, state: { status: 'running' } } })).toContain('payload.state.')
    expect(refusal({ ...samples['note.edited'], payload: { ...samples['note.edited'].payload, revision: 1 } })).toBe('payload.revision')
  })

  it('refuses an envelope without its author where the type has one, or with a bad room or time', () => {
    expect(refusal({ ...samples['note.created'], participantId: null })).toBe('participantId')
    expect(refusal({ ...samples['chat.message'], participantId: null })).toBe('participantId')
    expect(refusal({ ...samples['board.diff'], roomId: '../x' })).toBe('roomId')
    expect(refusal({ ...samples['board.diff'], at: 1.5 })).toBe('at')
  })
})

describe('who may read which event', () => {
  const readable = (viewer: TimelineViewer) =>
    Object.values(samples)
      .filter((event: TimelineEvent) => canReadTimelineEvent(viewer, event))
      .map((event) => event.type)

  it('the candidate reads neither the lobby question choice nor anyone’s notes, and everything else', () => {
    const types = readable(participant('candidate', CANDIDATE))
    expect(types).not.toContain('interview.question-set')
    expect(types).not.toContain('note.created')
    expect(types).not.toContain('note.edited')
    expect(types).toEqual(
      expect.arrayContaining([
        'question.fact-revealed',
        'question.hint-given',
        'board.diff',
        'timer.start',
        'chat.message',
        'participant.joined',
        'interview.ended',
      ]),
    )
  })

  it('staff read the question choice; each author reads only their own note events', () => {
    const interviewer = readable(participant('interviewer', INTERVIEWER))
    const observer = readable(participant('observer', OBSERVER))
    expect(interviewer).toContain('interview.question-set')
    expect(observer).toContain('interview.question-set')
    expect(interviewer).toContain('note.created')
    expect(interviewer).not.toContain('note.edited')
    expect(observer).toContain('note.edited')
    expect(observer).not.toContain('note.created')
  })

  it('staff-only follows the permission table, not a role name', () => {
    for (const role of ROLES) {
      expect(canReadTimelineEvent(participant(role, 'someone'), samples['interview.question-set'])).toBe(can(role, 'room:view-staff-panel'))
    }
  })

  it('a participant of another room reads nothing of this one; the server reads everything', () => {
    expect(readable(participant('interviewer', INTERVIEWER, 'another-room'))).toEqual([])
    expect(readable(SERVER_VIEWER)).toEqual(Object.keys(samples))
  })
})
