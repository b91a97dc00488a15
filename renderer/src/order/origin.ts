import type { Translate } from '../i18n';

/**
 * Where a draft came from, as the core records it in `origin`: `repeat:<order number>` or
 * `template:<template name>`; empty for a draft started from scratch.
 */
export function originLabel(origin: string, t: Translate): string {
  const [kind, ...rest] = origin.split(':');
  const value = rest.join(':');
  if (kind === 'repeat' && value) return t('order.origin.repeat', { number: value });
  if (kind === 'template' && value) return t('order.origin.template', { name: value });
  return '';
}
