// The accounts feature's door in the page.
export { AccountNav } from './account-nav.tsx'
export { AuthProvider, RequireMember, useAuth } from './auth-context.tsx'
