import { describe, expect, it } from 'vitest';
import { parseFieldSpec, parseParticipantSpec } from './participant-options.js';

describe('participant options on the command line', () => {
  it('reads a participant with its options', () => {
    expect(
      parseParticipantSpec(
        'James,Dawson,james@example.com,signer,2,phone=+48722722722,auth=sms+secret+eid:itsme,question=Customer number?,answer=C-1,level=qualified,lang=fr,return-url=https://crm.example.com/done?deal=7',
        '--participant #1',
      ),
    ).toEqual({
      firstName: 'James',
      lastName: 'Dawson',
      email: 'james@example.com',
      role: 'signer',
      step: 2,
      phone: '+48722722722',
      authentication: [{ method: 'sms' }, { method: 'secret', question: 'Customer number?', answer: 'C-1' }, { method: 'eid', scheme: 'itsme' }],
      signatureLevel: 'qualified',
      language: 'fr',
      delivery: { mode: 'embedded', returnUrl: 'https://crm.example.com/done?deal=7' },
    });
  });

  it('names what it cannot read', () => {
    expect(() => parseParticipantSpec('James,Dawson,j@example.com,colour=blue', '--participant #2')).toThrow(/--participant #2: unknown option "colour"/);
    expect(() => parseParticipantSpec('James,Dawson,j@example.com,auth=secret', 'participant')).toThrow(/needs question=… and answer=…/);
    expect(() => parseFieldSpec('type=signature,doc=doc_1,page=1,left=a', '--field #1')).toThrow(/left must be a number/);
    expect(() => parseFieldSpec('type=signature,doc=doc_1,page=1', '--field #1')).toThrow(/needs left=…/);
  });

  it('reads box and anchor fields, with the participant they are for', () => {
    expect(parseFieldSpec('to=2,type=signature,doc=doc_1,page=3,left=72,top=700,width=180,height=50', 'f')).toEqual({
      participant: 1,
      field: { type: 'signature', documentId: 'doc_1', page: 3, left: 72, top: 700, width: 180, height: 50 },
    });
    expect(parseFieldSpec('type=date,doc=doc_1,anchor=[[date-1]],pages=1+2,offset-y=12', 'f')).toEqual({
      participant: 0,
      field: { type: 'date', documentId: 'doc_1', anchor: '[[date-1]]', pages: [1, 2], offsetY: 12 },
    });
  });
});
