import { Alert, Button, Checkbox, Group, Modal, Radio, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useFormSubmit } from '../hooks/useFormSubmit';
import type { EventType, WebhookEndpoint, WebhookEndpointWithSecret } from '../types';
import { EVENT_TYPE_GROUPS, EVENT_TYPES, eventTypeLabel } from '../webhooks';
import { ErrorAlert } from './ErrorAlert';

/** The fields the server names in a refusal that this form shows beside their input. */
const FORM_FIELDS = ['url', 'description', 'events', 'enabled'];

/**
 * Adds a webhook endpoint (`endpoint` null) or changes one: its URL, description, which events it
 * takes (all, or chosen types) and, when changing, whether it is enabled. The server's refusals show
 * beside the input they name.
 */
export function WebhookEndpointFormModal({
  opened,
  endpoint,
  onClose,
  onCreated,
  onUpdated,
}: {
  opened: boolean;
  endpoint: WebhookEndpoint | null;
  onClose: () => void;
  onCreated: (created: WebhookEndpointWithSecret) => void;
  onUpdated: (updated: WebhookEndpoint) => void;
}) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [allEvents, setAllEvents] = useState(true);
  const [chosen, setChosen] = useState<EventType[]>([]);
  const [enabled, setEnabled] = useState(true);
  const [noneChosen, setNoneChosen] = useState(false);
  const { submitting, error, fieldErrors, run, reset } = useFormSubmit();
  const { t } = useTranslation(['settings', 'common']);

  // Each opening starts from the endpoint as it is now (or empty, for a new one).
  useEffect(() => {
    if (!opened) return;
    setUrl(endpoint?.url ?? '');
    setDescription(endpoint?.description ?? '');
    setAllEvents(endpoint?.events == null);
    setChosen(endpoint?.events ?? []);
    setEnabled(endpoint?.enabled ?? true);
    setNoneChosen(false);
    reset();
    // reset is left out of the dependencies: a new function at each render, and only an opening resets.
  }, [opened, endpoint]);

  // A refusal of one chosen type names `events[2]`: shown under the whole list.
  const eventsError = noneChosen
    ? t('webhookForm.noneChosen')
    : Object.entries(fieldErrors).find(([path]) => path === 'events' || path.startsWith('events['))?.[1];
  const shownBesideField = Object.keys(fieldErrors).some((path) => FORM_FIELDS.some((field) => path === field || path.startsWith(`${field}[`)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!allEvents && chosen.length === 0) {
      setNoneChosen(true);
      return;
    }
    setNoneChosen(false);
    const body = {
      url: url.trim(),
      description: description.trim() || null,
      // Kept in the API's order, whatever order they were ticked in.
      events: allEvents ? null : EVENT_TYPES.filter((type) => chosen.includes(type)),
    };
    void run(async () => {
      if (endpoint === null) onCreated(await api.POST('/api/v1/webhook-endpoints', { body }));
      else onUpdated(await api.PATCH('/api/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId: endpoint.id } }, body: { ...body, enabled } }));
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{endpoint ? t('webhookForm.changeTitle') : t('webhookForm.addTitle')}</Text>} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== undefined && !shownBesideField && <ErrorAlert error={error} title={endpoint ? t('webhookForm.nothingChanged') : t('webhookForm.notAdded')} />}
          <TextInput
            label={t('webhookForm.url')}
            description={t('webhookForm.urlHint')}
            required
            data-autofocus
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            error={fieldErrors.url}
          />
          <TextInput
            label={t('webhookForm.description')}
            description={t('webhookForm.descriptionHint')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={fieldErrors.description}
          />
          <Radio.Group
            label={t('webhookForm.events')}
            value={allEvents ? 'all' : 'chosen'}
            onChange={(value) => {
              setAllEvents(value === 'all');
              setNoneChosen(false);
            }}
          >
            <Stack gap={6} mt="xs">
              <Radio value="all" label={t('webhookForm.allEvents')} />
              <Radio value="chosen" label={t('webhookForm.chosenEvents')} />
            </Stack>
          </Radio.Group>
          {!allEvents && (
            <Checkbox.Group
              label={t('webhookForm.eventTypes')}
              value={chosen}
              onChange={(values) => {
                setChosen(EVENT_TYPES.filter((type) => values.includes(type)));
                setNoneChosen(false);
              }}
              error={eventsError}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="md">
                {EVENT_TYPE_GROUPS.map((group) => (
                  <Stack key={group.group} gap={6}>
                    <Text size="sm" fw={600}>
                      {t(`webhookEvents.groups.${group.group}`)}
                    </Text>
                    {group.types.map((type) => (
                      <Checkbox key={type} value={type} label={eventTypeLabel(type)} description={type} />
                    ))}
                  </Stack>
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
          {endpoint && (
            <>
              <Switch
                label={t('webhookForm.enabled')}
                description={t('webhookForm.enabledHint')}
                checked={enabled}
                onChange={(event) => setEnabled(event.currentTarget.checked)}
                error={fieldErrors.enabled}
              />
              {!endpoint.enabled && endpoint.disabledReason && (
                <Alert color="orange" variant="light" title={t('webhookForm.whyDisabled')}>
                  <Text size="sm" className="break-anywhere">
                    {endpoint.disabledReason}
                  </Text>
                </Alert>
              )}
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {endpoint ? t('common:actions.save') : t('webhookForm.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
