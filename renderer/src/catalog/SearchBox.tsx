import { CloseButton, Kbd, TextInput } from '@mantine/core';
import type { KeyboardEvent, Ref } from 'react';
import { SearchIcon } from '../common/icons';
import { useT } from '../i18n';

interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter or ↓: go to the first row's quantity. */
  onToRows: () => void;
  disabled: boolean;
  inputRef: Ref<HTMLInputElement>;
}

export function SearchBox({ value, onChange, onToRows, disabled, inputRef }: SearchBoxProps) {
  const { t } = useT();
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      onToRows();
    } else if (event.key === 'Escape' && value !== '') {
      event.preventDefault();
      onChange('');
    }
  };
  return (
    <TextInput
      ref={inputRef}
      className="search-box"
      size="md"
      autoFocus
      disabled={disabled}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onKeyDown={onKeyDown}
      placeholder={t('catalog.searchPlaceholder')}
      aria-label={t('catalog.searchLabel')}
      leftSection={<SearchIcon size={18} />}
      rightSectionWidth={value ? 36 : 96}
      rightSection={
        value ? (
          <CloseButton size="sm" aria-label={t('catalog.clearSearch')} onClick={() => onChange('')} tabIndex={-1} />
        ) : (
          <span className="search-keys" aria-hidden>
            <Kbd size="xs">{t('keys.ctrl')}</Kbd>
            <Kbd size="xs">K</Kbd>
          </span>
        )
      }
      spellCheck={false}
      autoComplete="off"
      maxLength={200}
      data-testid="catalog-search"
    />
  );
}
