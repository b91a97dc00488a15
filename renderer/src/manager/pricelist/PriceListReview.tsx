import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PriceListInfo } from '../../../../shared/domain';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount, formatDateTime } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { useToast } from '../../common/Toasts';
import { toUiError, type UiError } from '../../common/uiError';
import { useT } from '../../i18n';
import { PriceListChanges } from './PriceListChanges';
import { useStagedPriceList } from './useStagedPriceList';

interface PriceListReviewProps {
  opened: boolean;
  /** Bumped when a list was staged, published or discarded. */
  version: number;
  onClose: () => void;
  /** The staged list is current now: the header and the stores' sync show it. */
  onPublished: () => void;
  onDiscarded: () => void;
  /** Imports another list for review (the price list import dialog). */
  onImport: () => void;
}

function ListFacts({ label, info, testId }: { label: string; info: PriceListInfo | null; testId: string }) {
  const { t, locale } = useT();
  return (
    <div className="review-facts" data-testid={testId} data-id={info?.id ?? ''}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {info ? (
        <>
          <Text size="sm" fw={600} truncate>
            {info.supplierName ? `${info.supplierName} · ${info.sourceName}` : info.sourceName}
          </Text>
          <Text size="sm" c="dimmed">
            {t('priceList.facts', { items: formatCount(info.itemCount, locale), date: formatDateTime(info.importedAt, locale) })}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('priceList.nonePublished')}
        </Text>
      )}
    </div>
  );
}

/**
 * The price list imported for review next to the published one: what publishing it adds, removes and
 * reprices; then publish it (stores get it by sync, orders are checked against it) or throw it away.
 */
export function PriceListReview({ opened, version, onClose, onPublished, onDiscarded, onImport }: PriceListReviewProps) {
  const { t, locale } = useT();
  const { api } = useShell();
  const toast = useToast();
  const { staging, error: loadError } = useStagedPriceList(version, opened);
  const [busy, setBusy] = useState<'publish' | 'discard' | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    if (!opened) return;
    setBusy(null);
    setConfirmDiscard(false);
    setError(null);
  }, [opened]);

  const publish = async () => {
    if (busy) return;
    setBusy('publish');
    setError(null);
    try {
      const { priceList } = await api.publishPriceList({});
      toast({
        title: t('priceList.publishedTitle'),
        message: t('priceList.published', { name: priceList.sourceName, items: formatCount(priceList.itemCount, locale) }),
        color: 'green',
      });
      onPublished();
      onClose();
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setBusy(null);
    }
  };

  const discard = async () => {
    if (busy) return;
    setBusy('discard');
    setError(null);
    try {
      await api.discardStagedPriceList({});
      toast({ title: t('priceList.discardedTitle'), message: t('priceList.discarded'), color: 'gray' });
      onDiscarded();
      onClose();
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setBusy(null);
    }
  };

  const staged = staging?.staged ?? null;
  const changes = staging?.changes ?? null;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('priceList.review.title')}
      size="min(1040px, calc(100vw - 64px))"
      centered
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('export.close') }}
      data-testid="price-list-review"
    >
      <Stack gap="md" data-state={!staging ? 'loading' : staged ? 'staged' : 'none'}>
        {loadError && <ErrorAlert error={loadError} />}
        {!staging && !loadError && (
          <Group justify="center" py="lg">
            <Loader size="sm" />
          </Group>
        )}
        {staging && !staged && (
          <Alert color="gray" variant="light" data-testid="review-nothing">
            {t('priceList.review.nothing')}
          </Alert>
        )}
        {staging && staged && (
          <>
            <Group grow align="flex-start" gap="lg">
              <ListFacts label={t('priceList.review.published')} info={staging.published} testId="review-published" />
              <ListFacts label={t('priceList.review.staged')} info={staged} testId="review-staged" />
            </Group>
            {changes && changes.added + changes.removed + changes.priceChanged === 0 && (
              <Text size="sm" fw={500} data-testid="review-no-changes">
                {t('priceList.review.noChanges')}
              </Text>
            )}
            {changes && <PriceListChanges changes={changes} />}
            <Text size="xs" c="dimmed">
              {t('priceList.review.publishHint')}
            </Text>
          </>
        )}
        {confirmDiscard && (
          <Alert color="red" variant="light" data-testid="review-discard-confirm">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{t('priceList.review.discardText')}</Text>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="default" onClick={() => setConfirmDiscard(false)}>
                  {t('confirm.cancel')}
                </Button>
                <Button size="xs" color="red" loading={busy === 'discard'} onClick={() => void discard()} data-testid="review-discard-yes">
                  {t('priceList.review.discard')}
                </Button>
              </Group>
            </Group>
          </Alert>
        )}
        {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
        <Group justify="space-between" gap="sm">
          <Button
            variant="default"
            onClick={() => {
              onClose();
              onImport();
            }}
            disabled={busy !== null}
            data-testid="review-import"
          >
            {staged ? t('priceList.importOther') : t('priceList.import')}
          </Button>
          <Group gap="sm">
            {staged && (
              <Button
                variant="subtle"
                color="red"
                disabled={busy !== null || confirmDiscard}
                onClick={() => setConfirmDiscard(true)}
                data-testid="review-discard"
              >
                {t('priceList.review.discard')}
              </Button>
            )}
            <Button variant="default" onClick={onClose} disabled={busy !== null}>
              {t('priceList.review.later')}
            </Button>
            {staged && (
              <Button
                data-autofocus
                loading={busy === 'publish'}
                disabled={busy === 'discard'}
                onClick={() => void publish()}
                data-testid="review-publish"
              >
                {t('priceList.review.publish')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
