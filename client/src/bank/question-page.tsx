import type { ReactNode } from 'react'
import { Link, useParams } from 'wouter'
import type { FullQuestion, QuestionView } from '../../../shared/bank.ts'
import { SafeMarkdown } from '../ui/safe-markdown.tsx'
import { QuestionMeta } from './bank-page.tsx'
import { RubricTable } from './rubric-table.tsx'
import { useQuestion } from './use-bank-data.ts'
import './bank.css'

/** One question, readable: rendered (sanitized) Markdown for every section and the rubric as a table. */
export function QuestionPage() {
  const { questionId = '' } = useParams()
  const question = useQuestion(questionId)
  return (
    <main className="page narrow bank-page">
      <nav className="bank-crumbs">
        <Link to="/">Mockboard</Link> / <Link to="/bank">Question bank</Link>
      </nav>
      {question.state === 'loading' && <p className="page-status">Loading the question…</p>}
      {question.state === 'error' && (
        <div role="alert">
          <h1>{question.code === 'QUESTION_NOT_FOUND' ? 'Question not found' : 'The question could not be loaded'}</h1>
          <p className="error">{question.message}</p>
        </div>
      )}
      {question.state === 'ready' && <QuestionDetails question={question.data} />}
    </main>
  )
}

function QuestionDetails({ question }: { question: QuestionView }) {
  return (
    <article className="bank-question" aria-labelledby="bank-question-title">
      <h1 id="bank-question-title">{question.title}</h1>
      <QuestionMeta item={{ ...question, status: question.view === 'full' ? question.status : undefined }} />
      <p className="muted">
        Phase plan: {question.phasePlanId}
        {question.timeLimitMinutes !== null && ` · time limit ${question.timeLimitMinutes} minutes`}
      </p>
      {question.view === 'full' && question.archived && (
        <p className="bank-notice">This question was removed from the bank; it is kept for the rooms that used it.</p>
      )}
      {question.view === 'full' && question.status === 'draft' && (
        <p className="bank-notice">This is an imported draft: review it before using it in an interview.</p>
      )}
      <Section title="Prompt">
        <SafeMarkdown text={question.prompt} />
      </Section>
      <ItemList title="Functional requirements" items={question.functionalRequirements} />
      <ItemList title="Non-functional requirements" items={question.nonFunctionalRequirements} />
      {question.view === 'full' && <InterviewerSections question={question} />}
    </article>
  )
}

function InterviewerSections({ question }: { question: FullQuestion }) {
  return (
    <>
      <ItemList title="Clarifying facts (revealed on request)" items={question.clarifyingFacts} />
      {question.referenceOutline && (
        <Section title="Reference outline">
          <SafeMarkdown text={question.referenceOutline} />
        </Section>
      )}
      <HintLadders topics={question.hints} />
      <ItemList title="Follow-ups" items={question.followUps} />
      <ItemList title="Pitfalls" items={question.pitfalls} />
      <Section title="Rubric">
        <RubricTable rubric={question.rubric} />
      </Section>
      {question.referenceMaterial && (
        <Section title="Reference material">
          <SafeMarkdown text={question.referenceMaterial} className="markdown bank-reference" />
        </Section>
      )}
      {question.sources.length > 0 && (
        <Section title="Sources">
          <ul className="bank-sources">
            {question.sources.map((source) => (
              <li key={`${source.document}:${source.startLine}`}>
                {source.document}, lines {source.startLine}–{source.endLine}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="bank-section">
      <h2>{title}</h2>
      {children}
    </section>
  )
}

/** Each topic is a ladder the interviewer climbs one rung at a time, gentlest first. */
function HintLadders({ topics }: { topics: FullQuestion['hints'] }) {
  if (topics.length === 0) return null
  return (
    <Section title="Hints">
      {topics.map((topic) => (
        <div key={topic.id} className="bank-hint-topic">
          <h4>{topic.name}</h4>
          <ol className="bank-items">
            {topic.rungs.map((rung, index) => (
              <li key={index}>
                <SafeMarkdown text={rung} className="bank-inline" />
              </li>
            ))}
          </ol>
        </div>
      ))}
    </Section>
  )
}

function ItemList({ title, items, ordered = false }: { title: string; items: string[]; ordered?: boolean }) {
  if (items.length === 0) return null
  const List = ordered ? 'ol' : 'ul'
  return (
    <Section title={title}>
      <List className="bank-items">
        {items.map((item, index) => (
          <li key={index}>
            <SafeMarkdown text={item} className="bank-inline" />
          </li>
        ))}
      </List>
    </Section>
  )
}
