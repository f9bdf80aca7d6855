import { applyTransition, createTimer, DEFAULT_PHASES, phaseActuals, type TimerState, type TimerTransition } from '../../../shared/timer.ts'
import type { TimelineEventOf, TimelineEventType } from '../../../shared/timeline.ts'

export const ROOM_ID = 'timeline-room-1'
export const INTERVIEWER = 'p-interviewer-1'
export const CANDIDATE = 'p-candidate-1'
export const OBSERVER = 'p-observer-1'
export const T0 = 1_800_000_000_000

/** Runs real transitions of the shared timer, so the samples carry states the server would store. */
function timerAfter(transitions: TimerTransition[], at: number): TimerState {
  let state = createTimer(DEFAULT_PHASES)
  for (const transition of transitions) {
    const next = applyTransition(state, transition, at)
    if (!next.ok) throw new Error(next.error.message)
    state = next.state
  }
  return state
}

const started = timerAfter([{ type: 'start' }], T0)
const paused = timerAfter([{ type: 'start' }, { type: 'pause' }], T0 + 1)
const resumed = timerAfter([{ type: 'start' }, { type: 'pause' }, { type: 'resume' }], T0 + 2)
const next = timerAfter([{ type: 'start' }, { type: 'next' }], T0 + 3)
const previous = timerAfter([{ type: 'start' }, { type: 'next' }, { type: 'previous' }], T0 + 4)
const extended = timerAfter([{ type: 'start' }, { type: 'extend', minutes: 2 }], T0 + 5)
const ended = timerAfter([{ type: 'start' }, { type: 'end' }], T0 + 6)
const transition = (state: TimerState) => ({ phaseId: state.phases[state.phaseIndex]!.id, phaseIndex: state.phaseIndex, state })

/**
 * One valid event of every type, with payloads shaped exactly as the server's writers build them.
 * Typed as a complete map: a new event type without a sample here does not compile.
 */
export function sampleEvents(roomId = ROOM_ID): { [T in TimelineEventType]: TimelineEventOf<T> } {
  const base = { roomId, at: T0, v: 1 } as const
  return {
    'room.created': { ...base, participantId: null, type: 'room.created', payload: { title: 'Design a URL shortener' } },
    'participant.joined': { ...base, participantId: CANDIDATE, type: 'participant.joined', payload: { role: 'candidate', name: 'Ada' } },
    'participant.renamed': { ...base, participantId: CANDIDATE, type: 'participant.renamed', payload: { name: 'Ada L.' } },
    'participant.left': { ...base, participantId: CANDIDATE, type: 'participant.left', payload: {} },
    'interview.question-set': { ...base, participantId: INTERVIEWER, type: 'interview.question-set', payload: { questionId: 'url-shortener' } },
    'interview.phase-plan-set': { ...base, participantId: INTERVIEWER, type: 'interview.phase-plan-set', payload: { phasePlanId: 'standard-45' } },
    'interview.started': { ...base, participantId: INTERVIEWER, type: 'interview.started', payload: {} },
    'interview.ended': { ...base, participantId: INTERVIEWER, type: 'interview.ended', payload: { actuals: phaseActuals(ended, T0 + 6) } },
    'question.fact-revealed': { ...base, participantId: INTERVIEWER, type: 'question.fact-revealed', payload: { questionId: 'url-shortener', index: 0 } },
    'question.hint-given': { ...base, participantId: INTERVIEWER, type: 'question.hint-given', payload: { questionId: 'url-shortener', index: 1 } },
    'timer.start': { ...base, participantId: INTERVIEWER, type: 'timer.start', payload: transition(started) },
    'timer.pause': { ...base, participantId: INTERVIEWER, type: 'timer.pause', payload: transition(paused) },
    'timer.resume': { ...base, participantId: INTERVIEWER, type: 'timer.resume', payload: transition(resumed) },
    'timer.next': { ...base, participantId: INTERVIEWER, type: 'timer.next', payload: transition(next) },
    'timer.previous': { ...base, participantId: INTERVIEWER, type: 'timer.previous', payload: transition(previous) },
    'timer.extend': { ...base, participantId: INTERVIEWER, type: 'timer.extend', payload: { ...transition(extended), minutes: 2 } },
    'timer.end': { ...base, participantId: INTERVIEWER, type: 'timer.end', payload: { ...transition(ended), actuals: phaseActuals(ended, T0 + 6) } },
    'timer.plan-replaced': { ...base, participantId: null, type: 'timer.plan-replaced', payload: { state: { ...createTimer(DEFAULT_PHASES), revision: 1 } } },
    'note.created': { ...base, participantId: INTERVIEWER, type: 'note.created', payload: { noteId: 'note-0001', revisionId: 'rev-00001', phaseId: null } },
    'note.edited': {
      ...base,
      participantId: OBSERVER,
      type: 'note.edited',
      payload: { noteId: 'note-0002', revisionId: 'rev-00003', revision: 2, phaseId: 'clarify' },
    },
    'chat.message': { ...base, participantId: CANDIDATE, type: 'chat.message', payload: { messageId: 'chat-0001' } },
    'board.diff': { ...base, participantId: null, type: 'board.diff', payload: { seq: 3, bytes: 412 } },
  }
}

/**
 * The samples as a writer writes them today: the current version of every type. `sampleEvents`
 * keeps the first version of each, which is how rows written before a version bump look.
 */
export function currentSampleEvents(roomId = ROOM_ID): { [T in TimelineEventType]: TimelineEventOf<T> } {
  const samples = sampleEvents(roomId)
  const hint = samples['question.hint-given']
  return { ...samples, 'question.hint-given': { ...hint, v: 2, payload: { questionId: 'url-shortener', topicId: 'unique-codes', rung: 1 } } }
}
