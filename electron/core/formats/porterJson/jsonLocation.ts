/**
 * The line a field of a JSON text starts on ("order.lines[3].quantity"), so an error in a Porter file
 * can name the line a person opens the file at. A field the text lacks (a required one left out) is
 * placed at the nearest object around it that it has. Only walks well-formed JSON (the text was
 * parsed before the error was found); null when the path leads nowhere.
 */
export function lineOfJsonField(text: string, field: string): number | null {
  const path = parseFieldPath(field);
  for (let length = path.length; length >= 0; length--) {
    const offset = offsetOf(text, path.slice(0, length));
    if (offset !== null) return lineAt(text, offset);
  }
  return null;
}

/** "order.lines[3].quantity" → ["order", "lines", 3, "quantity"] */
export function parseFieldPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    path.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  }
  return path;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function offsetOf(text: string, path: readonly (string | number)[]): number | null {
  let i = 0;
  const blank = () => {
    while (i < text.length && /[\s\uFEFF]/.test(text[i]!)) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    blank();
    const first = text[i];
    if (first === '"') return skipString();
    if (first !== '{' && first !== '[') {
      while (i < text.length && !/[,}\]\s]/.test(text[i]!)) i++;
      return;
    }
    let depth = 0;
    do {
      const c = text[i];
      if (c === '"') {
        skipString();
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
      i++;
    } while (depth > 0 && i < text.length);
  };
  const expect = (c: string): boolean => {
    blank();
    if (text[i] !== c) return false;
    i++;
    return true;
  };

  for (const key of path) {
    blank();
    if (typeof key === 'number') {
      if (!expect('[')) return null;
      for (let n = 0; n < key; n++) {
        skipValue();
        if (!expect(',')) return null;
      }
      blank();
      if (text[i] === ']') return null;
      continue;
    }
    if (!expect('{')) return null;
    for (;;) {
      blank();
      if (text[i] !== '"') return null;
      const start = i;
      skipString();
      let name: unknown;
      try {
        name = JSON.parse(text.slice(start, i));
      } catch {
        return null;
      }
      if (!expect(':')) return null;
      if (name === key) break;
      skipValue();
      if (!expect(',')) return null;
    }
  }
  blank();
  return i;
}
