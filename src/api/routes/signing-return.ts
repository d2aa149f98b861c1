import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { acceptSigningReturn, type SigningOutcome, type SigningReturn } from '../../app/envelopes/signing-return.js';
import { escapeHtml } from '../../net/html.js';
import { TokenBuckets } from '../token-bucket.js';
import { problemResponses } from './responses.js';

/** Syncs one connection's return pages may start: a burst of 60, then one a second (beyond, the page still shows; the scheduled sync and callbacks catch up). */
const SYNC_BURST = 60;
const SYNC_PER_SECOND = 1;
/** How long the page shows the outcome before it sends the person on to the host's application. */
const REDIRECT_SECONDS = 2;

const WORDS: Readonly<Record<SigningOutcome, { title: string; text: string }>> = {
  signed: { title: 'Thank you, you have signed', text: 'Your signature is recorded.' },
  declined: { title: 'You declined to sign', text: 'Your refusal is recorded; the sender is told.' },
  failed: { title: 'The signing did not go through', text: 'Nothing was signed. The sender can send you a new invitation.' },
  expired: { title: 'This signing request has expired', text: 'It can no longer be signed. Ask the sender for a new one.' },
  unknown: { title: 'The signing page has closed', text: 'Countersign is checking the outcome with the signing service.' },
};

/**
 * Where a participant who signed inside the host's application lands (see app/envelopes/signing-return.ts):
 * public (the person has no account here), answered with a small plain page.
 */
export const signingReturnRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    // Keyed by connection, counted only for genuinely signed addresses: a bounded set, as TokenBuckets needs.
    const syncs = new TokenBuckets(SYNC_BURST, SYNC_PER_SECOND, () => context.now().getTime());
    app.get(
      '/signing/return/:envelopeId/:participantId',
      {
        schema: {
          // A page for people, not an API operation: kept out of the OpenAPI document (docs/architecture.md describes it).
          hide: true,
          summary: 'Signing return page (the provider sends embedded signers here)',
          security: [],
          params: Type.Object({ envelopeId: Type.String({ maxLength: 40 }), participantId: Type.String({ maxLength: 40 }) }),
          querystring: Type.Object({ sig: Type.String({ maxLength: 100 }), status: Type.Optional(Type.String({ maxLength: 40 })) }),
          response: { 200: Type.String({ description: 'A small HTML page' }), ...problemResponses(400, 404) },
        },
      },
      async (request, reply) => {
        const result = await acceptSigningReturn(
          context,
          { envelopeId: request.params.envelopeId, participantId: request.params.participantId, signature: request.query.sig, status: request.query.status },
          (connectionId) => syncs.take(connectionId).ok,
        );
        // The host usually frames the signing page, and the provider sends that frame here: let the host's
        // own origin frame this page (only it), instead of the server's "no framing at all".
        const frameAncestors = result.continueUrl ? new URL(result.continueUrl).origin : "'none'";
        reply.header(
          'Content-Security-Policy',
          `default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors}`,
        );
        reply.removeHeader('X-Frame-Options');
        return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderPage(result));
      },
    );
  };

/** Plain HTML in the web app's look (its brand colour and system font), no script. */
export function renderPage(result: SigningReturn): string {
  const words = WORDS[result.outcome];
  const name = `${result.participant.firstName} ${result.participant.lastName}`.trim();
  const next = result.continueUrl === null ? '' : escapeHtml(result.continueUrl);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
${next ? `<meta http-equiv="refresh" content="${REDIRECT_SECONDS};url=${next}">` : ''}
<title>${escapeHtml(words.title)} — Countersign</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; background: #f8f9fa; color: #1d2433; margin: 0; }
  main { max-width: 32rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.08); line-height: 1.5; }
  h1 { font-size: 1.35rem; margin: 0 0 .75rem; } p { margin: .5rem 0; } .muted { color: #5c667a; font-size: .9rem; }
  a.button { display: inline-block; margin-top: 1rem; padding: .55rem 1.1rem; border-radius: 8px; background: #2f6fdf; color: #fff; text-decoration: none; }
</style></head>
<body><main>
<h1 data-outcome="${result.outcome}">${escapeHtml(words.title)}</h1>
<p>${escapeHtml(words.text)}</p>
<p class="muted">${escapeHtml(name)} · ${escapeHtml(result.envelopeTitle)}</p>
${next ? `<p class="muted">Taking you back in ${REDIRECT_SECONDS} seconds…</p><a class="button" href="${next}">Continue</a>` : '<p class="muted">You can close this page.</p>'}
</main></body></html>`;
}
