import type { QuestionKind } from '../../../shared/bank.ts'
import type { FoundQuestion } from './found-question.ts'

const DESIGN_TITLE = /^(?:design|build|architect)\b|\b(?:design|architect|build)\s+(?:a|an|the)\b|\bhow (?:would|do) you (?:design|architect|build)\b/i
const SCENARIO_TITLE =
  /^(?:how would you (?:respond|handle|plan|set up|manage|reduce|migrate|troubleshoot|debug)|you (?:need|are|have)|your\b|suppose|imagine)\b/i

/** Design problem, concept or scenario, from how the document framed the question. Imported drafts are reviewed anyway. */
export function inferKind(question: FoundQuestion): QuestionKind {
  if (question.style === 'challenge' || DESIGN_TITLE.test(question.title)) return 'design'
  if (question.scenario || SCENARIO_TITLE.test(question.title)) return 'scenario'
  return 'concept'
}

/** A small vocabulary, so imported questions can be filtered by topic before anyone curates them. */
const TAG_PATTERNS: [string, RegExp][] = [
  ['caching', /\bcach(?:e|es|ing)\b/i],
  ['sharding', /\bshard|\bpartition/i],
  ['replication', /\breplica/i],
  ['load-balancing', /\bload.balanc/i],
  ['cdn', /\bcdn\b|content delivery/i],
  ['messaging', /\bqueue|\bkafka|\bpub\/sub|\bmessage broker|event streaming|\bevent-driven/i],
  ['databases', /\bdatabase|\bsql\b|\bnosql\b/i],
  ['consistency', /\bconsisten|\bcap theorem|\bconsensus/i],
  ['availability', /\bavailab|\buptime|\bfailover|fault toleran/i],
  ['microservices', /\bmicroservice|\bmonolith/i],
  ['real-time', /\breal-time|\bwebsocket|\bchat\b|\bstreaming\b/i],
  ['search', /\bsearch\b|\bindex(?:ing)?\b/i],
  ['machine-learning', /\bmachine learning|\brecommend|\bml\b/i],
  ['security', /\bsecur|\bauth|\bzero trust|\bencrypt/i],
  ['observability', /\bmonitor|\blogging|\bmetrics|\balert/i],
  ['scalability', /\bscal(?:e|ing|ability)\b|\btraffic\b|\bconcurrent/i],
  ['storage', /\bstorage|\bblob|\bs3\b|\bfile/i],
  ['deployment', /\bdeploy|\brollback|\bkubernetes|\bcanary/i],
]

export function inferTags(question: FoundQuestion): string[] {
  const text = `${question.title}\n${question.prompt}\n${question.category}\n${question.topic ?? ''}`
  return TAG_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([tag]) => tag)
}
