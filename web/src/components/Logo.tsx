import { Group, Text } from '@mantine/core';

/** The product mark: a signature stroke on a rounded tile, and the name. */
export function Logo({ size = 'lg' }: { size?: 'lg' | 'xl' }) {
  const tile = size === 'xl' ? 40 : 30;
  return (
    <Group gap={10} wrap="nowrap">
      <svg width={tile} height={tile} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="var(--mantine-color-brand-7)" />
        <path
          d="M8 19.5c2.5-5 4.5-7.5 6-7.5 2.2 0-1.8 9 .6 9 1.6 0 3-3.5 4.6-3.5 1.2 0 .8 2.5 2 2.5.8 0 1.6-.6 2.8-1.6"
          fill="none"
          stroke="#fff"
          strokeWidth="2.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <path d="M8 24h16" stroke="#fff" strokeOpacity=".6" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <Text component="span" fw={700} fz={size === 'xl' ? 26 : 20} lts={-0.3}>
        Countersign
      </Text>
    </Group>
  );
}
