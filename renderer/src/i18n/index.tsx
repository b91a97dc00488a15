import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../../shared/domain';
import enExchange from './en.exchange.json';
import enInsights from './en.insights.json';
import enMain from './en.json';
import enManager from './en.manager.json';
import enOutputs from './en.outputs.json';
import enScreens from './en.screens.json';
import ruExchange from './ru.exchange.json';
import ruInsights from './ru.insights.json';
import ruMain from './ru.json';
import ruManager from './ru.manager.json';
import ruOutputs from './ru.outputs.json';
import ruScreens from './ru.screens.json';

// The strings are kept in six files per language (the order screen; history, templates and
// settings; manager mode; the store's exchange with its supplier; insights; the manager's outputs —
// exports, pick list, answers, exchange folder, price list publishing) so that work on different
// screens does not collide in one file.
const ru = { ...ruMain, ...ruScreens, ...ruManager, ...ruExchange, ...ruInsights, ...ruOutputs };
const en = { ...enMain, ...enScreens, ...enManager, ...enExchange, ...enInsights, ...enOutputs };

/** Every UI string has a key in ru*.json (the default locale); TypeScript checks keys against it. */
export type MessageKey = keyof typeof ru;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

// Typing en.json as the same record makes a missing English key a compile error.
const MESSAGES: Record<Locale, Record<MessageKey, string>> = { ru, en };

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = MESSAGES[locale][key] ?? MESSAGES.ru[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

interface I18nValue {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({ locale: 'ru', t: (key, params) => translate('ru', key, params) });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18nValue>(() => ({ locale, t: (key, params) => translate(locale, key, params) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current locale's translate function: `const { t, locale } = useT(); t('order.export')`. */
export function useT(): I18nValue {
  return useContext(I18nContext);
}
