import type { QuestionPanel, RevealedItem, RoomState } from '../../shared/interview-events.ts'
import { can, type Role } from '../../shared/roles.ts'
import { getPhasePlan, getQuestionForRole, phasePlanForRole } from '../bank/index.ts'
import type { Db } from '../db/connection.ts'
import type { RoomRow } from '../rooms/index.ts'
import { givenHints } from './given-hints.ts'
import { findPhaseActuals, listReveals } from './interview-store.ts'

/** The room's state as `role` may see it (a candidate's phase plan has no "look for" notes). */
export function roomStateFor(db: Db, room: RoomRow, role: Role): RoomState {
  const plan = room.phasePlanId ? getPhasePlan(db, room.phasePlanId) : null
  return {
    status: room.status,
    title: room.title,
    // Before the interview starts, which question it will be is the interviewer's secret.
    questionId: can(role, 'room:view-staff-panel') || room.status !== 'lobby' ? room.questionId : null,
    phasePlan: plan ? phasePlanForRole(plan, role) : null,
    startedAt: room.startedAt,
    endedAt: room.endedAt,
    phaseActuals: room.status === 'completed' ? findPhaseActuals(db, room.id) : null,
  }
}

/**
 * The question panel for one role. The candidate's variant is built from the candidate view of
 * the question (which has no facts or hints at all) plus only the revealed items' texts, so nothing
 * the interviewer has not revealed can reach the candidate's socket.
 */
export function questionPanelFor(db: Db, room: RoomRow, role: Role): QuestionPanel {
  const staff = can(role, 'room:view-staff-panel')
  const empty: QuestionPanel = staff ? { view: 'full', question: null, facts: [], hints: [] } : { view: 'candidate', question: null, facts: [], hints: [] }
  if (!room.questionId || (!staff && room.status === 'lobby')) return empty
  const full = getQuestionForRole(db, room.questionId, 'interviewer')
  if (full?.view !== 'full') return empty
  const reveals = listReveals(db, room.id, room.questionId)
  const withText = (items: Omit<RevealedItem, 'text'>[], texts: string[]): RevealedItem[] =>
    items.flatMap((item) => (texts[item.index] === undefined ? [] : [{ ...item, text: texts[item.index]! }]))
  const facts = withText(reveals.facts, full.clarifyingFacts)
  const hints = givenHints(reveals.hints, full.hints)
  if (staff) return { view: 'full', question: full, facts, hints }
  const candidate = getQuestionForRole(db, room.questionId, 'candidate')
  return { view: 'candidate', question: candidate?.view === 'candidate' ? candidate : null, facts, hints }
}
