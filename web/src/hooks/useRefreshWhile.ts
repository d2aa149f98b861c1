import { useDocumentVisibility } from '@mantine/hooks';
import { useEffect } from 'react';

/**
 * Calls `refresh` every `intervalMs` while `active` (a delivery still pending, say) and the tab is
 * visible: the server finishes such work on its own, and the page follows without a reload button.
 */
export function useRefreshWhile(active: boolean, refresh: () => Promise<void>, intervalMs = 2000): void {
  const visibility = useDocumentVisibility();
  useEffect(() => {
    if (!active || visibility !== 'visible') return;
    const timer = window.setInterval(() => void refresh(), intervalMs);
    return () => window.clearInterval(timer);
  }, [active, visibility, refresh, intervalMs]);
}
