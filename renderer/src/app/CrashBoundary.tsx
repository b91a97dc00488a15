import { Button, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorAlert } from '../common/ErrorAlert';
import { useT } from '../i18n';

interface CrashBoundaryState {
  error: Error | null;
}

/**
 * A render error must not leave a blank window: show it and offer a reload. The draft is
 * safe either way — every change was already committed by the core.
 */
export class CrashBoundary extends Component<{ children: ReactNode }, CrashBoundaryState> {
  override state: CrashBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): CrashBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Porter UI crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.error ? <CrashScreen error={this.state.error} /> : this.props.children;
  }
}

function CrashScreen({ error }: { error: Error }) {
  const { t } = useT();
  return (
    <div className="app" data-testid="app" data-state="error">
      <div className="startup">
        <Stack w={520} gap="md">
          <Text fw={700} size="lg">
            {t('app.crashed')}
          </Text>
          <ErrorAlert error={{ code: 'INTERNAL', message: error.message }} />
          <Button onClick={() => window.location.reload()} w="fit-content">
            {t('app.reload')}
          </Button>
        </Stack>
      </div>
    </div>
  );
}
