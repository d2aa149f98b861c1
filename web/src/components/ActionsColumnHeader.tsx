import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The header of a table's column of row buttons: named for screen readers, empty on screen. */
export function ActionsColumnHeader() {
  const { t } = useTranslation();
  return (
    <Table.Th>
      <span className="visually-hidden">{t('table.actions')}</span>
    </Table.Th>
  );
}
