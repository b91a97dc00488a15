import { Alert, Text, Title, type AlertProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A settings panel's title (its id labels the panel) and the line under it that says what the panel is for. */
export function PanelHeading({ id, title, hint }: { id: string; title: ReactNode; hint: ReactNode }) {
  return (
    <div>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mt={4}>
        {hint}
      </Text>
    </div>
  );
}

const TONE_COLOR = { on: 'green', error: 'red', off: 'gray' } as const;

/** What a background service is doing — running, failed, or off — in one line, with further facts under it. */
export function StatusAlert({
  tone,
  headline,
  children,
  ...rest
}: { tone: keyof typeof TONE_COLOR; headline: ReactNode; children?: ReactNode } & Omit<AlertProps, 'color' | 'children' | 'title'>) {
  return (
    <Alert variant="light" color={TONE_COLOR[tone]} p="xs" {...rest}>
      <Text size="sm" fw={500}>
        {headline}
      </Text>
      {children}
    </Alert>
  );
}
