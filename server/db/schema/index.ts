// Every table, one file per feature. drizzle-kit reads this file to generate migrations/.
export * from './rooms.ts'
export * from './board.ts'
export * from './bank.ts'
export * from './notes.ts'
export * from './chat.ts'
export * from './timer.ts'
export * from './accounts.ts'
export * from './practice.ts'
