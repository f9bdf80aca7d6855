/**
 * Practising together and progress: scheduled sessions and swaps (ordinary rooms with seats for
 * members), the way back into one's own rooms, question rotation, dashboards. The only door.
 */
import type { Router } from 'express'
import { createPracticeRouter, type PracticeRouterDeps } from './practice-router.ts'
import { createProgressRouter } from './progress-router.ts'

export type PracticeFeatureDeps = PracticeRouterDeps

export function createPracticeRouters(deps: PracticeFeatureDeps): Record<string, Router> {
  return {
    '/practice': createPracticeRouter(deps),
    '/progress': createProgressRouter({ db: deps.db, door: deps.door }),
  }
}
