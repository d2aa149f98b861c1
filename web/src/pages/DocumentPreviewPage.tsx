import { Alert, Anchor, Card, Grid, Group, Loader, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { ArrowLeftIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { useApiData } from '../hooks/useApiData';
import { useConnections } from '../hooks/useConnections';
import { usePhone } from '../hooks/usePhone';
import { fullName } from '../format';
import { BoxPlacementLayer } from '../preview/BoxPlacementLayer';
import { BoxPlacementPanel, describeBox } from '../preview/BoxPlacementPanel';
import { DocumentViewer } from '../preview/DocumentViewer';
import { usePageSize } from '../preview/PdfPageCanvas';
import { boxPlacement, participantColour } from '../preview/placed-boxes';
import type { PDFDocumentProxy } from '../preview/pdfjs';
import { useBoxPlacement } from '../preview/useBoxPlacement';
import { useDocumentPdf } from '../preview/useDocumentPdf';
import { linkProps, replaceSearch, useLocationSearch } from '../router';
import { useSession } from '../session';
import { isEnvelopeEditable } from '../status';
import type { Envelope, FieldType, ProviderEntry } from '../types';

/**
 * A document shown page by page with pdf.js, loaded with this page only (App's `lazy`). Under an
 * envelope (`/envelopes/{id}/documents/{documentId}`) the participants' signature boxes are drawn on
 * the pages and, while the envelope is prepared and its provider takes boxes, placed, moved, resized
 * and removed here. The page shown is in the URL (`?page=2`), so a reload or a link opens it again.
 */
export default function DocumentPreviewPage({ documentId, envelopeId }: { documentId: string; envelopeId?: string }) {
  const { t } = useTranslation('documents');
  const source = useDocumentPdf(documentId);
  const search = useLocationSearch();
  const requested = Number(new URLSearchParams(search).get('page') ?? '1');
  const pages = source.state === 'ready' ? source.pdf.numPages : 1;
  const page = Number.isInteger(requested) ? Math.min(Math.max(1, requested), pages) : 1;
  const showPage = (to: number) => replaceSearch({ page: to === 1 ? undefined : String(to) });
  const filename = source.state === 'loading' || source.state === 'failed' ? undefined : source.document.filename;
  const backTo = envelopeId ? `/envelopes/${envelopeId}` : '/documents';

  return (
    <>
      <Anchor {...linkProps(backTo)} size="sm" mb="sm" display="inline-block">
        <Group gap={4} component="span">
          <ArrowLeftIcon size={14} /> {envelopeId ? t('previewPage.backToEnvelope') : t('previewPage.backToDocuments')}
        </Group>
      </Anchor>
      <PageHeader title={filename ?? t('previewPage.title')} description={envelopeId ? t('previewPage.descriptionInEnvelope') : t('previewPage.description')} />
      {source.state === 'failed' && <ErrorAlert error={source.error} title={t('previewPage.loadError')} />}
      {source.state === 'unavailable' && (
        <Alert color="gray" title={t('previewPage.noPreview')}>
          {source.reason}
        </Alert>
      )}
      {source.state === 'converting' && (
        <Alert color="brand" title={t('previewPage.converting')} icon={<Loader size="xs" />}>
          {t('previewPage.convertingText', { filename: source.document.filename })}
        </Alert>
      )}
      {source.state === 'loading' && <Skeleton height={480} radius="lg" aria-label={t('previewPage.loading')} />}
      {source.state === 'ready' &&
        (envelopeId ? (
          <EnvelopeDocumentView envelopeId={envelopeId} documentId={documentId} pdf={source.pdf} filename={source.document.filename} page={page} onPage={showPage} />
        ) : (
          <Card>
            <DocumentViewer pdf={source.pdf} filename={source.document.filename} page={page} onPageChange={showPage} />
          </Card>
        ))}
    </>
  );
}

/** The document within its envelope: the boxes on it, placed here where the envelope and its provider allow. */
function EnvelopeDocumentView({
  envelopeId,
  documentId,
  pdf,
  filename,
  page,
  onPage,
}: {
  envelopeId: string;
  documentId: string;
  pdf: PDFDocumentProxy;
  filename: string;
  page: number;
  onPage: (page: number) => void;
}) {
  const envelope = useApiData('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId } } });
  const connections = useConnections();
  const { can } = useSession();
  const { t } = useTranslation('documents');
  const data = envelope.data;

  if (!data) {
    return envelope.error !== undefined ? <ErrorAlert error={envelope.error} title={t('previewPage.envelopeLoadError')} onRetry={() => void envelope.reload()} /> : <Skeleton height={480} radius="lg" />;
  }
  if (!data.documents.some((document) => document.id === documentId)) {
    return (
      <Alert color="orange" title={t('previewPage.notInEnvelope')}>
        {t('previewPage.notInEnvelopeText', { filename })}
      </Alert>
    );
  }
  const connection = connections.connectionFor(data.connectionId);
  const provider = connections.providerOf(connection);
  const editable = can('envelopes:write') && isEnvelopeEditable(data);
  return <PlacementView envelope={data} reload={envelope.reload} provider={provider} editable={editable} documentId={documentId} pdf={pdf} filename={filename} page={page} onPage={onPage} />;
}

function PlacementView({
  envelope,
  reload,
  provider,
  editable,
  documentId,
  pdf,
  filename,
  page,
  onPage,
}: {
  envelope: Envelope;
  reload: () => Promise<void>;
  provider: ProviderEntry | undefined;
  editable: boolean;
  documentId: string;
  pdf: PDFDocumentProxy;
  filename: string;
  page: number;
  onPage: (page: number) => void;
}) {
  const phone = usePhone();
  const { t } = useTranslation('documents');
  const placement = useBoxPlacement(envelope, documentId, reload);
  const participants = envelope.participants;
  const offer = provider ? boxPlacement(provider.capabilities, provider.name, t) : null;
  const canPlace = editable && offer?.offered === true && participants.length > 0;
  // On a phone the page scrolls under a finger until someone is chosen to place boxes for.
  const [placeFor, setPlaceFor] = useState<string | null>(phone ? null : (participants[0]?.id ?? null));
  const [fieldType, setFieldType] = useState<FieldType>('signature');
  const pageSize = usePageSize(pdf, page);

  useEffect(() => {
    if (placeFor !== null && !participants.some((participant) => participant.id === placeFor)) setPlaceFor(null);
  }, [participants, placeFor]);
  useEffect(() => {
    const types = provider?.capabilities.fieldTypes ?? [];
    if (types.length > 0 && !types.includes(fieldType)) setFieldType(types[0]!);
  }, [provider, fieldType]);

  const owners = (participantId: string) => {
    const participant = participants.find((candidate) => candidate.id === participantId);
    return { colour: participantColour(participants, participantId), name: participant ? fullName(participant) : '?' };
  };

  const viewer = (
    <Card>
      <DocumentViewer
        pdf={pdf}
        filename={filename}
        page={page}
        onPageChange={onPage}
        overlay={({ size, scale }) => (
          <BoxPlacementLayer
            boxes={placement.boxes.filter((box) => box.page === page)}
            owners={owners}
            size={size}
            scale={scale}
            editable={canPlace}
            placeFor={canPlace ? placeFor : null}
            selected={placement.selected}
            describe={(box) => describeBox(box, participants, t)}
            onSelect={placement.select}
            onAdd={(rect) => placeFor && placement.add(placeFor, fieldType, page, rect)}
            onChange={placement.change}
            onRemove={placement.remove}
          />
        )}
      />
    </Card>
  );
  const notice = editable && offer && !offer.offered ? (
    <Alert color="gray" title={t('previewPage.cannotPlace')}>
      {offer.reason}
    </Alert>
  ) : editable && offer?.offered && participants.length === 0 ? (
    <Text size="sm" c="dimmed">
      {t('previewPage.addParticipant')}
    </Text>
  ) : null;
  if (!canPlace || !provider) {
    return (
      <Stack gap="lg">
        {notice}
        {viewer}
      </Stack>
    );
  }

  // On a wide screen the controls stay beside the page as it scrolls; on a phone they come first.
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
        {viewer}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
        <Stack gap="md" className="placement-controls">
          <Card>
            <Title order={2} fz="lg" mb="sm">
              {t('previewPage.signatureBoxes')}
            </Title>
            <BoxPlacementPanel
              participants={participants}
              capabilities={provider.capabilities}
              placement={placement}
              placeFor={placeFor}
              onPlaceFor={setPlaceFor}
              fieldType={fieldType}
              onFieldType={setFieldType}
              page={page}
              pageSize={pageSize}
              onShowPage={onPage}
            />
          </Card>
          {provider.capabilities.signatureFields.includes('anchor') && (
            <Text size="sm" c="dimmed">
              <Trans t={t} i18nKey="previewPage.anchorHint" components={{ anchor: <Anchor {...linkProps(`/envelopes/${envelope.id}`)} /> }} />
            </Text>
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
