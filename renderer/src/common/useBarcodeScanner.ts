import { useEffect, useRef } from 'react';

/**
 * A scanner types a whole code a few milliseconds per key; people need 100 ms or more. A pause
 * longer than MAX_GAP_MS starts a new burst; a burst is a scan when its keys came at most
 * MAX_AVERAGE_MS apart on average (one late key on a busy PC does not break a scan).
 */
const MAX_GAP_MS = 150;
const MAX_AVERAGE_MS = 40;
const MIN_LENGTH = 6;
const BARCODE = /^[0-9A-Za-z-]+$/;

interface Burst {
  text: string;
  first: number;
  last: number;
  /** The focused field's value before the burst began, to put back: a scan is not typing. */
  field: HTMLInputElement | null;
  before: string;
}

function setFieldValue(field: HTMLInputElement, value: string): void {
  // React tracks the value through the prototype's setter; an input event lets it see the change.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * A barcode scanner in keyboard-wedge mode, anywhere on the screen: fast keystrokes ending in
 * Enter. The keys still reach the focused field as they come (there is no telling a scan from
 * typing until the Enter); on the Enter the field gets its old value back and `onScan` runs.
 */
export function useBarcodeScanner(enabled: boolean, onScan: (barcode: string) => void): void {
  const burst = useRef<Burst>({ text: '', first: 0, last: 0, field: null, before: '' });
  const scan = useRef(onScan);
  scan.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const b = burst.current;
      const now = event.timeStamp;
      if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
        if (now - b.last > MAX_GAP_MS || b.text === '') {
          const active = document.activeElement;
          b.field = active instanceof HTMLInputElement ? active : null;
          b.before = b.field?.value ?? '';
          b.text = '';
          b.first = now;
        }
        b.text += event.key;
        b.last = now;
        return;
      }
      const fast = (now - b.first) / b.text.length <= MAX_AVERAGE_MS;
      if (event.key === 'Enter' && b.text.length >= MIN_LENGTH && now - b.last <= MAX_GAP_MS && fast && BARCODE.test(b.text)) {
        event.preventDefault();
        event.stopPropagation();
        const code = b.text;
        if (b.field && document.contains(b.field)) setFieldValue(b.field, b.before);
        b.text = '';
        scan.current(code);
        return;
      }
      if (event.key !== 'Shift') b.text = '';
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
