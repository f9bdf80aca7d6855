import { EXPECTATION_LABELS, type LeveledExpectations, type Rubric } from '../../../shared/bank.ts'
import { SafeMarkdown } from '../ui/safe-markdown.tsx'
import './bank.css'

/** The rubric as a table: one row per criterion, one column per level, weakest level first. */
export function RubricTable({ rubric }: { rubric: Rubric }) {
  const leveled = rubric.criteria.some((criterion) => criterion.expectations !== null)
  const ownIds = new Set(rubric.id ? rubric.questionCriterionIds : [])
  const levelCount = Math.max(...rubric.criteria.map((criterion) => criterion.levels.length))
  const levels = Array.from({ length: levelCount }, (_, index) => index)
  const sharedLabels = levels.map((index) => {
    const labels = new Set(rubric.criteria.map((criterion) => criterion.levels[index]?.label))
    return labels.size === 1 ? [...labels][0] : undefined
  })
  return (
    <div className="bank-table-scroll">
      <table className="bank-rubric">
        <caption>
          {rubric.title}
          {rubric.id && (
            <span className="muted">
              {' '}
              (shared rubric “{rubric.id}”{ownIds.size > 0 && `, extended with ${ownIds.size} criteria of this question`})
            </span>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Weight</th>
            {levels.map((index) => (
              <th key={index} scope="col">
                {index + 1}. {sharedLabels[index] ?? `Level ${index + 1}`}
              </th>
            ))}
            {leveled && <th scope="col">What each seniority shows</th>}
          </tr>
        </thead>
        <tbody>
          {rubric.criteria.map((criterion) => (
            <tr key={criterion.id}>
              <th scope="row">
                <strong>{criterion.name}</strong>
                {ownIds.has(criterion.id) && <span className="bank-badge bank-own-criterion">this question</span>}
                {criterion.description && <SafeMarkdown text={criterion.description} className="bank-criterion-description" />}
                <p className="bank-keywords">
                  <span className="muted">Keywords: </span>
                  {criterion.keywords.join(', ')}
                </p>
              </th>
              <td className="bank-weight">{criterion.weight}%</td>
              {levels.map((index) => {
                const level = criterion.levels[index]
                return (
                  <td key={index}>
                    {level && !sharedLabels[index] && <strong>{level.label}: </strong>}
                    {level && <SafeMarkdown text={level.descriptor} className="bank-inline" />}
                  </td>
                )
              })}
              {leveled && (
                <td>{criterion.expectations ? <Expectations expectations={criterion.expectations} /> : <span className="muted">Not written yet</span>}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Mid-level, senior and staff expectations: a basis for the scorer's level estimate. */
function Expectations({ expectations }: { expectations: LeveledExpectations }) {
  const keys = Object.keys(EXPECTATION_LABELS) as (keyof LeveledExpectations)[]
  return (
    <dl className="bank-expectations">
      {keys.map((key) => (
        <div key={key}>
          <dt>{EXPECTATION_LABELS[key]}</dt>
          <dd>
            <SafeMarkdown text={expectations[key]} className="bank-inline" />
          </dd>
        </div>
      ))}
    </dl>
  )
}
