import { Alert, Button, Checkbox, Group, Modal, Radio, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { formPathOf, useSchemaForm, type FormErrors } from '../hooks/useSchemaForm';
import { i18n } from '../i18n';
import type { EventType, WebhookEndpoint, WebhookEndpointWithSecret } from '../types';
import { EVENT_TYPE_GROUPS, EVENT_TYPES, eventTypeLabel } from '../webhooks';
import { ErrorAlert } from './ErrorAlert';
import { refusedBesideFields } from './refusedBesideFields';

/** The fields the server names in a refusal that this form shows beside their input. */
const FORM_FIELDS = ['url', 'description', 'events', 'enabled'];

interface EndpointValues extends Record<string, unknown> {
  url: string;
  description: string;
  /** All events, present and future (`events: null`), or only those in `events`. */
  allEvents: boolean;
  events: EventType[];
  enabled: boolean;
}

/** The form as it opens: the endpoint as it is now, or empty for a new one. */
function valuesOf(endpoint: WebhookEndpoint | null): EndpointValues {
  return {
    url: endpoint?.url ?? '',
    description: endpoint?.description ?? '',
    allEvents: endpoint?.events == null,
    events: endpoint?.events ?? [],
    enabled: endpoint?.enabled ?? true,
  };
}

/**
 * The form's own rule: "only the events I choose" with none chosen is said in the form's words (the
 * server's would be about an empty list, not about the choice the person made).
 */
function someEventChosen({ allEvents, events }: EndpointValues): FormErrors {
  return allEvents || events.length > 0 ? {} : { events: i18n.t('settings:webhookForm.noneChosen') };
}

/** A refusal of one chosen type names `events[2]`: shown under the whole list. */
function endpointFieldOf(bodyPath: string): string {
  return bodyPath.startsWith('events[') ? 'events' : formPathOf(bodyPath);
}

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
  const { t } = useTranslation(['settings', 'common']);
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: endpoint === null ? 'POST /api/v1/webhook-endpoints' : 'PATCH /api/v1/webhook-endpoints/{endpointId}',
    initialValues: valuesOf(endpoint),
    toBody: ({ url, description, allEvents, events, enabled }) => ({
      url: url.trim(),
      description: description.trim() || null,
      // Kept in the API's order, whatever order they were ticked in.
      events: allEvents ? null : EVENT_TYPES.filter((type) => events.includes(type)),
      // Only a change says whether the endpoint is enabled; a new one is.
      ...(endpoint === null ? {} : { enabled }),
    }),
    fieldOf: endpointFieldOf,
    check: someEventChosen,
  });

  // Each opening starts from the endpoint as it is now (or empty, for a new one).
  useEffect(() => {
    if (!opened) return;
    restart(valuesOf(endpoint));
    // restart is left out of the dependencies: a new function at each render, and only an opening restarts.
  }, [opened, endpoint]);

  const values = form.values;

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{endpoint ? t('webhookForm.changeTitle') : t('webhookForm.addTitle')}</Text>} size="xl">
      <form
        onSubmit={submit(async (body) => {
          if (endpoint === null) onCreated(await api.POST('/api/v1/webhook-endpoints', { body }));
          else onUpdated(await api.PATCH('/api/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId: endpoint.id } }, body }));
        })}
        noValidate
      >
        <Stack>
          {refusal !== undefined && !refusedBesideFields(refusal, FORM_FIELDS) && <ErrorAlert error={refusal} title={endpoint ? t('webhookForm.nothingChanged') : t('webhookForm.notAdded')} />}
          <TextInput
            label={t('webhookForm.url')}
            description={t('webhookForm.urlHint')}
            required
            data-autofocus
            {...form.getInputProps('url')}
          />
          <TextInput
            label={t('webhookForm.description')}
            description={t('webhookForm.descriptionHint')}
            {...form.getInputProps('description')}
          />
          <Radio.Group
            label={t('webhookForm.events')}
            value={values.allEvents ? 'all' : 'chosen'}
            onChange={(value) => {
              form.setFieldValue('allEvents', value === 'all');
              // Another choice: "none chosen" is no longer what the person is looking at.
              form.clearFieldError('events');
            }}
          >
            <Stack gap={6} mt="xs">
              <Radio value="all" label={t('webhookForm.allEvents')} />
              <Radio value="chosen" label={t('webhookForm.chosenEvents')} />
            </Stack>
          </Radio.Group>
          {!values.allEvents && (
            <Checkbox.Group
              label={t('webhookForm.eventTypes')}
              {...form.getInputProps('events')}
              onChange={(chosen) => form.setFieldValue('events', EVENT_TYPES.filter((type) => chosen.includes(type)))}
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
                {...form.getInputProps('enabled', { type: 'checkbox' })}
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
