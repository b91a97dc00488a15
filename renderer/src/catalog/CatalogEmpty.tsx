import { Button, EmptyState } from '@mantine/core';
import { FileIcon, SearchIcon, UploadIcon } from '../common/icons';
import { useT } from '../i18n';

/** No price list yet: say what to do, with the button that does it. */
export function NoPriceList({ onImport }: { onImport: () => void }) {
  const { t } = useT();
  return (
    <div className="catalog-empty" data-testid="catalog-empty">
      <EmptyState
        size="lg"
        variant="light"
        icon={<FileIcon size={28} />}
        title={t('catalog.empty.title')}
        description={t('catalog.empty.description')}
      >
        <EmptyState.Actions>
          <Button leftSection={<UploadIcon />} onClick={onImport} data-testid="empty-import-button">
            {t('catalog.empty.action')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </div>
  );
}

export function NothingFound({ query }: { query: string }) {
  const { t } = useT();
  return (
    <div className="catalog-empty" data-testid="catalog-nothing-found">
      <EmptyState
        icon={<SearchIcon size={28} />}
        title={t('catalog.nothingFound', { query })}
        description={t('catalog.nothingFoundHint')}
      />
    </div>
  );
}
