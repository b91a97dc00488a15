import { Notification } from '@mantine/core';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';

export interface Toast {
  title: string;
  message: string;
  color: 'green' | 'red' | 'gray';
}

interface ShownToast extends Toast {
  id: number;
}

const TOAST_MS = 6000;
const ToastContext = createContext<(toast: Toast) => void>(() => {});

/** Short confirmations in the bottom-right corner ("order exported"); they close themselves. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useT();
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (toast: Toast) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-2), { ...toast, id }]);
      window.setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <Notification
            key={toast.id}
            title={toast.title}
            color={toast.color}
            onClose={() => dismiss(toast.id)}
            closeButtonProps={{ 'aria-label': t('error.dismiss') }}
            withBorder
            data-testid="toast"
          >
            {toast.message}
          </Notification>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): (toast: Toast) => void {
  return useContext(ToastContext);
}
