import { ActionIcon, Button, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPE_LABELS, fullName } from '../format';
import { currentLocale } from '../i18n';
import { roleLabel } from '../status';
import { ErrorAlert } from '../components/ErrorAlert';
import { TrashIcon } from '../components/icons';
import { UNMOUNTED_WHEN_CLOSED } from '../components/selectProps';
import type { FieldType, Participant, ProviderCapabilities } from '../types';
import { colourStyle } from './BoxPlacementLayer';
import type { PageSize } from './box-geometry';
import { participantColour, type PlacedBox } from './placed-boxes';
import type { BoxPlacement } from './useBoxPlacement';

/** "Signature box for James Dawson, page 1: 100 pt from the left, 200 pt from the top, 150 × 40 pt". */
export function describeBox(box: PlacedBox, participants: readonly Participant[], t: TFunction<'documents'>): string {
  const participant = participants.find((candidate) => candidate.id === box.participantId);
  const owner = participant ? fullName(participant) : t('boxPanel.removedParticipant');
  return t('boxPanel.box', { type: box.type, owner, page: box.page, left: box.left, top: box.top, width: box.width, height: box.height });
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
  const { t } = useTranslation('documents');
  const { boxes, changed, saving, refusal } = placement;
  const save = async () => {
    const names = listOfNames(changed);
    const count = changed.length;
    if (await placement.save()) notifications.show({ color: 'green', title: t('boxPanel.saved'), message: t('boxPanel.savedMessage', { count, names }) });
  };
  const placeForParticipant = participants.find((participant) => participant.id === placeFor);
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <Select
          label={t('boxPanel.placeFor')}
          placeholder={t('boxPanel.chooseParticipant')}
          data={participants.map((participant) => ({ value: participant.id, label: t('boxPanel.participantOption', { name: fullName(participant), role: roleLabel(participant.role).toLocaleLowerCase(currentLocale()) }) }))}
          value={placeFor}
          onChange={onPlaceFor}
          leftSection={placeForParticipant ? <span className="colour-swatch" style={colourStyle(participantColour(participants, placeForParticipant.id))} /> : undefined}
          comboboxProps={UNMOUNTED_WHEN_CLOSED}
          w={280}
          maw="100%"
        />
        {capabilities.fieldTypes.length > 1 && (
          <Select
            label={t('boxPanel.type')}
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
          {t('boxPanel.addOnPage', { page })}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('boxPanel.help')}
      </Text>

      {boxes.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('boxPanel.noBoxes')}
        </Text>
      )}
      {/* A list only when it has entries: an empty one would hold the sentence above as a non-item. */}
      <Stack gap={4} role={boxes.length > 0 ? 'list' : undefined} aria-label={boxes.length > 0 ? t('boxPanel.boxesList') : undefined}>
        {boxes.map((box) => {
          const description = describeBox(box, participants, t);
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
                  aria-label={t('boxPanel.showBox', { description })}
                  onClick={() => {
                    onShowPage(box.page);
                    placement.select(box.key);
                  }}
                >
                  {t('boxPanel.show')}
                </Button>
                <Tooltip label={t('boxPanel.removeTooltip')}>
                  <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('boxPanel.removeBox', { description })} onClick={() => placement.remove(box.key)}>
                    <TrashIcon size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          );
        })}
      </Stack>

      {refusal && <ErrorAlert error={refusal.error} title={t('boxPanel.notSaved', { name: fullName(refusal.participant) })} />}
      <Group gap="sm">
        <Button onClick={() => void save()} loading={saving} disabled={changed.length === 0}>
          {t('boxPanel.save')}
        </Button>
        <Button variant="default" onClick={placement.discard} disabled={changed.length === 0 || saving}>
          {t('boxPanel.discard')}
        </Button>
        {changed.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('boxPanel.unsaved', { names: listOfNames(changed) })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/** "James Dawson and Anna Nowak", in the app's language ("James Dawson i Anna Nowak"). */
function listOfNames(participants: readonly Participant[]): string {
  return new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(participants.map(fullName));
}
