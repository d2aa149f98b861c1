import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, CopyIcon } from './icons';

/**
 * A read-only value to paste elsewhere (a public key, a callback URL), with a Copy button. The
 * Clipboard API needs a secure context; over plain http the text is selected and copied the old way,
 * and left selected so Ctrl+C works if even that is refused.
 */
export function CopyableCode({ label, value, block = true }: { label: string; value: string; block?: boolean }) {
  const codeRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'yes' | 'selected' | null>(null);
  const labelId = useId();
  const { t } = useTranslation();

  const copy = async () => {
    try {
      if (!navigator.clipboard || !window.isSecureContext) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied(selectAndCopy(codeRef.current) ? 'yes' : 'selected');
    }
  };

  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600} id={labelId}>
          {label}
        </Text>
        <Button
          size="xs"
          variant="light"
          leftSection={copied === 'yes' ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
          onClick={() => void copy()}
          // Named "Copy" as the guide says; the description tells a screen reader what is copied.
          aria-describedby={labelId}
        >
          {copied === 'yes' ? t('actions.copied') : t('actions.copy')}
        </Button>
      </Group>
      <Code
        ref={codeRef}
        block={block}
        className="break-anywhere"
        style={{ whiteSpace: 'pre-wrap', maxHeight: 180, overflow: 'auto', userSelect: 'all' }}
        tabIndex={0}
        aria-labelledby={labelId}
      >
        {value}
      </Code>
      {copied === 'selected' && (
        <Text size="xs" c="dimmed">
          {t('copyable.selectedInstead')}
        </Text>
      )}
    </Stack>
  );
}

function selectAndCopy(element: HTMLElement | null): boolean {
  if (!element) return false;
  const selection = window.getSelection();
  const range = document.createRange();
  range.selectNodeContents(element);
  selection?.removeAllRanges();
  selection?.addRange(range);
  try {
    // Deprecated but still the only way without the Clipboard API.
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
