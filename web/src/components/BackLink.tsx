import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { linkProps } from '../router';
import { ArrowLeftIcon } from './icons';

/** The link above a page's heading to the page it was opened from ("← Templates"). */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor {...linkProps(href)} size="sm" mb="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <ArrowLeftIcon size={14} /> {children}
    </Anchor>
  );
}
