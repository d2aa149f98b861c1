import { Group, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import type { RefObject } from 'react';
import { FileIcon, UploadIcon } from './icons';

export const ACCEPTED_TYPES_TEXT = 'PDF, DOC, DOCX, ODT, ODS, XLS, XLSX or RTF';

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
      inputProps={{ 'aria-label': 'Upload documents' }}
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
            {empty ? 'No documents yet — drop a file here' : 'Drop files here to upload them'}
          </Text>
          <Text size="sm" c="dimmed">
            or click to choose. {ACCEPTED_TYPES_TEXT}; the type is read from the content.
          </Text>
        </Stack>
      </Group>
    </Dropzone>
  );
}
