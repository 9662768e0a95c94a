/** Text with each line numbered, as Pacemaker shows a CIB that failed schema validation. */
export function numbered(text: string): string {
  return text
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(4)} ${line}\n`)
    .join('');
}
