import { lazy, Suspense, type ComponentType } from 'react'
import { Link, Route, Switch } from 'wouter'
import { AuthProvider, RequireMember } from './accounts/index.ts'
import { HomePage } from './home/home-page.tsx'

// tldraw is ~600 kB gzipped: only the room route loads it, so the home page stays small.
const RoomRoute = lazy(() => import('./room/room-route.tsx'))
// The bank pages carry the Markdown renderer; the home page does not need it.
const BankPage = lazy(() => import('./bank/bank-page.tsx').then((module) => ({ default: module.BankPage })))
// Practice pages: scheduling and dashboards, split from the home page's bundle.
const SchedulePage = lazy(() => import('./practice/schedule-page.tsx').then((module) => ({ default: module.SchedulePage })))
const ProgressPage = lazy(() => import('./practice/progress-page.tsx').then((module) => ({ default: module.ProgressPage })))
const TeamPage = lazy(() => import('./practice/team-page.tsx').then((module) => ({ default: module.TeamPage })))
const QuestionPage = lazy(() => import('./bank/question-page.tsx').then((module) => ({ default: module.QuestionPage })))
const auth = () => import('./accounts/auth-pages.tsx')
const SetupPage = lazy(() => auth().then((module) => ({ default: module.SetupPage })))
const SignInPage = lazy(() => auth().then((module) => ({ default: module.SignInPage })))
const SignUpPage = lazy(() => auth().then((module) => ({ default: module.SignUpPage })))
const ResetPasswordPage = lazy(() => auth().then((module) => ({ default: module.ResetPasswordPage })))
const AccountPage = lazy(() => import('./accounts/account-page.tsx').then((module) => ({ default: module.AccountPage })))
const MembersPage = lazy(() => import('./accounts/members-page.tsx').then((module) => ({ default: module.MembersPage })))

/** A member-only page: the bank and room creation are the team's; a guest's link goes straight to its room. */
function memberOnly(Page: ComponentType, admin = false) {
  return () => (
    <RequireMember admin={admin}>
      <Page />
    </RequireMember>
  )
}

// Made once, at load: a wrapper made during render would be a new component (and remount its page) each time.
const MemberHome = memberOnly(HomePage)
const MemberBank = memberOnly(BankPage)
const MemberQuestion = memberOnly(QuestionPage)
const MemberAccount = memberOnly(AccountPage)
const AdminMembers = memberOnly(MembersPage, true)
const MemberSchedule = memberOnly(SchedulePage)
const MemberProgress = memberOnly(ProgressPage)
const AdminTeam = memberOnly(TeamPage, true)

export function App() {
  return (
    <AuthProvider>
      <Suspense fallback={<p className="page-status">Loading…</p>}>
        <Switch>
          <Route path="/" component={MemberHome} />
          <Route path="/bank" component={MemberBank} />
          <Route path="/bank/:questionId" component={MemberQuestion} />
          <Route path="/r/:roomId" component={RoomRoute} />
          <Route path="/schedule" component={MemberSchedule} />
          <Route path="/progress" component={MemberProgress} />
          <Route path="/progress/:memberId" component={MemberProgress} />
          <Route path="/team" component={AdminTeam} />
          <Route path="/setup" component={SetupPage} />
          <Route path="/sign-in" component={SignInPage} />
          <Route path="/sign-up" component={SignUpPage} />
          <Route path="/reset" component={ResetPasswordPage} />
          <Route path="/account" component={MemberAccount} />
          <Route path="/admin/members" component={AdminMembers} />
          <Route component={NotFoundPage} />
        </Switch>
      </Suspense>
    </AuthProvider>
  )
}

function NotFoundPage() {
  return (
    <main className="page narrow">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to the start page</Link>.
      </p>
    </main>
  )
}
