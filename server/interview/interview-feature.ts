import { phasesFromPlan } from '../../shared/interview-events.ts'
import { ErrorCode } from '../../shared/errors.ts'
import { can } from '../../shared/roles.ts'
import type { StarterBoard } from '../../shared/bank.ts'
import { getPhasePlan, getQuestionForRole, getStarterBoard, phasePlanExists, questionExists } from '../bank/index.ts'
import type { Db } from '../db/connection.ts'
import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import type { Logger } from '../log.ts'
import { candidateChannel, staffChannel } from '../realtime/channels.ts'
import { onEvent, type RoomServer, type RoomSocket } from '../realtime/socket-server.ts'
import { findRoom, type RoomRow } from '../rooms/index.ts'
import type { TimerService } from '../timer/index.ts'
import type { BoardRooms } from '../whiteboard/board-rooms.ts'
import { replaceUntouchedStarter } from '../whiteboard/board-seed.ts'
import { givenHints, rungsGiven } from './given-hints.ts'
import { FACT_REVEALED, HINT_GIVEN, INTERVIEW_ENDED, listReveals, updateRoomWithEvent } from './interview-store.ts'
import { questionPanelFor, roomStateFor } from './interview-views.ts'

export interface InterviewDeps {
  db: Db
  io: RoomServer
  log: Logger
  timer: TimerService
  boards: BoardRooms
}

/**
 * The session itself: lobby → live → completed, the question and phase plan, and what the
 * candidate has been shown. Every handler reads as parse (onEvent), authorize, act, log, publish.
 */
export class InterviewFeature {
  private readonly deps: InterviewDeps
  private readonly log: Logger

  constructor(deps: InterviewDeps) {
    this.deps = deps
    this.log = deps.log.child({ feature: 'interview' })
  }

  handleConnection(socket: RoomSocket): void {
    const { roomId, role } = socket.data
    const room = this.room(roomId)
    socket.emit('room:state', roomStateFor(this.deps.db, room, role))
    socket.emit('question:panel', questionPanelFor(this.deps.db, room, role))

    const log = this.log
    onEvent(socket, log, 'interview:start', () => this.asInterviewer(socket, (room, by) => this.start(room, by)))
    onEvent(socket, log, 'interview:end', () => this.asInterviewer(socket, (room, by) => this.end(room, by)))
    onEvent(socket, log, 'interview:set-question', ({ questionId }) => this.asInterviewer(socket, (room, by) => this.setQuestion(room, questionId, by)))
    onEvent(socket, log, 'interview:set-phase-plan', ({ phasePlanId }) => this.asInterviewer(socket, (room, by) => this.setPhasePlan(room, phasePlanId, by)))
    onEvent(socket, log, 'question:reveal-fact', ({ index }) => this.asInterviewer(socket, (room, by) => this.revealFact(room, index, by)))
    onEvent(socket, log, 'question:give-hint', ({ topicId }) => this.asInterviewer(socket, (room, by) => this.giveHint(room, topicId, by)))
  }

  /** Runs an action only for a role allowed to run the interview; anyone else gets FORBIDDEN and nothing changes. */
  private asInterviewer<R extends object>(socket: RoomSocket, act: (room: RoomRow, participantId: string) => R): R {
    if (!can(socket.data.role, 'interview:run')) throw forbidden()
    return act(this.room(socket.data.roomId), socket.data.participantId)
  }

  /** The starter board a new room's board opens with: its question's, if the question has one. */
  starterBoardFor(roomId: string): StarterBoard | null {
    const room = this.room(roomId)
    return room.questionId ? getStarterBoard(this.deps.db, room.questionId) : null
  }

  /** Sets up the timer of a room that was just created, from its phase plan. */
  initializeRoom(roomId: string): void {
    const room = this.room(roomId)
    const plan = room.phasePlanId ? getPhasePlan(this.deps.db, room.phasePlanId) : null
    if (plan) this.deps.timer.initialize(roomId, phasesFromPlan(plan))
  }

  private start(room: RoomRow, participantId: string) {
    if (room.status !== 'lobby') throw conflict('The interview has already started.')
    const now = Date.now()
    const started = this.deps.timer.apply(room.id, { type: 'start' }, now, participantId)
    if (!started.ok) throw conflict(started.error.message)
    updateRoomWithEvent(this.deps.db, room.id, { status: 'live', startedAt: now }, { type: 'interview.started', participantId, payload: {} }, now)
    this.log.info({ roomId: room.id, participantId }, 'interview started')
    this.publishRoomState(room.id)
    // The candidate's panel was empty in the lobby: the question appears as the interview starts.
    this.publishPanels(room.id)
    return {}
  }

  private end(room: RoomRow, participantId: string) {
    if (room.status !== 'live') throw conflict(room.status === 'lobby' ? 'The interview has not started.' : 'The interview has already ended.')
    const now = Date.now()
    const ended = this.deps.timer.end(room.id, now, participantId)
    const actuals = ended.ok ? ended.actuals : []
    updateRoomWithEvent(this.deps.db, room.id, { status: 'completed', endedAt: now }, { type: INTERVIEW_ENDED, participantId, payload: { actuals } }, now)
    // The board is frozen for everyone: the session's final state is what scoring and replay read.
    this.deps.boards.freeze(room.id)
    this.log.info({ roomId: room.id, participantId, durationMs: now - (room.startedAt ?? now) }, 'interview ended')
    this.publishRoomState(room.id)
    return {}
  }

  private setQuestion(room: RoomRow, questionId: string | null, participantId: string) {
    this.requireLobby(room)
    if (questionId !== null && !questionExists(this.deps.db, questionId)) throw notFound(ErrorCode.QUESTION_NOT_FOUND, 'There is no such question in the bank.')
    const now = Date.now()
    updateRoomWithEvent(this.deps.db, room.id, { questionId }, { type: 'interview.question-set', participantId, payload: { questionId } }, now)
    const question = questionId ? getQuestionForRole(this.deps.db, questionId, 'interviewer') : null
    // A question comes with a suggested plan; adopting it keeps the clock in line with the question.
    if (question && question.phasePlanId !== room.phasePlanId && phasePlanExists(this.deps.db, question.phasePlanId)) {
      this.setPhasePlan(this.room(room.id), question.phasePlanId, participantId)
    }
    this.log.info({ roomId: room.id, questionId, participantId }, 'question set')
    this.swapStarterBoard(room.id, room.questionId, questionId)
    this.publishRoomState(room.id)
    this.publishPanels(room.id)
    return {}
  }

  /** A board still showing only the previous question's untouched starter gets the new question's starter. */
  private swapStarterBoard(roomId: string, previousId: string | null, nextId: string | null): void {
    if (previousId === nextId) return
    const previous = previousId ? getStarterBoard(this.deps.db, previousId) : null
    const next = nextId ? getStarterBoard(this.deps.db, nextId) : null
    if (!previous && !next) return
    this.deps.boards
      .change(roomId, (doc) => {
        const replaced = replaceUntouchedStarter(doc, previous, next)
        this.log.info({ roomId, questionId: nextId, replaced }, replaced ? 'starter board replaced' : 'starter board kept: the board was edited')
      })
      .catch((error: unknown) => this.log.error({ err: error, roomId }, 'starter board swap failed'))
  }

  private setPhasePlan(room: RoomRow, phasePlanId: string, participantId: string) {
    this.requireLobby(room)
    const plan = getPhasePlan(this.deps.db, phasePlanId)
    if (!plan || !phasePlanExists(this.deps.db, phasePlanId)) throw new AppError(ErrorCode.NOT_FOUND, 404, 'There is no such phase plan in the bank.')
    const now = Date.now()
    const phases = phasesFromPlan(plan)
    const replaced = this.deps.timer.get(room.id)
      ? this.deps.timer.replacePhases(room.id, phases, now, participantId)
      : { ok: true as const, state: this.deps.timer.initialize(room.id, phases, now) }
    if (!replaced.ok) throw conflict(replaced.error.message)
    updateRoomWithEvent(this.deps.db, room.id, { phasePlanId }, { type: 'interview.phase-plan-set', participantId, payload: { phasePlanId } }, now)
    this.publishRoomState(room.id)
    return {}
  }

  private revealFact(room: RoomRow, index: number, participantId: string) {
    const question = this.requireLiveQuestion(room)
    if (index >= question.clarifyingFacts.length) throw conflict(`This question has ${question.clarifyingFacts.length} clarifying facts.`)
    const already = listReveals(this.deps.db, room.id, question.id).facts.some((fact) => fact.index === index)
    if (!already) {
      updateRoomWithEvent(this.deps.db, room.id, {}, { type: FACT_REVEALED, participantId, payload: { questionId: question.id, index } }, Date.now())
      this.log.info({ roomId: room.id, index, participantId }, 'fact revealed')
      this.publishPanels(room.id)
    }
    return {}
  }

  /** The next rung of one topic: rungs are given in order, so a topic's ladder is climbed one step at a time. */
  private giveHint(room: RoomRow, topicId: string, participantId: string) {
    const question = this.requireLiveQuestion(room)
    const topic = question.hints.find((candidate) => candidate.id === topicId)
    if (!topic) throw new AppError(ErrorCode.NOT_FOUND, 404, 'This question has no such hint topic.')
    const rung = rungsGiven(givenHints(listReveals(this.deps.db, room.id, question.id).hints, question.hints), topicId) + 1
    if (rung > topic.rungs.length) throw conflict(`Every rung of "${topic.name}" has been given.`)
    updateRoomWithEvent(this.deps.db, room.id, {}, { type: HINT_GIVEN, participantId, payload: { questionId: question.id, topicId, rung } }, Date.now())
    this.log.info({ roomId: room.id, topicId, rung, participantId }, 'hint given')
    this.publishPanels(room.id)
    return {}
  }

  private requireLobby(room: RoomRow): void {
    if (room.status !== 'lobby') throw conflict('The question and the plan can only change before the interview starts.')
  }

  private requireLiveQuestion(room: RoomRow) {
    if (room.status !== 'live') throw conflict('Facts and hints are given while the interview is running.')
    const question = room.questionId ? getQuestionForRole(this.deps.db, room.questionId, 'interviewer') : null
    if (question?.view !== 'full') throw conflict('This room has no question.')
    return question
  }

  private room(roomId: string): RoomRow {
    const room = findRoom(this.deps.db, roomId)
    if (!room) throw notFound(ErrorCode.ROOM_NOT_FOUND, 'There is no such room.')
    return room
  }

  /** Per role, never one payload for all: a candidate's socket only ever gets the candidate's variant. */
  private publishRoomState(roomId: string): void {
    const room = this.room(roomId)
    this.deps.io.to(staffChannel(roomId)).emit('room:state', roomStateFor(this.deps.db, room, 'interviewer'))
    this.deps.io.to(candidateChannel(roomId)).emit('room:state', roomStateFor(this.deps.db, room, 'candidate'))
  }

  private publishPanels(roomId: string): void {
    const room = this.room(roomId)
    this.deps.io.to(staffChannel(roomId)).emit('question:panel', questionPanelFor(this.deps.db, room, 'interviewer'))
    this.deps.io.to(candidateChannel(roomId)).emit('question:panel', questionPanelFor(this.deps.db, room, 'candidate'))
  }
}
