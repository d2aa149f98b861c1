import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { DocumentsPage } from './pages/DocumentsPage';
import { EnvelopePage } from './pages/EnvelopePage';
import { EnvelopesPage } from './pages/EnvelopesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { matchPath, navigate, usePathname } from './router';

// pdf.js comes with this page only, never with the app (web/src/preview/pdfjs.ts).
const DocumentPreviewPage = lazy(() => import('./pages/DocumentPreviewPage'));

/** The app's pages by path. `/` opens Documents, where the guide's flow starts. */
export function Routes() {
  const pathname = usePathname();

  useEffect(() => {
    if (pathname === '/') navigate('/documents', { replace: true });
  }, [pathname]);

  if (pathname === '/' || pathname === '/documents') return <DocumentsPage />;
  if (pathname === '/envelopes') return <EnvelopesPage />;
  const envelopeDocument = matchPath('/envelopes/:id/documents/:documentId', pathname);
  if (envelopeDocument) {
    return (
      <Suspense fallback={<PageLoading />}>
        <DocumentPreviewPage key={pathname} envelopeId={envelopeDocument.id!} documentId={envelopeDocument.documentId!} />
      </Suspense>
    );
  }
  const envelope = matchPath('/envelopes/:id', pathname);
  if (envelope) return <EnvelopePage key={envelope.id} id={envelope.id!} />;
  if (pathname === '/settings') return <SettingsPage section="connections" />;
  const settings = matchPath('/settings/:section', pathname);
  if (settings && ['users', 'api-keys', 'webhooks', 'audit-log'].includes(settings.section!)) {
    return <SettingsPage section={settings.section as 'users' | 'api-keys' | 'webhooks' | 'audit-log'} />;
  }
  const webhookEndpoint = matchPath('/settings/webhooks/:id', pathname);
  if (webhookEndpoint) return <SettingsPage section="webhooks" webhookEndpointId={webhookEndpoint.id!} />;
  return <NotFoundPage />;
}

function PageLoading() {
  return (
    <Center py="xl" aria-label="Loading the page">
      <Loader />
    </Center>
  );
}
