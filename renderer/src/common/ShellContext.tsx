import { createContext, useContext, type ReactNode } from 'react';
import type { PorterShell } from '../../../shared/shell';

const ShellContext = createContext<PorterShell | null>(null);

export function ShellProvider({ shell, children }: { shell: PorterShell; children: ReactNode }) {
  return <ShellContext.Provider value={shell}>{children}</ShellContext.Provider>;
}

/** The shell the renderer runs in (Electron or browser): the contract's api plus files and job events. */
export function useShell(): PorterShell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell() outside <ShellProvider>');
  return shell;
}
