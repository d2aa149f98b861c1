import { Button, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { linkProps } from '../router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Card>
        <Stack align="flex-start">
          <Text>{t('notFound.text', { path: window.location.pathname })}</Text>
          <Button component="a" {...linkProps('/documents')}>
            {t('notFound.startOver')}
          </Button>
        </Stack>
      </Card>
    </>
  );
}
