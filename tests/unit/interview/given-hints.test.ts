import { describe, expect, it } from 'vitest'
import { givenHints, rungsGiven } from '../../../server/interview/given-hints.ts'

const topics = [
  { id: 'codes', name: 'Codes', rungs: ['c1', 'c2', 'c3'] },
  { id: 'redirects', name: 'Redirects', rungs: ['r1', 'r2'] },
]

describe('given hints', () => {
  it('resolves topic and rung events to their text, once each, in the order they were given', () => {
    const given = givenHints(
      [
        { topicId: 'redirects', rung: 1, at: 1 },
        { topicId: 'codes', rung: 1, at: 2 },
        { topicId: 'redirects', rung: 1, at: 3 },
      ],
      topics,
    )
    expect(given).toEqual([
      { topicId: 'redirects', topicName: 'Redirects', rung: 1, text: 'r1', at: 1 },
      { topicId: 'codes', topicName: 'Codes', rung: 1, text: 'c1', at: 2 },
    ])
    expect(rungsGiven(given, 'redirects')).toBe(1)
    expect(rungsGiven(given, 'codes')).toBe(1)
  })

  it('reads an event from before ladders (a flat index) as that rung in reading order', () => {
    expect(givenHints([{ legacyIndex: 3, at: 5 }], topics)).toEqual([{ topicId: 'redirects', topicName: 'Redirects', rung: 1, text: 'r1', at: 5 }])
  })

  it('leaves out events that no longer match the question: a renamed topic, a removed rung', () => {
    expect(
      givenHints(
        [
          { topicId: 'old-name', rung: 1, at: 1 },
          { topicId: 'redirects', rung: 3, at: 2 },
          { legacyIndex: 9, at: 3 },
        ],
        topics,
      ),
    ).toEqual([])
  })
})
