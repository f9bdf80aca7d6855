/** The `##` sections a question file may have, in the order the README shows them. */
export const SECTION_TITLES = {
  prompt: 'Prompt',
  clarifyingFacts: 'Clarifying facts',
  functionalRequirements: 'Functional requirements',
  nonFunctionalRequirements: 'Non-functional requirements',
  referenceOutline: 'Reference outline',
  referenceMaterial: 'Reference material',
  hints: 'Hints',
  followUps: 'Follow-ups',
  pitfalls: 'Pitfalls',
  rubric: 'Rubric',
  starterBoard: 'Starter board',
} as const

export type SectionKey = keyof typeof SECTION_TITLES

const BY_NORMALIZED_TITLE = new Map<string, SectionKey>(
  (Object.entries(SECTION_TITLES) as [SectionKey, string][]).map(([key, title]) => [normalizeTitle(title), key]),
)

export function sectionKeyOf(title: string): SectionKey | undefined {
  return BY_NORMALIZED_TITLE.get(normalizeTitle(title))
}

function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[\s_‐-]+/g, ' ')
    .trim()
}
