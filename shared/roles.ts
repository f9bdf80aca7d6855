import * as z from 'zod/mini'

export const ROLES = ['interviewer', 'candidate', 'observer'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

/** A member's standing in the team: an admin also manages members and backups. */
export const MEMBER_ROLES = ['admin', 'member'] as const
export const MemberRoleSchema = z.enum(MEMBER_ROLES)
export type MemberRole = z.infer<typeof MemberRoleSchema>

/**
 * Who is asking, as the permission table sees it: a member of the team (signed in, or with a
 * personal API token), an admin, a guest holding an invite (one role in one room), or someone who
 * presented no credential at all — who may read nothing but the sign-in and setup pages, the
 * client's config, /healthz and the page's assets.
 */
export const NO_CREDENTIAL = 'anonymous'
export type Principal = Role | MemberRole | typeof NO_CREDENTIAL
export const PRINCIPALS = [NO_CREDENTIAL, ...ROLES, 'member', 'admin'] as const satisfies readonly Principal[]

const TEAM = ['member', 'admin'] as const

/**
 * What each principal may do or see: the one table both sides read. The server enforces it on
 * every REST call and socket event (and uses it to pick what a caller receives); the client only
 * uses it to hide controls that would be refused.
 *
 * The room rows (room:*, board, notes, chat, timer, interview) are read with the role of the
 * invite a caller holds: a member in a room is there through a link like anyone else.
 */
export const PERMISSIONS = {
  /**
   * Search and list the question bank. Members only: a guest's link opens one session, and a
   * search over the bank would let a candidate probe it (the search indexes the reference outline).
   */
  'bank:search': TEAM,
  /** The bank's answer key: reference outline, facts, hints, rubric, each phase's "look for". */
  'bank:view-answer-key': TEAM,
  /** Create an interview room. A guest link opens one session, nothing else. */
  'room:create': TEAM,
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
  /** List the sessions one took part in (created, or joined through a link while signed in) and those shared with the team. */
  'sessions:list': TEAM,
  /** Every session of the team, shared or not. */
  'sessions:read-all': ['admin'],
  /** Share a session one took part in with the whole team, or stop sharing it. */
  'sessions:share': TEAM,
  /** One's own account: change the password, create, list and revoke personal API tokens. */
  'account:manage': TEAM,
  /** Invite, list, reset, deactivate and reactivate members; team settings (self-sign-up). */
  'members:manage': ['admin'],
  /** Make a consistent copy of the live database. */
  'team:backup': ['admin'],
  /** Schedule a session with members of the team (or open one to start now), list one's upcoming sessions, see a candidate's question rotation. */
  'practice:schedule': TEAM,
  /** A fresh link for a role one holds in a room (a seat, or a role one entered in): the way back into one's own rooms, never into another role. */
  'practice:rejoin': TEAM,
  /** From part 1 of a swap, once it has ended: the holder's link into part 2, seat reversed. Read with the invite's role. */
  'room:swap': ['interviewer', 'candidate', 'observer'],
  /** One's own dashboard: sessions by seat over time, time per phase against the plan. */
  'progress:view-own': TEAM,
  /** The team page: every member's practice, and anyone's dashboard. */
  'progress:view-team': ['admin'],
} as const satisfies Record<string, readonly Principal[]>

export type Action = keyof typeof PERMISSIONS
export const ACTIONS = Object.keys(PERMISSIONS) as Action[]

export function can(who: Principal, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Principal[]).includes(who)
}

export function isTeamPrincipal(who: Principal): who is MemberRole {
  return who === 'member' || who === 'admin'
}

export const ROLE_LABELS: Record<Role, string> = {
  interviewer: 'Interviewer',
  candidate: 'Candidate',
  observer: 'Observer',
}
