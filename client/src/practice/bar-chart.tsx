import { useId } from 'react'

export interface ChartSeries {
  name: string
  /** A class of practice.css that sets the bar's fill, so the legend and the bars match. */
  tone: 'primary' | 'secondary'
  values: number[]
}

interface BarChartProps {
  title: string
  /** One label per group of bars (a week, a phase). */
  categories: string[]
  series: ChartSeries[]
  format?: (value: number) => string
  /** The table's header for the category column. */
  categoryHeading: string
}

const WIDTH = 640
const HEIGHT = 220
const PAD = { top: 12, right: 8, bottom: 34, left: 40 }

/**
 * Grouped bars drawn as SVG, with the same numbers as a table beneath (always in the page, so a
 * screen reader or a copy-paste gets them). Small on purpose: one chart kind, no animation.
 */
export function BarChart({ title, categories, series, format = String, categoryHeading }: BarChartProps) {
  const titleId = useId()
  const max = Math.max(1, ...series.flatMap((one) => one.values))
  const plotWidth = WIDTH - PAD.left - PAD.right
  const plotHeight = HEIGHT - PAD.top - PAD.bottom
  const groupWidth = plotWidth / Math.max(1, categories.length)
  const barWidth = Math.max(2, (groupWidth * 0.8) / series.length)
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight
  const ticks = [0, max / 2, max]
  // Long category lists (12 weeks) label every other group so the labels never overlap.
  const labelEvery = categories.length > 8 ? 2 : 1

  return (
    <figure className="chart">
      <figcaption id={titleId}>{title}</figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((one) => (
          <li key={one.name}>
            <span className={`chart-swatch chart-${one.tone}`} />
            {one.name}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} className="chart-svg">
        <title>{title}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="chart-axis">
              {format(tick)}
            </text>
          </g>
        ))}
        {categories.map((category, index) => {
          const x0 = PAD.left + index * groupWidth + groupWidth * 0.1
          return (
            <g key={category}>
              {series.map((one, seriesIndex) => (
                <rect
                  key={one.name}
                  x={x0 + seriesIndex * barWidth}
                  y={y(one.values[index] ?? 0)}
                  width={barWidth - 1}
                  height={PAD.top + plotHeight - y(one.values[index] ?? 0)}
                  className={`chart-${one.tone}`}
                >
                  <title>{`${category}, ${one.name}: ${format(one.values[index] ?? 0)}`}</title>
                </rect>
              ))}
              {index % labelEvery === 0 && (
                <text x={x0 + (barWidth * series.length) / 2} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" className="chart-axis">
                  {category}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <table className="summary-table chart-table">
        <caption>{title} (table)</caption>
        <thead>
          <tr>
            <th scope="col">{categoryHeading}</th>
            {series.map((one) => (
              <th key={one.name} scope="col">
                {one.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((category, index) => (
            <tr key={category}>
              <th scope="row">{category}</th>
              {series.map((one) => (
                <td key={one.name}>{format(one.values[index] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
