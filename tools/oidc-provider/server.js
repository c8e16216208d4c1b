// A real OpenID Connect provider (npm oidc-provider, OpenID-certified) for the sign-in tests.
// Test-only: plain http on a loopback address, in-memory storage, keys made at every start,
// fixed test users with the password `test`. Started by scripts/oidc.sh.
//
// Environment:
//   OIDC_HOST (127.0.0.2), OIDC_PORT (9400)   where it listens; the issuer is http://HOST:PORT
//   OIDC_CLIENT_ID (schalter), OIDC_CLIENT_SECRET (schalter-test-secret)
//   OIDC_REDIRECT_URIS   comma-separated (http://127.0.0.1:8080/api/v1/auth/oidc/callback)
//
// Each user signs in at one fixed level of assurance (acr), the highest the user can reach. The
// ID token carries that level even when the request asked for more through `acr_values` (a
// voluntary request), so a test can check that the portal refuses a too-low level. An acr
// requested as essential through the `claims` parameter that the user cannot reach ends the
// sign-in with the error `unmet_authentication_requirements` (OpenID Connect Core 5.5.1.1).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider, { errors } from 'oidc-provider';

const HOST = process.env.OIDC_HOST || '127.0.0.2';
const PORT = Number(process.env.OIDC_PORT || 9400);
const ISSUER = `http://${HOST}:${PORT}`;
const CLIENT_ID = process.env.OIDC_CLIENT_ID || 'schalter';
const CLIENT_SECRET = process.env.OIDC_CLIENT_SECRET || 'schalter-test-secret';
const REDIRECT_URIS = (process.env.OIDC_REDIRECT_URIS
  || 'http://127.0.0.1:8080/api/v1/auth/oidc/callback')
  .split(',').map((uri) => uri.trim()).filter(Boolean);

// Swiss AGOV levels, ordered low to high: 100 self-declared, 200 address checked by letter,
// 300 identity document verified, 400 plus verified AHV number.
const ACR = (level) => `urn:qa.agov.ch:names:tc:ac:classes:${level}`;
const ACR_VALUES = [100, 200, 300, 400].map(ACR);
const PASSWORD = 'test';

// The account id (`sub`) is the user name, so tests know it in advance.
const USERS = {
  anna: {
    acr: ACR(400),
    claims: {
      given_name: 'Anna',
      family_name: 'Muster',
      birthdate: '1985-04-12',
      email: 'anna@example.ch',
      email_verified: true,
      address: {
        street_address: 'Bahnhofstrasse 1', postal_code: '4410', locality: 'Liestal', country: 'CH',
      },
    },
  },
  beat: {
    acr: ACR(300),
    claims: {
      given_name: 'Beat',
      family_name: 'Beispiel',
      birthdate: '1990-01-02',
      email: 'beat@example.ch',
      email_verified: true,
      address: {
        street_address: 'Rheinstrasse 5', postal_code: '4410', locality: 'Liestal', country: 'CH',
      },
    },
  },
  carla: {
    acr: ACR(100),
    claims: {
      given_name: 'Carla',
      family_name: 'Probst',
      email: 'carla@example.ch',
      email_verified: true,
    },
  },
};

function log(...parts) {
  console.log(new Date().toISOString(), ...parts);
}

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ format: 'jwk' });

const configuration = {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uris: REDIRECT_URIS,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // The registered method; oidc-provider accepts client_secret_post for it as well.
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  responseTypes: ['code'],
  scopes: ['openid'],
  claims: {
    sid: null,
    iss: null,
    // acr, amr and auth_time under `openid` put them in every ID token; as stand-alone claims
    // oidc-provider would add them only when acr_values, max_age or the claims parameter ask.
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    profile: ['given_name', 'family_name', 'birthdate'],
    email: ['email', 'email_verified'],
    address: ['address'],
  },
  acrValues: ACR_VALUES,
  // The scope's claims go into the ID token too, not only to the userinfo endpoint.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  jwks: { keys: [{ ...signingKey, kid: `test-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  features: {
    devInteractions: { enabled: false },
    claimsParameter: { enabled: true },
    userinfo: { enabled: true },
    revocation: { enabled: false },
  },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
  interactions: {
    url: (ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  async findAccount(ctx, sub) {
    const user = USERS[sub];
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, ...user.claims };
      },
    };
  },
  // No consent page: the portal is a first-party client, so every requested scope and claim is
  // granted as soon as the user has signed in.
  async loadExistingGrant(ctx) {
    const { oidc } = ctx;
    const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
    let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
    if (!grant) {
      grant = new oidc.provider.Grant({ accountId: oidc.session.accountId, clientId: oidc.client.clientId });
    }
    grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
    if (oidc.requestParamClaims.size) grant.addOIDCClaims([...oidc.requestParamClaims]);
    await grant.save();
    return grant;
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Fehler', `<h1>Fehler</h1><p>${escape(out.error)}: ${escape(out.error_description || '')}</p>`);
  },
};

const provider = new Provider(ISSUER, configuration);

for (const event of ['server_error', 'authorization.error', 'grant.error', 'userinfo.error']) {
  provider.on(event, (ctx, err) => log(event, err.name, err.message, err.error_detail || ''));
}
provider.on('grant.success', (ctx) => log('grant.success', ctx.oidc.client?.clientId));

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – Test-Anmeldedienst</title></head>
<body><main>
${body}
</main></body>
</html>
`;
}

function loginPage(uid, { username = '', message } = {}) {
  const alert = message ? `<p role="alert" id="fehler">${escape(message)}</p>\n` : '';
  const invalid = message ? ' aria-invalid="true" aria-describedby="fehler"' : '';
  return page('Anmelden', `<h1>Anmelden</h1>
<p>Test-Anmeldedienst. Benutzer: anna, beat, carla; Passwort: test.</p>
${alert}<form method="post" action="/interaction/${escape(uid)}">
<p><label for="username">Benutzername</label><br>
<input id="username" name="username" type="text" autocomplete="username" required value="${escape(username)}"${invalid}></p>
<p><label for="password">Passwort</label><br>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}></p>
<p><button type="submit">Anmelden</button>
<button type="submit" name="abbrechen" value="1" formnovalidate>Abbrechen</button></p>
</form>`);
}

function send(res, status, html) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// The acr levels an essential `claims` request accepts, or undefined when none was made essential.
function essentialAcrs(params) {
  if (!params.claims) return undefined;
  const acr = JSON.parse(params.claims)?.id_token?.acr;
  if (!acr?.essential) return undefined;
  if (Array.isArray(acr.values)) return acr.values;
  if (typeof acr.value === 'string') return [acr.value];
  return undefined;
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    send(res, 400, page('Fehler', '<h1>Fehler</h1><p>Diese Anmeldung gehört zu einer anderen Sitzung.</p>'));
    return;
  }
  const { prompt, params } = details;

  if (prompt.name !== 'login') {
    // Only reached for prompts loadExistingGrant leaves open: grant what was asked for.
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    grant.addOIDCScope(String(params.scope || 'openid'));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
    return;
  }

  if (req.method === 'GET') {
    send(res, 200, loginPage(uid, { username: params.login_hint || '' }));
    return;
  }

  const form = await readForm(req);
  if (form.get('abbrechen')) {
    log('login cancelled');
    await provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'End-User cancelled the sign-in',
    }, { mergeWithLastSubmission: false });
    return;
  }
  const username = (form.get('username') || '').trim();
  const user = Object.hasOwn(USERS, username) ? USERS[username] : undefined;
  if (!user || form.get('password') !== PASSWORD) {
    log('login failed', JSON.stringify(username));
    send(res, 200, loginPage(uid, { username, message: 'Benutzername oder Passwort ist falsch.' }));
    return;
  }

  const wanted = essentialAcrs(params);
  if (wanted && !wanted.includes(user.acr)) {
    log('login', username, 'acr', user.acr, 'does not meet essential', wanted.join(' '));
    await provider.interactionFinished(req, res, {
      error: 'unmet_authentication_requirements',
      error_description: `the user reaches ${user.acr} only`,
    }, { mergeWithLastSubmission: false });
    return;
  }

  log('login', username, 'acr', user.acr);
  await provider.interactionFinished(req, res, {
    login: { accountId: username, acr: user.acr, amr: ['pwd'], remember: false },
  }, { mergeWithLastSubmission: false });
}

const oidc = provider.callback();
const INTERACTION = /^\/interaction\/([A-Za-z0-9_-]+)$/;

const server = createServer(async (req, res) => {
  res.on('finish', () => log(req.method, req.url.split('?')[0], res.statusCode));
  const match = INTERACTION.exec(new URL(req.url, ISSUER).pathname);
  if (!match) {
    oidc(req, res);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.writeHead(405, { Allow: 'GET, POST' }).end();
    return;
  }
  try {
    await interaction(req, res, match[1]);
  } catch (err) {
    log('interaction error', err.name, err.message);
    if (res.headersSent) {
      res.end();
    } else {
      const status = err instanceof errors.SessionNotFound ? 400 : 500;
      send(res, status, page('Fehler', `<h1>Fehler</h1><p>${escape(err.message)}</p>`));
    }
  }
});

server.listen(PORT, HOST, () => {
  log(`OpenID provider ${ISSUER} ready; client ${CLIENT_ID}, redirect_uris ${REDIRECT_URIS.join(' ')}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
