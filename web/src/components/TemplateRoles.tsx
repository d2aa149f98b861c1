import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { describeField } from '../format';
import { useApiData } from '../hooks/useApiData';
import { roleLabel } from '../status';
import type { SignatureField, TemplateRole } from '../types';

/** The catalog key of each way to prove who one is (`templateRoles.methods.<key>`). */
const METHOD_KEYS = { 'email-link': 'emailLink', sms: 'sms', call: 'call', secret: 'secret' } as const;

/** How a role's person proves who they are, in words. */
export function describeAuthentication(role: TemplateRole, t: TFunction<'templates'>): string {
  return role.authentication
    .map((method) => {
      if (method.method === 'eid') return t('templateRoles.methods.eid', { scheme: method.scheme });
      const key = METHOD_KEYS[method.method as keyof typeof METHOD_KEYS];
      return key ? t(`templateRoles.methods.${key}`) : method.method;
    })
    .join(', ');
}

/** Whether filling the role needs a phone (a code by SMS or call) or a secret answer. */
export function roleNeeds(role: TemplateRole): { phone: boolean; secret: string | null } {
  const secret = role.authentication.find((method) => method.method === 'secret');
  return {
    phone: role.authentication.some((method) => method.method === 'sms' || method.method === 'call'),
    secret: secret && 'question' in secret ? secret.question : null,
  };
}

/** The roles to fill, in order: label, key (the CSV's column prefix), role and step, identity check, and each field in words. */
export function TemplateRoles({ roles }: { roles: TemplateRole[] }) {
  const { t } = useTranslation('templates');
  return (
    <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
      {roles.map((role) => (
        <li key={role.key}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600}>{role.label}</Text>
            <Badge variant="light" color="gray" tt="none">
              {role.key}
            </Badge>
            <Badge variant="light">{roleLabel(role.role)}</Badge>
            <Text size="sm" c="dimmed">
              {t('templateRoles.step', { step: role.step })}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {describeAuthentication(role, t)}
            {role.fields.length === 0 && ` · ${t('templateRoles.placedByProvider')}`}
          </Text>
          {role.fields.length > 0 && (
            <List size="sm" c="dimmed" aria-label={t('templateRoles.fieldsOf', { role: role.label })}>
              {role.fields.map((field, index) => (
                <List.Item key={index} className="break-anywhere">
                  <FieldWords field={field} />
                </List.Item>
              ))}
            </List>
          )}
        </li>
      ))}
    </Stack>
  );
}

/** A document of the template by its file name; one deleted since, or private to someone else, says so. */
function useDocumentName(documentId: string): { filename: string | undefined; missing: boolean } {
  const document = useApiData('/api/v1/documents/{documentId}', { params: { path: { documentId } } });
  return { filename: document.data?.filename, missing: document.error !== undefined };
}

export function DocumentLink({ documentId }: { documentId: string }) {
  const { t } = useTranslation('templates');
  const { filename, missing } = useDocumentName(documentId);
  if (missing) {
    return (
      <Text size="sm" c="dimmed" className="break-anywhere">
        {t('templateRoles.missingDocument', { id: documentId })}
      </Text>
    );
  }
  return (
    <Anchor href={`/api/v1/documents/${documentId}/content`} target="_blank" rel="noreferrer" size="sm" className="break-anywhere">
      {filename ?? documentId}
    </Anchor>
  );
}

function FieldWords({ field }: { field: SignatureField }) {
  const { filename } = useDocumentName(field.documentId);
  return <>{describeField(field, filename ?? field.documentId)}</>;
}
