import type { RootContent } from 'mdast'
import { BANK_ID_PATTERN, type StarterArrow, type StarterBoard, type StarterBox } from '../../../shared/bank.ts'
import { singleListOf } from './blocks.ts'
import { FormatError, requireFormat } from './format-error.ts'
import { plainText, startLine } from './markdown.ts'

/** Boxes placed automatically fill a row of this many cells, then wrap. */
export const STARTER_GRID_COLUMNS = 4
export const MAX_STARTER_GRID_CELL = 9
export const MAX_STARTER_BOXES = 24
export const MAX_STARTER_ARROWS = 40
export const MAX_STARTER_NOTES = 6
export const MAX_STARTER_LABEL_CHARS = 80
export const MAX_STARTER_NOTE_CHARS = 300

const BOX = /^box\s+(\S+?)\s*:\s*(.*?)(?:\s+@\s*(\d+)\s*,\s*(\d+))?$/i
const ARROW = /^arrow\s+(\S+)\s*->\s*(\S+?)(?:\s*:\s*(.*))?$/i
const NOTE = /^note\s*:\s*(.+)$/i

interface WrittenBox {
  id: string
  label: string
  cell: { col: number; row: number } | null
  line: number
}

/**
 * `## Starter board`: one list, one element per item — `box <id>: <label> [@ col,row]`,
 * `arrow <from> -> <to>[: label]`, `note: <text>`. Boxes without a cell fill the free cells left
 * to right, wrapping every STARTER_GRID_COLUMNS, after the ones that name a cell are placed.
 */
export function parseStarterBoard(nodes: readonly RootContent[], sectionLine: number): StarterBoard {
  const list = singleListOf(nodes, 'Starter board', undefined, sectionLine)
  const boxes: WrittenBox[] = []
  const arrows: (StarterArrow & { line: number })[] = []
  const notes: string[] = []
  for (const item of list.children) {
    const line = startLine(item)
    const source = plainText(item)
    const box = BOX.exec(source)
    const arrow = ARROW.exec(source)
    const note = NOTE.exec(source)
    if (box) boxes.push(readBox(box, line, boxes))
    else if (arrow) arrows.push({ from: arrow[1] ?? '', to: arrow[2] ?? '', label: limited(arrow[3]?.trim() ?? '', 'an arrow label', line), line })
    else if (note) notes.push(limited(note[1]?.trim() ?? '', 'a note', line, MAX_STARTER_NOTE_CHARS))
    else throw new FormatError(`starter board: "${source}" is not "box <id>: <label>", "arrow <from> -> <to>" or "note: <text>"`, line)
  }
  requireFormat(boxes.length > 0, 'starter board: needs at least one box', sectionLine)
  requireFormat(boxes.length <= MAX_STARTER_BOXES, `starter board: has ${boxes.length} boxes, at most ${MAX_STARTER_BOXES} fit`, sectionLine)
  requireFormat(arrows.length <= MAX_STARTER_ARROWS, `starter board: has ${arrows.length} arrows, at most ${MAX_STARTER_ARROWS}`, sectionLine)
  requireFormat(notes.length <= MAX_STARTER_NOTES, `starter board: has ${notes.length} notes, at most ${MAX_STARTER_NOTES}`, sectionLine)
  const ids = new Set(boxes.map((box) => box.id))
  for (const arrow of arrows) {
    for (const end of [arrow.from, arrow.to])
      requireFormat(ids.has(end), `starter board: arrow ${arrow.from} -> ${arrow.to} points at "${end}", which is not a box`, arrow.line)
    requireFormat(arrow.from !== arrow.to, `starter board: arrow ${arrow.from} -> ${arrow.to} starts and ends at the same box`, arrow.line)
  }
  return { boxes: placeBoxes(boxes), arrows: arrows.map(({ from, to, label }) => ({ from, to, label })), notes }
}

function readBox(match: RegExpExecArray, line: number, earlier: readonly WrittenBox[]): WrittenBox {
  const id = match[1] ?? ''
  requireFormat(BANK_ID_PATTERN.test(id) && id.length <= 40, `starter board: box id "${id}" must be a lowercase word (hyphens allowed)`, line)
  requireFormat(!earlier.some((box) => box.id === id), `starter board: box "${id}" is defined twice`, line)
  const label = limited(match[2]?.trim() ?? '', `box "${id}"'s label`, line)
  requireFormat(label !== '', `starter board: box "${id}" needs a label after the colon`, line)
  if (match[3] === undefined || match[4] === undefined) return { id, label, cell: null, line }
  const cell = { col: Number(match[3]), row: Number(match[4]) }
  requireFormat(
    cell.col <= MAX_STARTER_GRID_CELL && cell.row <= MAX_STARTER_GRID_CELL,
    `starter board: box "${id}" is placed at ${cell.col},${cell.row}; columns and rows go from 0 to ${MAX_STARTER_GRID_CELL}`,
    line,
  )
  const taken = earlier.find((box) => box.cell?.col === cell.col && box.cell.row === cell.row)
  requireFormat(!taken, `starter board: boxes "${taken?.id}" and "${id}" are both placed at ${cell.col},${cell.row}`, line)
  return { id, label, cell, line }
}

function limited(text: string, what: string, line: number, max = MAX_STARTER_LABEL_CHARS): string {
  requireFormat(text.length <= max, `starter board: ${what} is ${text.length} characters, at most ${max}`, line)
  return text
}

function placeBoxes(boxes: readonly WrittenBox[]): StarterBox[] {
  const taken = new Set(boxes.flatMap((box) => (box.cell ? [`${box.cell.col},${box.cell.row}`] : [])))
  let next = 0
  return boxes.map((box) => {
    if (box.cell) return { id: box.id, label: box.label, ...box.cell }
    while (taken.has(cellKey(next))) next += 1
    const col = next % STARTER_GRID_COLUMNS
    const row = Math.floor(next / STARTER_GRID_COLUMNS)
    taken.add(cellKey(next))
    return { id: box.id, label: box.label, col, row }
  })
}

function cellKey(index: number): string {
  return `${index % STARTER_GRID_COLUMNS},${Math.floor(index / STARTER_GRID_COLUMNS)}`
}
