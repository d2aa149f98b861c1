import { Button, Fieldset, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { navigate } from '../router';
import type { FillTemplate, Template } from '../types';
import type { ConnectionsData } from '../hooks/useConnections';
import { ConnectionSelect } from './ConnectionSelect';
import { ErrorAlert } from './ErrorAlert';
import { roleNeeds } from './TemplateRoles';

type Person = FillTemplate['people'][string];
const EMPTY: Person = { firstName: '', lastName: '', email: '', phone: '', secretAnswer: '' };

/**
 * "Create envelope" from a template: a person per role (a phone where the role's identity check sends
 * a code, an answer where it asks a question), then POST …/envelopes and the new envelope's page. The
 * server's refusal marks each field by its path, `people.<role key>.<field>`.
 */
export function FillTemplateForm({ template, connections }: { template: Template; connections: ConnectionsData }) {
  const { t } = useTranslation('templates');
  const form = useFormSubmit();
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [people, setPeople] = useState<Record<string, Person>>({});
  const [title, setTitle] = useState('');
  const valueOf = (key: string, field: keyof Person) => (people[key]?.[field] ?? '') as string;
  const change = (key: string, field: keyof Person, value: string) => setPeople((current) => ({ ...current, [key]: { ...EMPTY, ...current[key], [field]: value } }));

  const create = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const body: FillTemplate = {
        title: title.trim() || undefined,
        connectionId,
        people: Object.fromEntries(
          template.roles.map((role) => {
            const needs = roleNeeds(role);
            const person: Person = { firstName: valueOf(role.key, 'firstName').trim(), lastName: valueOf(role.key, 'lastName').trim(), email: valueOf(role.key, 'email').trim() };
            if (needs.phone) person.phone = valueOf(role.key, 'phone').trim() || null;
            if (needs.secret !== null) person.secretAnswer = valueOf(role.key, 'secretAnswer') || null;
            return [role.key, person];
          }),
        ),
      };
      const envelope = await api.POST('/api/v1/templates/{templateId}/envelopes', { params: { path: { templateId: template.id } }, body, idempotencyKey: newIdempotencyKey() });
      navigate(`/envelopes/${envelope.id}`);
    });
  };
  const errorAt = (key: string, field: string) => form.fieldErrors[`people.${key}.${field}`] ?? (field === 'firstName' ? form.fieldErrors[`people.${key}`] : undefined);

  return (
    <form onSubmit={create} noValidate aria-label={t('fillTemplateForm.label')}>
      <Stack gap="md">
        <TextInput label={t('fillTemplateForm.envelopeTitle')} description={t('fillTemplateForm.envelopeTitleDescription', { title: template.title })} value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={form.fieldErrors.title} />
        <ConnectionSelect
          connections={connections}
          label={t('fillTemplateForm.sentThrough')}
          description={t('fillTemplateForm.sentThroughDescription')}
          value={connectionId}
          onChange={setConnectionId}
        />
        {template.roles.map((role) => {
          const needs = roleNeeds(role);
          const input = (field: keyof Person, label: string, extra: { type?: string; description?: string; required?: boolean } = {}) => (
            <TextInput
              label={label}
              required={extra.required ?? true}
              type={extra.type}
              description={extra.description}
              value={valueOf(role.key, field)}
              onChange={(event) => change(role.key, field, event.currentTarget.value)}
              error={errorAt(role.key, field)}
            />
          );
          return (
            <Fieldset key={role.key} legend={role.label}>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                {input('firstName', t('fillTemplateForm.firstName', { role: role.label }))}
                {input('lastName', t('fillTemplateForm.lastName', { role: role.label }))}
                {input('email', t('fillTemplateForm.email', { role: role.label }), { type: 'email' })}
                {needs.phone && input('phone', t('fillTemplateForm.phone', { role: role.label }), { type: 'tel', description: t('fillTemplateForm.phoneDescription') })}
                {needs.secret !== null &&
                  input('secretAnswer', t('fillTemplateForm.answer', { role: role.label }), { description: t('fillTemplateForm.answerDescription', { question: needs.secret }) })}
              </SimpleGrid>
            </Fieldset>
          );
        })}
        {form.error !== undefined && <ErrorAlert error={form.error} title={t('fillTemplateForm.notCreated')} />}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('fillTemplateForm.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
