import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CursorList } from '../hooks/useCursorList';

/** "Show older" under a newest-first list read page by page; nothing once the last page is in. */
export function ShowOlderButton({ list, size }: { list: Pick<CursorList<unknown>, 'hasMore' | 'loadingMore' | 'loadMore'>; size?: 'xs' }) {
  const { t } = useTranslation();
  if (!list.hasMore) return null;
  return (
    <Center>
      <Button variant="light" size={size} loading={list.loadingMore} onClick={() => void list.loadMore()}>
        {t('actions.showOlder')}
      </Button>
    </Center>
  );
}
