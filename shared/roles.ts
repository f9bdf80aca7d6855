import * as z from 'zod/mini'

export const ROLES = ['interviewer', 'candidate', 'observer'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

/**
 * What each role may do: the one table both sides read. The server enforces it on every
 * REST call and socket event; the client only uses it to hide controls that would be refused.
 */
export const PERMISSIONS = {
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
} as const satisfies Record<string, readonly Role[]>

export type Action = keyof typeof PERMISSIONS

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role)
}

export const ROLE_LABELS: Record<Role, string> = {
  interviewer: 'Interviewer',
  candidate: 'Candidate',
  observer: 'Observer',
}
