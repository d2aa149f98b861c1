import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentsPage } from './pages/DocumentsPage';
import { EnvelopesPage } from './pages/EnvelopesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { matchPath, navigate, usePathname } from './router';

// The pages a session starts on (the guide's flow: Documents, then Envelopes) come with the app; the
// others are each their own chunk, fetched when first opened. pdf.js comes with the preview only,
// never with the app (web/src/preview/pdfjs.ts).
const DocumentPreviewPage = lazy(() => import('./pages/DocumentPreviewPage'));
const EnvelopePage = lazy(() => import('./pages/EnvelopePage').then((module) => ({ default: module.EnvelopePage })));
const TemplatesPage = lazy(() => import('./pages/TemplatesPage').then((module) => ({ default: module.TemplatesPage })));
const TemplatePage = lazy(() => import('./pages/TemplatePage').then((module) => ({ default: module.TemplatePage })));
const BulkSendPage = lazy(() => import('./pages/BulkSendPage').then((module) => ({ default: module.BulkSendPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((module) => ({ default: module.SettingsPage })));

/** The app's pages by path. `/` opens Documents, where the guide's flow starts. */
export function Routes() {
  const pathname = usePathname();

  useEffect(() => {
    if (pathname === '/') navigate('/documents', { replace: true });
  }, [pathname]);

  return <Suspense fallback={<PageLoading />}>{pageAt(pathname)}</Suspense>;
}

function pageAt(pathname: string): ReactNode {
  if (pathname === '/' || pathname === '/documents') return <DocumentsPage />;
  if (pathname === '/envelopes') return <EnvelopesPage />;
  // An upload on its own, or a document within an envelope (with its signature boxes).
  const previewed = matchPath('/documents/:documentId', pathname) ?? matchPath('/envelopes/:envelopeId/documents/:documentId', pathname);
  if (previewed) {
    return <DocumentPreviewPage key={pathname} documentId={previewed.documentId!} envelopeId={previewed.envelopeId} />;
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
  const { t } = useTranslation();
  return (
    <Center py="xl" aria-label={t('app.loadingPage')}>
      <Loader />
    </Center>
  );
}
