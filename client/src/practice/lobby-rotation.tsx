import { fetchRotation, useLoaded } from './practice-api.ts'
import { RotationPicker } from './rotation-picker.tsx'
import './practice.css'

/**
 * In the lobby, for an interviewer who is signed in and whose candidate is a member: the
 * rotation picker, marking what the candidate has had. A guest candidate has no history, and a
 * guest interviewer may not read the bank: then there is nothing to show.
 */
export function LobbyRotation({ roomId, questionId, onPick }: { roomId: string; questionId: string | null; onPick: (questionId: string | null) => void }) {
  const probe = useLoaded(() => fetchRotation({ roomId }, {}), roomId)
  if (probe.state !== 'ready' || !probe.data.candidate) return null
  const chosen = probe.data.items.find((item) => item.questionId === questionId)
  return (
    <>
      <RotationPicker legend={`Question rotation for ${probe.data.candidate.displayName}`} candidate={{ roomId }} value={questionId} onChange={onPick} />
      {chosen && chosen.timesHad > 0 && (
        <p role="status" className="muted">
          {probe.data.candidate.displayName} has already had this question as candidate.
        </p>
      )}
    </>
  )
}
