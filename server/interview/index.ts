// The interview session's only public door: lobby → live → completed, question panel, reveals.
export { InterviewFeature, type InterviewDeps } from './interview-feature.ts'
export { findPhaseActuals } from './interview-store.ts'
