import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useRef, type ReactNode } from 'react';
import { ErrorAlert } from '../common/ErrorAlert';
import { useT } from '../i18n';
import { ImportProgress } from './ImportProgress';
import { ImportResult } from './ImportResult';
import { MappingStep } from './MappingStep';
import type { ImportFlow, ImportStep } from './useImportFlow';

/**
 * The price list import, one modal through all its steps. With onReview (manager mode: the list is
 * imported for review, not published) the finished import says so and leads to the review.
 */
export function ImportDialog({ flow, onReview }: { flow: ImportFlow; onReview?: () => void }) {
  const { t } = useT();
  // While the modal fades out, keep showing the last step instead of an empty box.
  const lastOpen = useRef<ImportStep>(flow.state);
  if (flow.state.step !== 'closed') lastOpen.current = flow.state;
  const state = lastOpen.current;
  const running = flow.state.step === 'running';

  const footer = (primary: ReactNode) => (
    <Group justify="space-between" className="dialog-footer">
      <Button variant="default" onClick={flow.pickFile}>
        {t('import.pickOther')}
      </Button>
      {primary}
    </Group>
  );

  let body: ReactNode = null;
  if (state.step === 'previewing') {
    body = (
      <Group gap="sm" py="xl" justify="center" data-testid="import-previewing">
        <Loader size="sm" />
        <Text>{t('import.reading')}</Text>
      </Group>
    );
  } else if (state.step === 'previewFailed') {
    body = (
      <Stack>
        <ErrorAlert error={state.error} />
        {footer(<Button onClick={flow.close}>{t('import.close')}</Button>)}
      </Stack>
    );
  } else if (state.step === 'mapping') {
    body = (
      <MappingStep
        preview={state.preview}
        choices={state.choices}
        starting={state.starting}
        error={state.error}
        onChoose={flow.choose}
        onPickOther={flow.pickFile}
        onStart={flow.start}
        onCancel={flow.close}
      />
    );
  } else if (state.step === 'running') {
    body = <ImportProgress job={state.job} stopping={state.stopping} onStop={flow.stop} />;
  } else if (state.step === 'finished') {
    const { job } = state;
    body = (
      <Stack>
        {job.state === 'done' && job.result && <ImportResult report={job.result} />}
        {job.state === 'done' && onReview && (
          <Alert color="blue" variant="light" data-testid="import-staged">
            {t('import.stagedNote')}
          </Alert>
        )}
        {job.state === 'cancelled' && (
          <Alert color="gray" variant="light" title={t('errors.JOB_CANCELLED')} data-testid="import-cancelled">
            {t('import.cancelled')}
          </Alert>
        )}
        {job.state === 'failed' && job.error && (
          <Stack gap="xs" data-testid="import-failed">
            <Text fw={600}>{t('import.failed')}</Text>
            <ErrorAlert error={job.error} />
          </Stack>
        )}
        {footer(
          job.state === 'done' && onReview ? (
            <Button
              onClick={() => {
                flow.close();
                onReview();
              }}
              data-testid="import-review"
            >
              {t('import.review')}
            </Button>
          ) : (
            <Button onClick={flow.close} data-testid="import-close">
              {job.state === 'done' ? t('import.done') : t('import.close')}
            </Button>
          ),
        )}
      </Stack>
    );
  }

  return (
    <Modal
      opened={flow.state.step !== 'closed'}
      onClose={flow.close}
      title={t('import.title')}
      size="min(1180px, calc(100vw - 64px))"
      centered
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      transitionProps={{ duration: 120 }}
      closeOnClickOutside={false}
      closeOnEscape={!running}
      withCloseButton={!running}
      closeButtonProps={{ 'aria-label': t('import.close') }}
      data-testid="import-dialog"
    >
      {body}
    </Modal>
  );
}
