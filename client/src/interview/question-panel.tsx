import { useState } from 'react'
import type { FullQuestion } from '../../../shared/bank.ts'
import { RubricTable } from '../bank/index.ts'
import type { GivenHint, QuestionPanel as Panel, RevealedItem } from '../../../shared/interview-events.ts'
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
        <RevealedList
          title="Facts from the interviewer"
          items={panel.facts}
          empty="Ask the interviewer about scale and constraints: their answers appear here."
        />
        <GivenHints hints={panel.hints} />
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

/** The candidate's hints: only the rungs given, grouped under their topic in the order they came. */
function GivenHints({ hints }: { hints: GivenHint[] }) {
  if (hints.length === 0) return null
  const topics = [...new Map(hints.map((hint) => [hint.topicId, hint.topicName]))]
  return (
    <section aria-label="Hints">
      <h3>Hints</h3>
      {topics.map(([topicId, name]) => (
        <section key={topicId} aria-label={`Hint topic: ${name}`} className="hint-topic">
          <h4>{name}</h4>
          <ol className="revealed">
            {hints
              .filter((hint) => hint.topicId === topicId)
              .sort((a, b) => a.rung - b.rung)
              .map((hint) => (
                <li key={hint.rung} value={hint.rung}>
                  <SafeMarkdown text={hint.text} className="markdown-inline" />
                  <span className="muted"> · {timeOf(hint.at)}</span>
                </li>
              ))}
          </ol>
        </section>
      ))}
    </section>
  )
}

interface StaffQuestionProps {
  question: FullQuestion
  facts: RevealedItem[]
  hints: GivenHint[]
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
      <HintLadders question={question} given={hints} canRun={canRun} isLive={isLive} onGive={(topicId) => act(send('question:give-hint', { topicId }))} />
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

interface HintLaddersProps {
  question: FullQuestion
  given: GivenHint[]
  canRun: boolean
  isLive: boolean
  onGive: (topicId: string) => void
}

/** Each topic is a ladder: the interviewer sees every rung, which ones were given, and gives the next. */
function HintLadders({ question, given, canRun, isLive, onGive }: HintLaddersProps) {
  return (
    <section aria-label="Hints">
      <h3>Hints</h3>
      {question.hints.map((topic) => {
        const givenAt = new Map(given.filter((hint) => hint.topicId === topic.id).map((hint) => [hint.rung, hint.at]))
        const next = givenAt.size + 1
        return (
          <section key={topic.id} aria-label={`Hint topic: ${topic.name}`} className="hint-topic">
            <h4>
              {topic.name}{' '}
              <span className="muted">
                ({givenAt.size} of {topic.rungs.length} given)
              </span>
            </h4>
            <ol className="staff-list">
              {topic.rungs.map((rung, index) => (
                <li key={index} data-given={givenAt.has(index + 1)}>
                  <SafeMarkdown text={rung} className="markdown-inline" />
                  {givenAt.has(index + 1) && <span className="badge">Given {timeOf(givenAt.get(index + 1)!)}</span>}
                </li>
              ))}
            </ol>
            {canRun && next <= topic.rungs.length && (
              <button type="button" className="small" disabled={!isLive} onClick={() => onGive(topic.id)} aria-label={`Give rung ${next} of ${topic.name}`}>
                Give rung {next}
              </button>
            )}
          </section>
        )
      })}
    </section>
  )
}
