import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CursorList } from '../hooks/useCursorList';

/** "Load more" at the foot of a table read page by page (in any order); nothing once the last page is in. */
export function LoadMoreButton({ list }: { list: Pick<CursorList<unknown>, 'hasMore' | 'loadingMore' | 'loadMore'> }) {
  const { t } = useTranslation();
  if (!list.hasMore) return null;
  return (
    <Group justify="center" p="md">
      <Button variant="default" onClick={() => void list.loadMore()} loading={list.loadingMore}>
        {t('actions.loadMore')}
      </Button>
    </Group>
  );
}
