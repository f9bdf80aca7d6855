import { useState } from 'react'
import type { FullQuestion } from '../../../shared/bank.ts'
import { RubricTable } from '../bank/index.ts'
import type { QuestionPanel as Panel, RevealedItem } from '../../../shared/interview-events.ts'
import { SafeMarkdown } from '../ui/safe-markdown.tsx'
import type { Interview } from './use-interview.ts'

const timeOf = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

interface QuestionPanelProps {
  panel: Panel | undefined
  /** The interviewer may reveal facts and give hints; the observer sees the same panel without the buttons. */
  canRun: boolean
  isLive: boolean
  send: Interview['send']
}

export function QuestionPanel({ panel, canRun, isLive, send }: QuestionPanelProps) {
  if (!panel) return <p className="muted">Loading the question…</p>
  if (!panel.question) return <p className="muted">No question was chosen for this room: the interviewer will describe the problem.</p>
  if (panel.view === 'candidate') {
    return (
      <article className="question" aria-label="Question">
        <QuestionHeader title={panel.question.title} />
        <SafeMarkdown text={panel.question.prompt} />
        <Requirements functional={panel.question.functionalRequirements} nonFunctional={panel.question.nonFunctionalRequirements} />
        <RevealedList title="Facts from the interviewer" items={panel.facts} empty="Ask the interviewer about scale and constraints: their answers appear here." />
        <RevealedList title="Hints" items={panel.hints} />
      </article>
    )
  }
  return <StaffQuestion question={panel.question} facts={panel.facts} hints={panel.hints} canRun={canRun} isLive={isLive} send={send} />
}

function QuestionHeader({ title }: { title: string }) {
  return <h2 className="question-title">{title}</h2>
}

function Requirements({ functional, nonFunctional }: { functional: string[]; nonFunctional: string[] }) {
  if (functional.length === 0 && nonFunctional.length === 0) return null
  return (
    <>
      {functional.length > 0 && <BulletSection title="Functional requirements" items={functional} />}
      {nonFunctional.length > 0 && <BulletSection title="Non-functional requirements" items={nonFunctional} />}
    </>
  )
}

function BulletSection({ title, items }: { title: string; items: string[] }) {
  return (
    <section>
      <h3>{title}</h3>
      <ul>
        {items.map((item, index) => (
          <li key={index}>
            <SafeMarkdown text={item} className="markdown-inline" />
          </li>
        ))}
      </ul>
    </section>
  )
}

function RevealedList({ title, items, empty }: { title: string; items: RevealedItem[]; empty?: string }) {
  if (items.length === 0 && !empty) return null
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="revealed">
          {items.map((item) => (
            <li key={item.index}>
              <SafeMarkdown text={item.text} className="markdown-inline" />
              <span className="muted"> · {timeOf(item.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

interface StaffQuestionProps {
  question: FullQuestion
  facts: RevealedItem[]
  hints: RevealedItem[]
  canRun: boolean
  isLive: boolean
  send: Interview['send']
}

function StaffQuestion({ question, facts, hints, canRun, isLive, send }: StaffQuestionProps) {
  const [error, setError] = useState<string>()
  const act = async (result: Promise<{ ok: true } | { ok: false; message: string }>) => {
    const answer = await result
    setError(answer.ok ? undefined : answer.message)
  }
  const revealedAt = new Map(facts.map((fact) => [fact.index, fact.at]))
  const nextHint = hints.length
  return (
    <article className="question" aria-label="Question">
      <QuestionHeader title={question.title} />
      <SafeMarkdown text={question.prompt} />
      <Requirements functional={question.functionalRequirements} nonFunctional={question.nonFunctionalRequirements} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <section aria-label="Clarifying facts">
        <h3>Clarifying facts</h3>
        <ul className="staff-list">
          {question.clarifyingFacts.map((fact, index) => (
            <li key={index}>
              <SafeMarkdown text={fact} className="markdown-inline" />
              {revealedAt.has(index) ? (
                <span className="badge">Revealed {timeOf(revealedAt.get(index)!)}</span>
              ) : (
                canRun && (
                  <button type="button" className="small" disabled={!isLive} onClick={() => act(send('question:reveal-fact', { index }))}>
                    Reveal
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Hints">
        <h3>Hints</h3>
        <ol className="staff-list">
          {question.hints.flatMap((topic) => topic.rungs).map((hint, index) => (
            <li key={index} data-given={index < nextHint}>
              <SafeMarkdown text={hint} className="markdown-inline" />
              {index < nextHint && <span className="badge">Given {timeOf(hints[index]!.at)}</span>}
            </li>
          ))}
        </ol>
        {canRun && nextHint < question.hints.flatMap((topic) => topic.rungs).length && (
          <button type="button" disabled={!isLive} onClick={() => act(send('question:give-hint', {}))}>
            Give hint {nextHint + 1}
          </button>
        )}
      </section>
      <details open>
        <summary>Reference outline</summary>
        <SafeMarkdown text={question.referenceOutline} />
      </details>
      {question.followUps.length > 0 && <BulletSection title="Follow-ups and curveballs" items={question.followUps} />}
      {question.pitfalls.length > 0 && <BulletSection title="Common pitfalls" items={question.pitfalls} />}
      <details>
        <summary>Rubric</summary>
        <RubricTable rubric={question.rubric} />
      </details>
    </article>
  )
}
