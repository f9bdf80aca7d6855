import { lazy, Suspense } from 'react'
import { BrowserRouter, Link, Route, Routes } from 'react-router'
import { HomePage } from './home/home-page.tsx'

// tldraw is ~600 kB gzipped: only the room route loads it, so the home page stays small.
const RoomRoute = lazy(() => import('./room/room-route.tsx'))
// The bank pages carry the Markdown renderer; the home page does not need it.
const BankPage = lazy(() => import('./bank/bank-page.tsx').then((module) => ({ default: module.BankPage })))
const QuestionPage = lazy(() => import('./bank/question-page.tsx').then((module) => ({ default: module.QuestionPage })))

export function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<p className="page-status">Loading…</p>}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/bank" element={<BankPage />} />
          <Route path="/bank/:questionId" element={<QuestionPage />} />
          <Route path="/r/:roomId" element={<RoomRoute />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
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
