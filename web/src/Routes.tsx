import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { DocumentsPage } from './pages/DocumentsPage';
import { EnvelopePage } from './pages/EnvelopePage';
import { EnvelopesPage } from './pages/EnvelopesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { BulkSendPage } from './pages/BulkSendPage';
import { TemplatePage } from './pages/TemplatePage';
import { TemplatesPage } from './pages/TemplatesPage';
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
  // An upload on its own, or a document within an envelope (with its signature boxes).
  const previewed = matchPath('/documents/:documentId', pathname) ?? matchPath('/envelopes/:envelopeId/documents/:documentId', pathname);
  if (previewed) {
    return (
      <Suspense fallback={<PageLoading />}>
        <DocumentPreviewPage key={pathname} documentId={previewed.documentId!} envelopeId={previewed.envelopeId} />
      </Suspense>
    );
  }
  const envelope = matchPath('/envelopes/:id', pathname);
  if (envelope) return <EnvelopePage key={envelope.id} id={envelope.id!} />;
  if (pathname === '/templates') return <TemplatesPage />;
  const template = matchPath('/templates/:id', pathname);
  if (template) return <TemplatePage key={template.id} id={template.id!} />;
  const bulkSend = matchPath('/templates/:templateId/bulk-sends/:id', pathname);
  if (bulkSend) return <BulkSendPage key={bulkSend.id} templateId={bulkSend.templateId!} id={bulkSend.id!} />;
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
