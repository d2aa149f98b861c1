import { describe, expect, it } from 'vitest';
import { linkify, readableSize, sandboxPage } from './html.js';
import { phoneOutboxPage } from './outbox-pages.js';

const PAGES = { page: (title: string, body: string) => sandboxPage('ConsignO Cloud sandbox', title, body), provider: 'ConsignO Cloud' };

describe('the phone outbox page', () => {
  it('shows each text message and call newest first, to whom, when, its code, the text escaped', () => {
    const html = phoneOutboxPage(
      PAGES,
      [
        { to: '+15145550100', channel: 'call', text: 'Your code is 654321 <now>', code: '654321', sentAt: Date.parse('2026-03-03T14:06:00Z') },
        { to: '48722722722', text: 'Autenti: code 123456, see https://sign.example.com/a', sentAt: '2026-03-03T14:05:09.000Z' },
      ],
      { to: '' },
    );
    expect(html.indexOf('Call to +15145550100')).toBeLessThan(html.indexOf('Text message to +48722722722'));
    expect(html).toContain('<dt>Code</dt><dd class="code">654321</dd>');
    expect(html).toContain('Your code is 654321 &lt;now&gt;');
    expect(html).toContain('<time datetime="2026-03-03T14:06:00.000Z">3 Mar 2026, 14:06:00 UTC</time>');
    expect(html).toContain('<time datetime="2026-03-03T14:05:09.000Z">3 Mar 2026, 14:05:09 UTC</time>');
    expect(html).toContain('see <a href="https://sign.example.com/a">https://sign.example.com/a</a>');
    expect(html).toContain('<a href="mailbox">Mailbox</a>');
    expect(html).toContain('2 messages.');
  });

  it('names the number filtered on, offers every number again, and says so when nothing was sent', () => {
    const html = phoneOutboxPage(PAGES, [], { to: '48722722722' });
    expect(html).toContain('<h1>Text messages to +48722722722</h1>');
    expect(html).toContain('<a href="sms">Show every number</a>');
    expect(html).toContain('No text message yet.');
  });
});

describe('page helpers', () => {
  it('links only http(s) addresses, leaves a sentence’s punctuation out, and escapes the rest', () => {
    expect(linkify('See http://a.example/x, then (https://b.example/y).')).toBe(
      'See <a href="http://a.example/x">http://a.example/x</a>, then (<a href="https://b.example/y">https://b.example/y</a>).',
    );
    expect(linkify('data:text/html,<script>x</script> ftp://c.example')).toBe('data:text/html,&lt;script&gt;x&lt;/script&gt; ftp://c.example');
    expect(linkify('https://d.example/"onmouseover="x')).toBe('<a href="https://d.example/">https://d.example/</a>&quot;onmouseover=&quot;x');
  });

  it('writes sizes as people read them', () => {
    expect([readableSize(812), readableSize(14 * 1024 + 100), readableSize(2.34 * 1024 * 1024)]).toEqual(['812 bytes', '14 KB', '2.3 MB']);
  });
});
