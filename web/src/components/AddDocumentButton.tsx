import { Button, Combobox, Loader, ScrollArea, Text, useCombobox } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../api';
import { formatBytes } from '../format';
import type { DocumentRecord } from '../types';
import { PlusIcon } from './icons';

/** "Add document": a searchable list of uploaded documents, fetched the first time it opens. */
export function AddDocumentButton({ exclude, onAdd }: { exclude: string[]; onAdd: (document: DocumentRecord) => void }) {
  const { t } = useTranslation('documents');
  const [documents, setDocuments] = useState<DocumentRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch('');
    },
    onDropdownOpen: () => {
      combobox.focusSearchInput();
      if (documents === null) void load();
    },
  });

  const load = async () => {
    try {
      // The newest hundred (the API's largest page); the search narrows them down.
      setDocuments((await api.GET('/api/v1/documents', { params: { query: { limit: 100 } } })).data);
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  const needle = search.trim().toLowerCase();
  const options = (documents ?? []).filter((document) => !exclude.includes(document.id) && document.filename.toLowerCase().includes(needle));

  return (
    <Combobox
      store={combobox}
      width={320}
      position="bottom-start"
      withinPortal
      onOptionSubmit={(id) => {
        const document = documents?.find((candidate) => candidate.id === id);
        if (document) onAdd(document);
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target withAriaAttributes={false}>
        <Button variant="default" size="xs" leftSection={<PlusIcon size={14} />} onClick={() => combobox.toggleDropdown()}>
          {t('addDocument.button')}
        </Button>
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Search value={search} onChange={(event) => setSearch(event.currentTarget.value)} placeholder={t('addDocument.search')} aria-label={t('addDocument.search')} />
        <Combobox.Options>
          <ScrollArea.Autosize mah={240} type="scroll">
            {error ? (
              <Combobox.Empty>
                <Text size="sm" c="red">
                  {error}
                </Text>
              </Combobox.Empty>
            ) : documents === null ? (
              <Combobox.Empty>
                <Loader size="xs" />
              </Combobox.Empty>
            ) : options.length === 0 ? (
              <Combobox.Empty>{needle ? t('addDocument.noneMatch') : t('addDocument.noOthers')}</Combobox.Empty>
            ) : (
              options.map((document) => (
                <Combobox.Option value={document.id} key={document.id}>
                  <Text size="sm" className="break-anywhere">
                    {document.filename}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(document.size)}
                  </Text>
                </Combobox.Option>
              ))
            )}
          </ScrollArea.Autosize>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
