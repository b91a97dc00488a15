import { useEffect, useRef } from 'react';

/**
 * Lines pasted from Excel or a text file anywhere on the order screen. A paste into a text
 * area (the comment) stays there; a single line pasted into a field stays there too (a code in
 * the search box); several lines, or a tab, can only be order lines.
 */
export function useLinePaste(enabled: boolean, onPaste: (text: string) => void): void {
  const handler = useRef(onPaste);
  handler.current = onPaste;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: ClipboardEvent) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text.trim() === '') return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('textarea, [role="dialog"], [contenteditable="true"]')) return;
      const inField = target instanceof HTMLInputElement;
      if (inField && !/[\n\t]/.test(text.trim())) return;
      event.preventDefault();
      handler.current(text);
    };
    document.addEventListener('paste', listener);
    return () => document.removeEventListener('paste', listener);
  }, [enabled]);
}
