/**
 * A copy that does not keep the parser's text chunk alive: V8 cuts substrings out of the chunk
 * they came from, and a single kept id per chunk would keep the whole file in memory.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
