import { lazy, Suspense } from 'react'
import { Link, Route, Switch } from 'wouter'
import { HomePage } from './home/home-page.tsx'

// tldraw is ~600 kB gzipped: only the room route loads it, so the home page stays small.
const RoomRoute = lazy(() => import('./room/room-route.tsx'))
// The bank pages carry the Markdown renderer; the home page does not need it.
const BankPage = lazy(() => import('./bank/bank-page.tsx').then((module) => ({ default: module.BankPage })))
const QuestionPage = lazy(() => import('./bank/question-page.tsx').then((module) => ({ default: module.QuestionPage })))

export function App() {
  return (
    <Suspense fallback={<p className="page-status">Loading…</p>}>
      <Switch>
        <Route path="/" component={HomePage} />
        <Route path="/bank" component={BankPage} />
        <Route path="/bank/:questionId" component={QuestionPage} />
        <Route path="/r/:roomId" component={RoomRoute} />
        <Route component={NotFoundPage} />
      </Switch>
    </Suspense>
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
