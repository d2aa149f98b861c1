import { Button, Tooltip, type ButtonProps } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';

/**
 * A button the current status may not allow. When blocked it stays focusable (data-disabled rather
 * than the disabled attribute, which would swallow hover and focus) so its tooltip can say why.
 */
export function GuardedButton({
  blockedReason,
  onClick,
  children,
  ...props
}: ButtonProps & { blockedReason: string | null; onClick: () => void; children: ReactNode }) {
  if (!blockedReason) {
    return (
      <Button {...props} onClick={onClick}>
        {children}
      </Button>
    );
  }
  return (
    <Tooltip label={blockedReason}>
      <Button
        {...props}
        data-disabled
        aria-disabled="true"
        onClick={(event: MouseEvent) => event.preventDefault()}
      >
        {children}
      </Button>
    </Tooltip>
  );
}
