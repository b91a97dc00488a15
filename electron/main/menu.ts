import { Menu, type MenuItemConstructorOptions } from 'electron';

const LABELS = {
  ru: { file: 'Файл', quit: 'Выход', edit: 'Правка', view: 'Вид', window: 'Окно' },
  en: { file: 'File', quit: 'Quit', edit: 'Edit', view: 'View', window: 'Window' },
} as const;

/**
 * A small application menu in the system's language. It exists mainly for the Edit
 * roles: without them copy and paste shortcuts do nothing on macOS. Developer tools
 * appear only in development.
 */
export function installApplicationMenu(systemLocale: string, isDevelopment: boolean): void {
  const text = systemLocale.toLowerCase().startsWith('ru') ? LABELS.ru : LABELS.en;
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (isDevelopment) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { label: text.file, submenu: [{ role: 'quit', label: text.quit }] },
    {
      label: text.edit,
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: text.view, submenu: view },
    { label: text.window, submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
