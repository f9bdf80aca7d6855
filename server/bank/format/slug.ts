/** Lowercase ASCII words joined by hyphens, cut at a word boundary; accents are folded first. */
export function slugify(text: string, maxLength = 60): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  let slug = ''
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`
    if (next.length > maxLength) break
    slug = next
  }
  return slug === '' ? (words[0] ?? '').slice(0, maxLength) : slug
}
