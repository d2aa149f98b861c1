import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { describeField } from '../format';
import { useApiData } from '../hooks/useApiData';
import { roleLabel } from '../status';
import type { SignatureField, TemplateRole } from '../types';

const METHOD_WORDS: Record<string, string> = { 'email-link': 'Email link', sms: 'Code by SMS', call: 'Code by voice call', secret: 'Secret question', eid: 'Electronic ID' };

/** How a role's person proves who they are, in words. */
export function describeAuthentication(role: TemplateRole): string {
  return role.authentication.map((method) => (method.method === 'eid' ? `${METHOD_WORDS.eid} (${method.scheme})` : (METHOD_WORDS[method.method] ?? method.method))).join(', ');
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
              Step {role.step}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {describeAuthentication(role)}
            {role.fields.length === 0 && ' · signature placed by the provider'}
          </Text>
          {role.fields.length > 0 && (
            <List size="sm" c="dimmed" aria-label={`Fields of ${role.label}`}>
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
  const { filename, missing } = useDocumentName(documentId);
  if (missing) {
    return (
      <Text size="sm" c="dimmed" className="break-anywhere">
        {documentId}: no longer there, or not yours to see
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
