// The question bank's client door: the app mounts these two pages and the room forms use the picker.
export { BankPage } from './bank-page.tsx'
export { QuestionPage } from './question-page.tsx'
export { QuestionPicker, type QuestionPickerValue } from './question-picker.tsx'
export { RubricTable } from './rubric-table.tsx'
