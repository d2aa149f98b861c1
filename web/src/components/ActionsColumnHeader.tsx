import { Table } from '@mantine/core';

/** The header of a table's column of row buttons: named for screen readers, empty on screen. */
export function ActionsColumnHeader() {
  return (
    <Table.Th>
      <span className="visually-hidden">Actions</span>
    </Table.Th>
  );
}
