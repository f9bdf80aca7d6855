import type { HintTopic } from '../../shared/bank.ts'
import type { GivenHint } from '../../shared/interview-events.ts'
import type { HintEvent } from './interview-store.ts'

/**
 * The rungs given so far, with their text, from the timeline's hint events and the question's
 * ladders. An event from before ladders (a flat `index`) counts as the index-th rung in reading
 * order, which is exactly where a first-edition file's hints now sit (one ladder, "Hints").
 * Events that no longer match the question (a topic renamed since) are left out, and a rung given
 * twice counts once.
 */
export function givenHints(events: readonly HintEvent[], topics: readonly HintTopic[]): GivenHint[] {
  const flat = topics.flatMap((topic) => topic.rungs.map((_, index) => ({ topicId: topic.id, rung: index + 1 })))
  const given: GivenHint[] = []
  for (const event of events) {
    const at = 'legacyIndex' in event ? flat[event.legacyIndex] : { topicId: event.topicId, rung: event.rung }
    const topic = at && topics.find((candidate) => candidate.id === at.topicId)
    const text = at && topic?.rungs[at.rung - 1]
    if (!at || !topic || text === undefined) continue
    if (given.some((hint) => hint.topicId === at.topicId && hint.rung === at.rung)) continue
    given.push({ topicId: topic.id, topicName: topic.name, rung: at.rung, text, at: event.at })
  }
  return given
}

/** How many rungs of a topic have been given: the next one to give is this plus one. */
export function rungsGiven(given: readonly GivenHint[], topicId: string): number {
  return given.filter((hint) => hint.topicId === topicId).reduce((highest, hint) => Math.max(highest, hint.rung), 0)
}
