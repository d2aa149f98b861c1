import { ActionIcon, Button, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FIELD_TYPE_LABELS, fullName } from '../format';
import { ErrorAlert } from '../components/ErrorAlert';
import { TrashIcon } from '../components/icons';
import { UNMOUNTED_WHEN_CLOSED } from '../components/selectProps';
import type { FieldType, Participant, ProviderCapabilities } from '../types';
import { colourStyle } from './BoxPlacementLayer';
import type { PageSize } from './box-geometry';
import { participantColour, type PlacedBox } from './placed-boxes';
import type { BoxPlacement } from './useBoxPlacement';

/** "Signature box for James Dawson, page 1: 100 pt from the left, 200 pt from the top, 150 × 40 pt". */
export function describeBox(box: PlacedBox, participants: readonly Participant[]): string {
  const participant = participants.find((candidate) => candidate.id === box.participantId);
  const owner = participant ? fullName(participant) : 'a removed participant';
  return `${FIELD_TYPE_LABELS[box.type]} box for ${owner}, page ${box.page}: ${box.left} pt from the left, ${box.top} pt from the top, ${box.width} × ${box.height} pt`;
}

/**
 * What goes with the page while boxes are placed: whom a new box is for (their colour beside their
 * name), its type when the provider takes several, a box added without a pointer, every box of the
 * document listed with a remove button, and saving or discarding the changes.
 */
export function BoxPlacementPanel({
  participants,
  capabilities,
  placement,
  placeFor,
  onPlaceFor,
  fieldType,
  onFieldType,
  page,
  pageSize,
  onShowPage,
}: {
  participants: readonly Participant[];
  capabilities: ProviderCapabilities;
  placement: BoxPlacement;
  placeFor: string | null;
  onPlaceFor: (participantId: string | null) => void;
  fieldType: FieldType;
  onFieldType: (type: FieldType) => void;
  page: number;
  pageSize: PageSize | undefined;
  onShowPage: (page: number) => void;
}) {
  const { boxes, changed, saving, refusal } = placement;
  const save = async () => {
    const names = listOfNames(changed);
    if (await placement.save()) notifications.show({ color: 'green', title: 'Boxes saved', message: `Where ${names} sign${changed.length === 1 ? 's' : ''} is saved.` });
  };
  const placeForParticipant = participants.find((participant) => participant.id === placeFor);
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <Select
          label="Place boxes for"
          placeholder="Choose a participant"
          data={participants.map((participant) => ({ value: participant.id, label: `${fullName(participant)} (${participant.role})` }))}
          value={placeFor}
          onChange={onPlaceFor}
          leftSection={placeForParticipant ? <span className="colour-swatch" style={colourStyle(participantColour(participants, placeForParticipant.id))} /> : undefined}
          comboboxProps={UNMOUNTED_WHEN_CLOSED}
          w={280}
          maw="100%"
        />
        {capabilities.fieldTypes.length > 1 && (
          <Select
            label="Type"
            data={capabilities.fieldTypes.map((type) => ({ value: type, label: FIELD_TYPE_LABELS[type] }))}
            value={fieldType}
            allowDeselect={false}
            onChange={(type) => type && onFieldType(type as FieldType)}
            comboboxProps={UNMOUNTED_WHEN_CLOSED}
            w={160}
          />
        )}
        <Button
          variant="default"
          disabled={!placeFor || !pageSize}
          onClick={() => placeFor && pageSize && placement.addDefault(placeFor, fieldType, page, pageSize)}
        >
          Add box on page {page}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Drag on the page to draw a box, or click to drop one. Drag a box to move it and its corner to resize it; with a box selected, the arrow keys move it
        (Shift: by 10 pt), Alt with the arrow keys resizes it, and Delete removes it. Positions are in PDF points (1/72 inch) from the page’s top-left corner.
      </Text>

      {boxes.length === 0 && (
        <Text size="sm" c="dimmed">
          No boxes on this document yet: the provider chooses where these participants sign.
        </Text>
      )}
      {/* A list only when it has entries: an empty one would hold the sentence above as a non-item. */}
      <Stack gap={4} role={boxes.length > 0 ? 'list' : undefined} aria-label={boxes.length > 0 ? 'Boxes on this document' : undefined}>
        {boxes.map((box) => {
          const description = describeBox(box, participants);
          return (
            <Group key={box.key} role="listitem" gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap">
                <span className="colour-swatch" style={colourStyle(participantColour(participants, box.participantId))} />
                <Text size="sm" className="break-anywhere" fw={box.key === placement.selected ? 600 : undefined}>
                  {description}
                </Text>
              </Group>
              <Group gap={4} wrap="nowrap">
                <Button
                  variant="subtle"
                  size="compact-xs"
                  aria-label={`Show ${description}`}
                  onClick={() => {
                    onShowPage(box.page);
                    placement.select(box.key);
                  }}
                >
                  Show
                </Button>
                <Tooltip label="Remove this box">
                  <ActionIcon variant="subtle" color="red" size="sm" aria-label={`Remove ${description}`} onClick={() => placement.remove(box.key)}>
                    <TrashIcon size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          );
        })}
      </Stack>

      {refusal && <ErrorAlert error={refusal.error} title={`The boxes for ${fullName(refusal.participant)} were not saved`} />}
      <Group gap="sm">
        <Button onClick={() => void save()} loading={saving} disabled={changed.length === 0}>
          Save boxes
        </Button>
        <Button variant="default" onClick={placement.discard} disabled={changed.length === 0 || saving}>
          Discard changes
        </Button>
        {changed.length > 0 && (
          <Text size="sm" c="dimmed">
            Unsaved changes for {listOfNames(changed)}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/** "James Dawson and Anna Nowak". */
function listOfNames(participants: readonly Participant[]): string {
  return new Intl.ListFormat('en', { type: 'conjunction' }).format(participants.map(fullName));
}
