import { lazy, Suspense } from 'react'
import { BrowserRouter, Link, Route, Routes } from 'react-router'
import { HomePage } from './home/home-page.tsx'

// tldraw is ~600 kB gzipped: only the room route loads it, so the home page stays small.
const RoomRoute = lazy(() => import('./room/room-route.tsx'))

export function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<p className="page-status">Loading…</p>}>
        <Routes>
          <Route path="/" element={<HomePage />} />
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
