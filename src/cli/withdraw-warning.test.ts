import { describe, expect, it } from 'vitest';
import { withdrawWarning } from './withdraw-warning.js';

describe('withdrawWarning', () => {
  it('says that withdrawing deletes at a provider whose only cancellation is deleting', () => {
    expect(withdrawWarning({ name: 'ConsignO Cloud', capabilities: { withdrawDeletes: true } as never })).toBe(
      "ConsignO Cloud has no withdrawal: this deletes the workflow at ConsignO Cloud; signers' links stop working and its documents are gone there. The envelope is kept here as withdrawn.",
    );
  });

  it('says nothing for a provider that withdraws without deleting', () => {
    expect(withdrawWarning({ name: 'Connective', capabilities: { withdrawDeletes: false } as never })).toBeUndefined();
  });
});
