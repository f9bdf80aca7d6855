import { Link } from 'wouter'
import { useAuth } from './auth-context.tsx'

/** The signed-in member's links, at the top of every member page. */
export function AccountNav() {
  const { state, signOut } = useAuth()
  const member = state?.member
  if (!member) return null
  return (
    <nav className="account-nav" aria-label="Account">
      <Link to="/">Home</Link>
      <Link to="/bank">Question bank</Link>
      {member.role === 'admin' && <Link to="/admin/members">Members</Link>}
      <span className="account-nav-spacer" />
      <Link to="/account">{member.displayName}</Link>
      <button type="button" className="small" onClick={() => void signOut()}>
        Sign out
      </button>
    </nav>
  )
}
