import { Group, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { FileIcon, UploadIcon } from './icons';

/**
 * Drop files or click to choose them (keyboard: the page's Upload document button). No client-side type filter: the server judges a
 * file by its content, and its refusal says exactly why, which a silent browser filter would not.
 */
export function UploadDropzone({
  onFiles,
  uploading,
  empty,
  openRef,
}: {
  onFiles: (files: File[]) => void;
  uploading: boolean;
  /** No documents yet: the drop zone is the page's empty state. */
  empty: boolean;
  openRef: RefObject<(() => void) | null>;
}) {
  const { t } = useTranslation('documents');
  return (
    <Dropzone
      onDrop={onFiles}
      loading={uploading}
      multiple
      openRef={openRef}
      radius="lg"
      // A drop target for the mouse, not a second keyboard stop: the page's "Upload document" button
      // opens the same file picker. As a focusable "button" it would wrap the file input, a control
      // inside a control, which assistive technology cannot tell apart; the input is named instead.
      activateOnKeyboard={false}
      inputProps={{ 'aria-label': t('uploadDropzone.inputLabel') }}
      style={{ borderWidth: 2 }}
      bg="var(--mantine-color-body)"
    >
      <Group justify="center" gap="lg" mih={empty ? 200 : 84} style={{ pointerEvents: 'none' }} wrap="nowrap">
        <Dropzone.Accept>
          <UploadIcon size={empty ? 44 : 30} color="var(--mantine-color-brand-6)" />
        </Dropzone.Accept>
        <Dropzone.Reject>
          <UploadIcon size={empty ? 44 : 30} color="var(--mantine-color-red-6)" />
        </Dropzone.Reject>
        <Dropzone.Idle>
          {empty ? <FileIcon size={44} color="var(--mantine-color-gray-5)" /> : <UploadIcon size={30} color="var(--mantine-color-gray-5)" />}
        </Dropzone.Idle>
        <Stack gap={4}>
          <Text fw={600} size={empty ? 'lg' : 'md'}>
            {empty ? t('uploadDropzone.empty') : t('uploadDropzone.drop')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('uploadDropzone.hint')}
          </Text>
        </Stack>
      </Group>
    </Dropzone>
  );
}
