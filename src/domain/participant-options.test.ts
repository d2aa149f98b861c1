import { describe, expect, it } from 'vitest';
import { checkDistinctParticipants, checkParticipantOptions } from './participant-options.js';

const documents = [
  { id: 'doc_pdf', pageCount: 2 },
  { id: 'doc_word', pageCount: null },
];

describe('checkParticipantOptions', () => {
  it('accepts the defaults and well-placed fields', () => {
    expect(checkParticipantOptions({}, documents, 'participants[0]')).toEqual([]);
    expect(
      checkParticipantOptions(
        {
          phone: '+48722722722',
          authentication: [{ method: 'sms' }, { method: 'secret', question: 'Customer number?', answer: '4711' }],
          delivery: { mode: 'embedded', returnUrl: 'https://crm.example.com/signed?deal=7' },
          fields: [
            { type: 'signature', documentId: 'doc_pdf', page: 2, left: 72, top: 700, width: 180, height: 50 },
            { type: 'initials', documentId: 'doc_pdf', anchor: '[[init]]', pages: [1, 2] },
            // Not a PDF: its pages are not known, so not checked.
            { type: 'date', documentId: 'doc_word', page: 9, left: 0, top: 0, width: 10, height: 10 },
          ],
        },
        documents,
        'participants[0]',
      ),
    ).toEqual([]);
  });

  it('asks for a phone for sms and call, and refuses a method twice', () => {
    expect(checkParticipantOptions({ authentication: [{ method: 'call' }, { method: 'call' }] }, documents, '').map((error) => error.path)).toEqual([
      'phone',
      'authentication[1]',
      'phone',
    ]);
  });

  it('takes only an http(s) return URL', () => {
    for (const returnUrl of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      expect(checkParticipantOptions({ delivery: { mode: 'embedded', returnUrl } }, documents, 'participants[1]')).toEqual([
        { path: 'participants[1].delivery.returnUrl', message: expect.stringContaining('http or https URL') },
      ]);
    }
  });

  it('refuses fields on other documents and beyond the last page, naming the page count', () => {
    const errors = checkParticipantOptions(
      {
        fields: [
          { type: 'signature', documentId: 'doc_other', page: 1, left: 0, top: 0, width: 10, height: 10 },
          { type: 'signature', documentId: 'doc_pdf', page: 3, left: 0, top: 0, width: 10, height: 10 },
          { type: 'signature', documentId: 'doc_pdf', anchor: '[[s]]', pages: [1, 5] },
        ],
      },
      documents,
      '',
    );
    expect(errors).toEqual([
      { path: 'fields[0].documentId', message: 'doc_other is not a document of this envelope; add it to documentIds first' },
      { path: 'fields[1].page', message: 'page 3 is beyond the end of document doc_pdf, which has 2 pages' },
      { path: 'fields[2].pages', message: 'page 5 is beyond the end of document doc_pdf, which has 2 pages' },
    ]);
  });
});

describe('checkDistinctParticipants', () => {
  it('lets one person take two roles, not the same role twice', () => {
    const participants = [
      { email: 'ann@example.com', role: 'signer' },
      { email: 'ANN@example.com', role: 'receiver' },
      { email: 'ann@example.com', role: 'signer' },
    ];
    expect(checkDistinctParticipants(participants, 'participants').map((error) => error.path)).toEqual(['participants[2].email']);
  });
});
