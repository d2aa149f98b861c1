import { Button, Fieldset, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api';
import { formPathOf, useSchemaForm } from '../hooks/useSchemaForm';
import { navigate } from '../router';
import type { FillTemplate, Template } from '../types';
import type { ConnectionsData } from '../hooks/useConnections';
import { ConnectionSelect } from './ConnectionSelect';
import { ErrorAlert } from './ErrorAlert';
import { roleNeeds } from './TemplateRoles';

type Person = FillTemplate['people'][string];
/** A person as typed: every field a string, those the role does not ask for left empty. */
type TypedPerson = Required<{ [Field in keyof Person]: string }>;
const NOBODY: TypedPerson = { firstName: '', lastName: '', email: '', phone: '', secretAnswer: '' };

type FillValues = {
  title: string;
  connectionId: string | null;
  /** By role key, as the body has them: `people.tenant.email` is both the form's path and the body's. */
  people: Record<string, TypedPerson>;
};

/**
 * "Create envelope" from a template: a person per role (a phone where the role's identity check sends
 * a code, an answer where it asks a question), then POST …/envelopes and the new envelope's page. The
 * server's rules mark each field by its path, `people.<role key>.<field>`, when it loses the focus.
 */
export function FillTemplateForm({ template, connections }: { template: Template; connections: ConnectionsData }) {
  // Roles renamed (the template edited on its page) are other roles to fill: the form starts again for them.
  return <FillRolesForm key={template.roles.map((role) => role.key).join(' ')} template={template} connections={connections} />;
}

function FillRolesForm({ template, connections }: { template: Template; connections: ConnectionsData }) {
  const { t } = useTranslation('templates');
  const { form, submit, submitting, refusal } = useSchemaForm({
    route: 'POST /api/v1/templates/{templateId}/envelopes',
    initialValues: blankFill(template),
    toBody: (values: FillValues) => fillBody(template, values),
    // A role with nobody at all is refused as `people.<key>`: said at its first name.
    fieldOf: (bodyPath) => (/^people\.[^.]+$/.test(bodyPath) ? `${bodyPath}.firstName` : formPathOf(bodyPath)),
  });

  return (
    <form
      onSubmit={submit(async (body) => {
        const envelope = await api.POST('/api/v1/templates/{templateId}/envelopes', { params: { path: { templateId: template.id } }, body, idempotencyKey: newIdempotencyKey() });
        navigate(`/envelopes/${envelope.id}`);
      })}
      noValidate
      aria-label={t('fillTemplateForm.label')}
    >
      <Stack gap="md">
        <TextInput label={t('fillTemplateForm.envelopeTitle')} description={t('fillTemplateForm.envelopeTitleDescription', { title: template.title })} {...form.getInputProps('title')} />
        <ConnectionSelect
          connections={connections}
          label={t('fillTemplateForm.sentThrough')}
          description={t('fillTemplateForm.sentThroughDescription')}
          value={form.values.connectionId}
          onChange={(connectionId) => form.setFieldValue('connectionId', connectionId)}
        />
        {template.roles.map((role) => {
          const needs = roleNeeds(role);
          const input = (field: keyof TypedPerson, label: string, extra: { type?: string; description?: string; required?: boolean } = {}) => (
            <TextInput label={label} required={extra.required ?? true} type={extra.type} description={extra.description} {...form.getInputProps(`people.${role.key}.${field}`)} />
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
        {refusal !== undefined && <ErrorAlert error={refusal} title={t('fillTemplateForm.notCreated')} />}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {t('fillTemplateForm.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Nothing typed yet: the default connection, and a blank person for each role. */
function blankFill(template: Template): FillValues {
  return { title: '', connectionId: null, people: Object.fromEntries(template.roles.map((role) => [role.key, NOBODY])) };
}

/**
 * The body: names and emails trimmed, no title unless one is typed, and a phone or an answer only for
 * the roles that ask for one (an answer kept as typed: its spaces may be part of it).
 */
function fillBody(template: Template, { title, connectionId, people }: FillValues): FillTemplate {
  return {
    title: title.trim() || undefined,
    connectionId,
    people: Object.fromEntries(
      template.roles.map((role) => {
        const needs = roleNeeds(role);
        const typed = people[role.key] ?? NOBODY;
        const person: Person = { firstName: typed.firstName.trim(), lastName: typed.lastName.trim(), email: typed.email.trim() };
        if (needs.phone) person.phone = typed.phone.trim() || null;
        if (needs.secret !== null) person.secretAnswer = typed.secretAnswer || null;
        return [role.key, person];
      }),
    ),
  };
}
