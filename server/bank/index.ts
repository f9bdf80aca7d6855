// The question bank's only public door: everything outside server/bank/ imports from here.
export { loadQuestionBank, type LoadBankOptions, type LoadBankResult } from './loader.ts'
export { createBankRouter, type BankRouterDeps } from './bank-router.ts'
export { getPhasePlan, getQuestionForRole, getStarterBoard, listPhasePlans, phasePlanExists, phasePlanForRole, questionExists } from './bank-read.ts'
export { searchQuestions } from './bank-search.ts'
export type { LoadError } from './read-bank-file.ts'
