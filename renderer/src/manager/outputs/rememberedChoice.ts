/**
 * A choice the manager makes the same way every day (the export format, the pick list's format),
 * kept in the window's storage so the dialog opens on it. Storage may be unavailable (a locked-down
 * browser): the default is used then, and nothing fails.
 */
export function rememberedChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const stored = window.localStorage.getItem(key);
    return allowed.find((value) => value === stored) ?? fallback;
  } catch {
    return fallback;
  }
}

export function remember(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembered: the next dialog opens on the default.
  }
}
