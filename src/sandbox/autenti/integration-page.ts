import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { NOTIFICATION_SCOPE, createClient, maskCallbackUrl, parseCallbackUrl, parsePublicKeys } from './clients.js';
import type { SandboxContext } from './context.js';
import { grantOf } from './control.js';
import { escapeHtml, page } from './html.js';
import { SandboxProblem } from './problems.js';

/**
 * "Integration settings" of the Autenti web app (seed 000 §3.1 and §3.3), as one small HTML page:
 * add a client application (its secret is shown once), paste a public key (JWK or JWKS), set the
 * callback URL. The same operations exist as JSON under `/_sandbox/clients`. A control route: guarded
 * when the sandbox is; a browser signed in to Countersign reaches it with its session (same origin),
 * and the forms post the session's CSRF token as a hidden field. Callback URLs are shown masked (their
 * last segment is the receiver's secret): the field is left empty to keep the current one.
 */

type Message = { kind: 'notice' | 'error'; html: string };

function settingsPage(context: SandboxContext, request: FastifyRequest, message?: Message): string {
  const clients = context.store.listClients();
  const csrfToken = grantOf(request).csrfToken;
  const csrfField = csrfToken ? `<input type="hidden" name="csrfToken" value="${escapeHtml(csrfToken)}">` : '';
  const rows = clients.map(
    (client) => `<tr class="client"><td data-label="Name of client application">${escapeHtml(client.name)}</td><td data-label="Identifier"><code>${escapeHtml(client.clientId)}</code></td>
      <td data-label="Public key">${client.publicKeys.length > 0 ? `${client.publicKeys.length} key(s), ${client.publicKeyFormat}` : '<em>none</em>'}</td>
      <td data-label="Callback">${client.callbackUrl ? escapeHtml(maskCallbackUrl(client.callbackUrl)) : '<em>none</em>'}</td></tr>
      <tr><td colspan="4"><details><summary>Edit client application</summary>
      <form method="post" action="${escapeHtml(context.prefix)}/integration-settings/clients/${encodeURIComponent(client.clientId)}">${csrfField}
        <p><label>Public key (optionally)<textarea class="key" name="publicKey" placeholder='{"kty":"RSA","alg":"RS256","use":"sig","n":"…","e":"AQAB"}'></textarea></label>
        <small>Public key in JWK or JWKS format. If you specify a set of keys in JWKS all public keys will be configured, private keys will be ignored (we do not store them).</small></p>
        <p><label>Callback URL (optionally)<input type="url" name="callbackUrl" placeholder="${escapeHtml(client.callbackUrl ? `${maskCallbackUrl(client.callbackUrl)} (leave empty to keep it)` : 'https://…')}"></label></p>
        ${client.callbackUrl ? '<p><label><input type="checkbox" name="removeCallback" value="on"> Remove the callback URL</label></p>' : ''}
        <input type="hidden" name="notificationsShown" value="1">
        <p><label><input type="checkbox" name="notifications" value="on"${client.scopes.includes(NOTIFICATION_SCOPE) ? ' checked' : ''}> Event notifications (scope ${NOTIFICATION_SCOPE}: the application may subscribe to events itself)</label></p>
        <button type="submit">Save the changes</button>
      </form></details></td></tr>`,
  );
  return page(
    'Integration settings — Autenti sandbox',
    `<h1>Integration settings</h1>
    ${message ? `<div class="${message.kind}">${message.html}</div>` : ''}
    <h2>API clients</h2>
    <table class="stack"><thead><tr><th>Name of client application</th><th>Identifier</th><th>Public key</th><th>Callback</th></tr></thead>
    <tbody>${rows.join('') || '<tr><td colspan="4"><em>No client yet.</em></td></tr>'}</tbody></table>
    <h2>Add new</h2>
    <form method="post" action="${escapeHtml(context.prefix)}/integration-settings/clients">${csrfField}
      <p><label>Name of client application<input type="text" name="name" required></label></p>
      <p><label><input type="checkbox" name="signing" checked disabled> Permissions for signing processes</label></p>
      <button type="submit">Add a new one</button>
    </form>`,
  );
}

const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

/** `GET /integration-settings` and the two form posts behind it. */
export function integrationPageRoutes(context: SandboxContext): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.get('/integration-settings', async (request, reply) => html(reply, 200, settingsPage(context, request)));

    app.post('/integration-settings/clients', async (request, reply) => {
      const name = String((request.body as Record<string, unknown> | undefined)?.name ?? '').trim();
      if (!name) return html(reply, 400, settingsPage(context, request, { kind: 'error', html: 'Enter a name of client application.' }));
      const { client, clientSecret } = createClient(context.store, { name, now: context.now() });
      return html(
        reply,
        200,
        settingsPage(context, request, {
          kind: 'notice',
          html: `Client <strong>${escapeHtml(client.name)}</strong> created.<br>Client application ID: <code>${escapeHtml(client.clientId)}</code><br>
          Client secret key: <code>${escapeHtml(clientSecret)}</code><br>Copy the client secret key and store it securely — you won't be able to view it again.`,
        }),
      );
    });

    app.post('/integration-settings/clients/:clientId', async (request, reply) => {
      const clientId = (request.params as { clientId: string }).clientId;
      const client = context.store.getClient(clientId);
      if (!client) return html(reply, 404, settingsPage(context, request, { kind: 'error', html: `No client application ${escapeHtml(clientId)}.` }));
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        const typed = typeof body.callbackUrl === 'string' ? body.callbackUrl.trim() : '';
        const callbackUrl = body.removeCallback === 'on' ? null : typed === '' ? client.callbackUrl : parseCallbackUrl(typed, context.callbacks.checkUrl);
        // An unticked box is not sent: the hidden notificationsShown says the form had it.
        const scopes =
          body.notificationsShown === '1'
            ? [...client.scopes.filter((scope) => scope !== NOTIFICATION_SCOPE), ...(body.notifications === 'on' ? [NOTIFICATION_SCOPE] : [])]
            : client.scopes;
        const updated = { ...client, callbackUrl, scopes };
        const notes: string[] = [];
        if (typeof body.publicKey === 'string' && body.publicKey.trim() !== '') {
          const parsed = await parsePublicKeys(body.publicKey.trim());
          updated.publicKeys = parsed.keys;
          updated.publicKeyFormat = parsed.format;
          notes.push(`${parsed.keys.length} public key(s) configured.`, ...parsed.ignored);
        }
        context.store.putClient(updated);
        return html(reply, 200, settingsPage(context, request, { kind: 'notice', html: escapeHtml(['Changes saved.', ...notes].join(' ')) }));
      } catch (error) {
        if (!SandboxProblem.is(error)) throw error;
        return html(reply, 400, settingsPage(context, request, { kind: 'error', html: escapeHtml(error.detail) }));
      }
    });
  };
}
