import { useCallback, useEffect, useRef, useState } from 'react'
import { SessionListSchema, type SessionList } from '../../../shared/accounts.ts'
import {
  PartnerListSchema,
  ProgressSchema,
  RoleLinkSchema,
  RotationSchema,
  ScheduleResponseSchema,
  TeamProgressSchema,
  UpcomingListSchema,
  type PartnerList,
  type Progress,
  type RoleLink,
  type Rotation,
  type ScheduleBody,
  type ScheduleResponse,
  type TeamProgress,
  type UpcomingList,
} from '../../../shared/practice.ts'
import type { Role } from '../../../shared/roles.ts'
import { apiFetch } from '../api.ts'
import { errorText } from '../bank/bank-api.ts'

/** The practice pages' calls. The member's session cookie rides along; apiFetch adds the CSRF header to changes. */
async function change(path: string, body: unknown): Promise<unknown> {
  return apiFetch<unknown>(path, { method: 'POST', body: JSON.stringify(body) })
}

export const fetchUpcoming = async (): Promise<UpcomingList> => UpcomingListSchema.parse(await apiFetch<unknown>('/api/practice/upcoming'))
export const fetchRecent = async (): Promise<SessionList> => SessionListSchema.parse(await apiFetch<unknown>('/api/sessions?scope=mine&limit=10'))
export const fetchPartners = async (): Promise<PartnerList> => PartnerListSchema.parse(await apiFetch<unknown>('/api/practice/partners'))
export const fetchProgress = async (memberId?: string): Promise<Progress> =>
  ProgressSchema.parse(await apiFetch<unknown>(memberId ? `/api/progress/members/${encodeURIComponent(memberId)}` : '/api/progress/me'))
export const fetchTeamProgress = async (): Promise<TeamProgress> => TeamProgressSchema.parse(await apiFetch<unknown>('/api/progress/team'))

export interface RotationFilters {
  category?: string
  kind?: string
  difficulty?: string
}

export async function fetchRotation(who: { candidateId: string } | { roomId: string }, filters: RotationFilters): Promise<Rotation> {
  const params = new URLSearchParams(who as Record<string, string>)
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value)
  return RotationSchema.parse(await apiFetch<unknown>(`/api/practice/rotation?${params}`))
}

export async function scheduleSession(body: Partial<ScheduleBody>): Promise<ScheduleResponse> {
  return ScheduleResponseSchema.parse(await change('/api/practice/sessions', body))
}

/** A fresh link for one's own role in a room: the way back in (the first links were shown once). */
export async function fetchMyLink(roomId: string, role?: Role): Promise<RoleLink> {
  return RoleLinkSchema.parse(await change(`/api/practice/rooms/${encodeURIComponent(roomId)}/my-link`, role ? { role } : {}))
}

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; message: string }

/** Loads when `key` changes (and again on `reload`): `load` is recreated each render, the key says when the request really changes. */
export function useLoaded<T>(load: () => Promise<T>, key: string): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ state: 'loading' })
  const [version, setVersion] = useState(0)
  const reload = useCallback(() => setVersion((value) => value + 1), [])
  const latest = useRef(load)
  latest.current = load
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `version` are exactly when to load again.
  useEffect(() => {
    let live = true
    latest.current().then(
      (data) => live && setState({ state: 'ready', data }),
      (error: unknown) => live && setState({ state: 'error', message: errorText(error, 'This could not be loaded.') }),
    )
    return () => {
      live = false
    }
  }, [key, version])
  return { ...state, reload }
}
