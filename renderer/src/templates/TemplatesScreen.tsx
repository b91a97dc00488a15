import '../styles/screens.css';
import { Button, EmptyState, Group, Kbd, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Order, TemplateSummary } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { formatCount, formatDateTime } from '../common/format';
import { FileIcon } from '../common/icons';
import { useShell } from '../common/ShellContext';
import { useToast } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { focusListRow, listKeyTarget } from '../history/listKeys';
import { useT } from '../i18n';
import { DeleteTemplateModal } from './DeleteTemplateModal';

/**
 * The store's order templates ("Молочка на неделю"): start a new draft from one, or delete it.
 * Keys: ↑/↓ (PageUp/PageDown, Home/End) choose a template, Enter starts an order from it,
 * Delete asks whether to delete it. `data-state` on the root says when the list is there.
 */
export function TemplatesScreen({ onOpenDraft }: { onOpenDraft: (order: Order) => void }) {
  const { t, locale } = useT();
  const { api } = useShell();
  const toast = useToast();
  const [templates, setTemplates] = useState<readonly TemplateSummary[] | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [actionError, setActionError] = useState<UiError | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [startingId, setStartingId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<TemplateSummary | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  /** The row to focus once it is on screen: the first one on arrival, a neighbour after a delete. */
  const pendingRowFocus = useRef<number | null>(0);

  const list = templates ?? [];
  const selectedIndex = Math.max(
    0,
    list.findIndex((template) => template.id === selectedId),
  );

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setTemplates((await api.listTemplates({})).templates);
    } catch (thrown) {
      setLoadError(toUiError(thrown));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (pendingRowFocus.current === null || templates === null || confirming) return;
    if (templates.length === 0 || focusListRow(listRef.current, Math.min(pendingRowFocus.current, templates.length - 1))) {
      pendingRowFocus.current = null;
    }
  });

  const start = async (template: TemplateSummary) => {
    if (startingId) return;
    setSelectedId(template.id);
    setStartingId(template.id);
    setActionError(null);
    try {
      onOpenDraft(await api.startFromTemplate({ templateId: template.id }));
    } catch (thrown) {
      setActionError(toUiError(thrown));
    } finally {
      setStartingId(null);
    }
  };

  const askDelete = (template: TemplateSummary) => {
    setSelectedId(template.id);
    setActionError(null);
    setConfirming(template);
  };

  const onDeleted = (template: TemplateSummary) => {
    const index = list.findIndex((candidate) => candidate.id === template.id);
    const rest = list.filter((candidate) => candidate.id !== template.id);
    // Off the list at once (the reload confirms it), so focus lands on the neighbour that stays.
    setTemplates(rest);
    setConfirming(null);
    setSelectedId(rest[Math.min(index, rest.length - 1)]?.id ?? null);
    pendingRowFocus.current = Math.max(0, index);
    toast({ title: t('templates.deletedTitle'), message: t('templates.deleted', { name: template.name }), color: 'green' });
    void load();
  };

  const cancelDelete = () => {
    setConfirming(null);
    pendingRowFocus.current = selectedIndex;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    // Keys on a row only: Enter on a row's own buttons is theirs.
    if (!(event.target instanceof HTMLElement) || event.target.dataset.rowIndex === undefined) return;
    const template = list[selectedIndex];
    if (event.key === 'Enter' && template) {
      event.preventDefault();
      // A held Enter must not start several orders.
      if (!event.repeat) void start(template);
      return;
    }
    if (event.key === 'Delete' && template) {
      event.preventDefault();
      askDelete(template);
      return;
    }
    const target = listKeyTarget(event.key, selectedIndex, list.length);
    if (target === null) return;
    event.preventDefault();
    const row = target === 'above' ? 0 : target;
    setSelectedId(list[row]?.id ?? null);
    focusListRow(listRef.current, row);
  };

  const state = loadError ? 'error' : templates === null ? 'loading' : 'ready';
  return (
    <section className="screen templates-screen" aria-label={t('templates.label')} data-testid="templates-screen" data-state={state}>
      <Group justify="space-between" gap="md" wrap="nowrap" className="screen-status">
        <Text size="sm" fw={500} data-testid="templates-count" aria-live="polite">
          {templates === null ? ' ' : t('templates.count', { count: formatCount(list.length, locale) })}
        </Text>
        {list.length > 0 && (
          <Group gap={12} wrap="nowrap" className="screen-hints">
            <span>
              <Kbd size="xs">↑</Kbd>
              <Kbd size="xs">↓</Kbd> {t('templates.keys.rows')}
            </span>
            <span>
              <Kbd size="xs">{t('keys.enter')}</Kbd> {t('templates.keys.start')}
            </span>
            <span>
              <Kbd size="xs">{t('templates.keys.deleteKey')}</Kbd> {t('templates.keys.delete')}
            </span>
          </Group>
        )}
      </Group>
      {loadError && (
        <div>
          <ErrorAlert error={loadError} />
          <Button mt="sm" variant="default" onClick={() => void load()}>
            {t('templates.retry')}
          </Button>
        </div>
      )}
      {actionError && <ErrorAlert error={actionError} onClose={() => setActionError(null)} />}
      {templates === null && !loadError && (
        <Group gap="sm" py="xl" justify="center">
          <Loader size="sm" />
          <Text>{t('templates.loading')}</Text>
        </Group>
      )}
      {templates !== null && list.length === 0 && (
        <div className="screen-empty" data-testid="templates-empty">
          <EmptyState
            size="lg"
            variant="light"
            icon={<FileIcon size={28} />}
            title={t('templates.empty.title')}
            description={t('templates.empty.description')}
          />
        </div>
      )}
      {list.length > 0 && (
        <div ref={listRef} className="screen-scroll">
          <Table
            stickyHeader
            highlightOnHover
            verticalSpacing={6}
            fz="sm"
            role="grid"
            aria-label={t('templates.label')}
            className="screen-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('templates.col.name')}</Table.Th>
                <Table.Th w={90} className="cell--right">
                  {t('templates.col.lines')}
                </Table.Th>
                <Table.Th w={170}>{t('templates.col.created')}</Table.Th>
                <Table.Th w={260}>
                  <VisuallyHidden>{t('templates.col.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody onKeyDown={onKeyDown}>
              {list.map((template, index) => {
                const selected = index === selectedIndex;
                // Only the chosen row and its buttons are in the tab order.
                const tabIndex = selected ? 0 : -1;
                return (
                  <Table.Tr
                    key={template.id}
                    className="screen-row"
                    tabIndex={tabIndex}
                    aria-selected={selected}
                    data-row-index={index}
                    data-testid="template-row"
                    data-name={template.name}
                    onFocus={() => setSelectedId(template.id)}
                    onClick={() => setSelectedId(template.id)}
                    onDoubleClick={() => void start(template)}
                  >
                    <Table.Td fw={600} className="cell--clip" title={template.name} data-testid="template-name">
                      {template.name}
                    </Table.Td>
                    <Table.Td className="num cell--right">{formatCount(template.lineCount, locale)}</Table.Td>
                    <Table.Td className="num">{formatDateTime(template.createdAt, locale)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button
                          size="xs"
                          tabIndex={tabIndex}
                          loading={startingId === template.id}
                          title={t('templates.startHint')}
                          aria-label={t('templates.startLabel', { name: template.name })}
                          onClick={(event) => {
                            event.stopPropagation();
                            void start(template);
                          }}
                          data-testid="template-start"
                        >
                          {t('templates.start')}
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          tabIndex={tabIndex}
                          aria-label={t('templates.deleteLabel', { name: template.name })}
                          onClick={(event) => {
                            event.stopPropagation();
                            askDelete(template);
                          }}
                          data-testid="template-delete"
                        >
                          {t('templates.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <DeleteTemplateModal template={confirming} onCancel={cancelDelete} onDeleted={onDeleted} />
    </section>
  );
}
