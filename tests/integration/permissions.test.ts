import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QuestionPanel } from '../../shared/interview-events.ts'
import { ACTIONS, can, NO_CREDENTIAL, PRINCIPALS, type Action, type Principal, type Role } from '../../shared/roles.ts'
import { SqliteBoardStore } from '../../server/whiteboard/board-store.ts'
import { boardStateAt } from '../../server/whiteboard/room-doc.ts'
import { boardRecords } from '../../server/whiteboard/board-seed.ts'
import { connectBoard, type BoardClient } from './helpers/board-client.ts'
import { connectRoomSocket, emitWithAck, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestRoom, type TestServer } from './helpers/test-server.ts'
import { createMemberWithToken, type TestMember } from './helpers/accounts.ts'
import { waitFor } from './helpers/wait-for.ts'

/**
 * Walks every row of the permission table (no credential, each invite role, a member, an admin) ×
 * every action over the real REST routes, socket events and board socket, and checks the server
 * allows exactly what shared/roles.ts says. A new action fails to compile here until it has a probe.
 * Members and admins hold a personal token and no invite: room actions need a link, whoever you are.
 */
let server: TestServer
let room: TestRoom
const team = new Map<'member' | 'admin', TestMember>()
const sockets = new Map<Role, TestRoomSocket>()
const boards: BoardClient[] = []
let watcher: BoardClient

beforeAll(async () => {
  server = await startTestServer()
  team.set('admin', await server.admin())
  team.set('member', await createMemberWithToken(server))
  // The member creates the room, so that they took part in it (and may share it).
  room = await server.createRoom({ questionId: 'url-shortener' }, team.get('member'))
  for (const role of ['interviewer', 'candidate', 'observer'] as const) {
    const socket = await connectRoomSocket(server.url, room.roomId, room.tokens[role], { name: role })
    await waitFor(() => socket.received.some((entry) => entry.event === 'question:panel'), { what: `${role}'s first panel` })
    sockets.set(role, socket)
  }
  watcher = await connectBoard(server.url, room.roomId, room.tokens.interviewer, { name: 'watcher' })
  boards.push(watcher)
  // One server, three sockets and a board for the whole walk: more setup than one test's hook budget on a busy machine.
}, 60_000)

afterAll(async () => {
  for (const socket of sockets.values()) socket.disconnect()
  for (const board of boards) board.destroy()
  await server?.destroy()
})

const isRole = (who: Principal): who is Role => who !== NO_CREDENTIAL && who !== 'member' && who !== 'admin'
function authorization(who: Principal): Record<string, string> {
  if (who === NO_CREDENTIAL) return {}
  return { Authorization: `Bearer ${isRole(who) ? room.tokens[who] : team.get(who)!.token}` }
}
const get = (path: string, who: Principal) => fetch(`${server.url}${path}`, { headers: authorization(who) })
const send = (method: string, path: string, who: Principal, body: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: { ...authorization(who), 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const post = (path: string, who: Principal, body: unknown) => send('POST', path, who, body)

/** A socket event's verdict: refused means FORBIDDEN (or, without a credential, no socket at all). */
async function eventAllowed(who: Principal, event: string, payload: unknown): Promise<boolean> {
  if (!isRole(who)) return false
  const ack = await emitWithAck(sockets.get(who)!, event, payload)
  return ack.ok || ack.error?.code !== 'FORBIDDEN'
}

function persistedShapes(): string[] {
  const doc = boardStateAt(new SqliteBoardStore(server.db.$client), room.roomId, Date.now())
  const ids = [...boardRecords(doc).map.keys()]
  doc.destroy()
  return ids
}

/** An edit is allowed when it reaches the database; refused when a later edit of an allowed peer is stored and it is not. */
async function boardEditAllowed(who: Principal): Promise<boolean> {
  if (!isRole(who)) return (await post(`/api/rooms/${room.roomId}/board-ticket`, who, { name: 'nobody', clientKey: 'nobody-key' })).status === 201
  const board = await connectBoard(server.url, room.roomId, room.tokens[who], { name: who })
  boards.push(board)
  const id = `shape:probe-${who}`
  board.putShape(id)
  await waitFor(() => board.provider.ws?.bufferedAmount === 0, { what: 'the probe edit sent' })
  const marker = `shape:after-${who}`
  watcher.putShape(marker)
  await waitFor(() => persistedShapes().includes(marker), { what: 'the marker stored' })
  await waitFor(() => board.shapeIds().includes(marker), { what: 'the marker at the probe' })
  return persistedShapes().includes(id)
}

function lastPanel(who: Role): QuestionPanel {
  return sockets
    .get(who)!
    .received.filter((entry) => entry.event === 'question:panel')
    .at(-1)!.args[0] as QuestionPanel
}

const probes: Record<Action, (who: Principal) => Promise<boolean>> = {
  'bank:search': async (who) => {
    const search = await get('/api/questions?q=url', who)
    expect(search.status).toBe(can(who, 'bank:search') ? 200 : who === NO_CREDENTIAL ? 401 : 403)
    return search.status === 200
  },
  'bank:view-answer-key': async (who) => {
    const response = await get('/api/questions/url-shortener', who)
    const plans = await get('/api/questions/phase-plans', who)
    expect(plans.status).toBe(response.status)
    if (response.status !== 200) {
      // Without a credential: 401, never any view; a guest link: 403.
      expect(response.status).toBe(who === NO_CREDENTIAL ? 401 : 403)
      expect(JSON.stringify(await response.json())).not.toContain('referenceOutline')
      return false
    }
    const question = (await response.json()) as { view: string; hints?: unknown }
    const items = ((await plans.json()) as { items: { phases: { lookFor: string[] }[] }[] }).items
    expect(question.view === 'full').toBe(items.some((plan) => plan.phases.some((phase) => phase.lookFor.length > 0)))
    return question.view === 'full' && question.hints !== undefined
  },
  'room:create': async (who) => (await post('/api/rooms', who, {})).status === 201,
  'room:enter': async (who) => {
    const session = await get(`/api/rooms/${room.roomId}/session`, who)
    const ticket = await post(`/api/rooms/${room.roomId}/board-ticket`, who, { name: 'probe', clientKey: `probe-${who}` })
    expect(session.status === 200).toBe(ticket.status === 201)
    return session.status === 200
  },
  'board:edit': boardEditAllowed,
  'room:view-participants': async (who) => {
    if (!isRole(who)) {
      await expect(connectRoomSocket(server.url, room.roomId, '')).rejects.toThrow(/not valid/)
      return false
    }
    return sockets.get(who)!.received.some((entry) => entry.event === 'room:participants')
  },
  'room:view-staff-panel': async (who) => isRole(who) && lastPanel(who).view === 'full',
  'notes:write': (who) => eventAllowed(who, 'note:create', { noteId: `note-${who}-1`, revisionId: `rev-${who}-1`, body: 'probe' }),
  'chat:send': (who) => eventAllowed(who, 'chat:send', { messageId: `chat-${who}-1`, body: 'probe' }),
  'timer:control': (who) => eventAllowed(who, 'timer:extend', { minutes: 1 }),
  'interview:run': (who) => eventAllowed(who, 'interview:set-phase-plan', { phasePlanId: 'standard-45' }),
  'sessions:list': async (who) => (await get('/api/sessions', who)).status === 200,
  'sessions:read-all': async (who) => (await get('/api/sessions?scope=all', who)).status === 200,
  'sessions:share': async (who) => (await send('PUT', `/api/sessions/${room.roomId}/sharing`, who, { shared: false })).status === 200,
  'account:manage': async (who) => (await get('/api/account/tokens', who)).status === 200,
  'members:manage': async (who) => (await get('/api/members', who)).status === 200,
  'team:backup': async (who) => (await post('/api/admin/backups', who, {})).status === 201,
  'practice:schedule': async (who) => (await get('/api/practice/upcoming', who)).status === 200,
  'practice:rejoin': async (who) => {
    // A member comes back into a room of their own; anyone else asks about the shared room (and holds no member seat in it).
    const own = who === 'member' || who === 'admin' ? (await server.createRoom({}, team.get(who))).roomId : room.roomId
    return (await post(`/api/practice/rooms/${own}/my-link`, who, {})).status === 201
  },
  'room:swap': async (who) => (await get(`/api/practice/rooms/${room.roomId}/swap`, who)).status === 200,
  'progress:view-own': async (who) => (await get('/api/progress/me', who)).status === 200,
  'progress:view-team': async (who) => {
    const list = await get('/api/progress/team', who)
    const first = list.status === 200 ? ((await list.json()) as { members: { memberId: string }[] }).members[0]!.memberId : 'some-member-id'
    const one = await get(`/api/progress/members/${first}`, who)
    expect(one.status === 200).toBe(list.status === 200)
    return list.status === 200
  },
}

describe('the permission table, enforced', () => {
  for (const who of PRINCIPALS) {
    it(`${who}: every action is allowed or refused exactly as shared/roles.ts says`, async () => {
      const verdicts: Record<string, boolean> = {}
      for (const action of ACTIONS) verdicts[action] = await probes[action](who)
      // Nothing but the sign-in and setup pages' API answers a stranger.
      if (who === NO_CREDENTIAL) expect(Object.values(verdicts).some(Boolean)).toBe(false)
      expect(verdicts).toEqual(Object.fromEntries(ACTIONS.map((action) => [action, can(who, action)])))
    }, 60_000)
  }

  it('the candidate is refused everything that carries the answer key', () => {
    for (const action of [
      'bank:search',
      'bank:view-answer-key',
      'room:view-staff-panel',
      'notes:write',
      'timer:control',
      'interview:run',
      'sessions:list',
    ] as const) {
      expect(can('candidate', action)).toBe(false)
    }
  })
})
