/** Injected at build time from package.json; "dev" when running from sources. */
declare const __PORTER_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __PORTER_VERSION__ === 'string' ? __PORTER_VERSION__ : 'dev';
