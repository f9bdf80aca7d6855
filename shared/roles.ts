import * as z from 'zod/mini'

export const ROLES = ['interviewer', 'candidate', 'observer'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

/**
 * Who is asking, as the permission table sees it: a guest holding an invite (one role in one
 * room), or someone who presented no credential at all. The team-accounts feature adds a `member`
 * row here; until it lands, "no credential" is the team on its own machine.
 */
export const NO_CREDENTIAL = 'anonymous'
export type Principal = Role | typeof NO_CREDENTIAL
export const PRINCIPALS = [NO_CREDENTIAL, ...ROLES] as const satisfies readonly Principal[]

/**
 * What each principal may do or see: the one table both sides read. The server enforces it on
 * every REST call and socket event (and uses it to pick what a caller receives); the client only
 * uses it to hide controls that would be refused.
 */
export const PERMISSIONS = {
  /** Search and list the question bank (titles, tags, difficulty). */
  'bank:search': [NO_CREDENTIAL, 'interviewer', 'candidate', 'observer'],
  /**
   * The bank's answer key: reference outline, facts, hints, rubric, each phase's "look for".
   * No credential may read it only because there are no accounts yet (the team browsing its own
   * library on its own machine); the accounts feature moves this to members.
   */
  'bank:view-answer-key': [NO_CREDENTIAL, 'interviewer', 'observer'],
  /** Create an interview room. A guest link opens one session, nothing else. */
  'room:create': [NO_CREDENTIAL],
  /** Read the room's session (title, question, one's own role) and take a board ticket. */
  'room:enter': ['interviewer', 'candidate', 'observer'],
  'board:edit': ['interviewer', 'candidate'],
  'room:view-participants': ['interviewer', 'candidate', 'observer'],
  /** The interviewer's panel: reference outline, all hints and facts, rubric. Never the candidate. */
  'room:view-staff-panel': ['interviewer', 'observer'],
  /** Private notes: each author sees only their own, so the observer writes notes too. */
  'notes:write': ['interviewer', 'observer'],
  'chat:send': ['interviewer', 'candidate', 'observer'],
  /** Start, pause, resume, move between and extend phases. Ending the interview is a room action. */
  'timer:control': ['interviewer'],
  /** Start and end the interview, pick its question and plan in the lobby, reveal facts and give hints. */
  'interview:run': ['interviewer'],
} as const satisfies Record<string, readonly Principal[]>

export type Action = keyof typeof PERMISSIONS
export const ACTIONS = Object.keys(PERMISSIONS) as Action[]

export function can(who: Principal, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Principal[]).includes(who)
}

export const ROLE_LABELS: Record<Role, string> = {
  interviewer: 'Interviewer',
  candidate: 'Candidate',
  observer: 'Observer',
}
