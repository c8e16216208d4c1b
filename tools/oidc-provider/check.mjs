// Smoke check of the test OpenID provider with Node built-ins only: a cookie-keeping HTTP client
// walks the authorization-code flow with PKCE through the login form, as the portal's
// integration tests will. Prints one line per check; exits 1 on the first failure.
//   node tools/oidc-provider/check.mjs [ISSUER]   (default $SCHALTER_TEST_OIDC_ISSUER or
//                                                  http://127.0.0.2:9400)
// Uses the client settings from the same environment variables as server.js.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import assert from 'node:assert/strict';

const ISSUER = process.argv[2] || process.env.SCHALTER_TEST_OIDC_ISSUER || 'http://127.0.0.2:9400';
const CLIENT_ID = process.env.OIDC_CLIENT_ID || 'schalter';
const CLIENT_SECRET = process.env.OIDC_CLIENT_SECRET || 'schalter-test-secret';
const REDIRECT_URI = (process.env.OIDC_REDIRECT_URIS
  || 'http://127.0.0.1:8080/api/v1/auth/oidc/callback').split(',')[0].trim();
const ACR = (level) => `urn:qa.agov.ch:names:tc:ac:classes:${level}`;

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

function ok(message) {
  console.log(`ok - ${message}`);
}

// A browser stand-in: keeps cookies per host, follows no redirects by itself.
class Agent {
  jar = new Map();

  async request(url, init = {}) {
    const { host } = new URL(url);
    const cookies = this.jar.get(host) || new Map();
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(host, cookies);
    return res;
  }

  // Follows redirects until one leaves the issuer (the client's redirect_uri) or a page answers.
  async follow(url, init) {
    let res = await this.request(url, init);
    let location = url;
    while (res.status >= 300 && res.status < 400) {
      location = new URL(res.headers.get('location'), location).href;
      if (!location.startsWith(`${ISSUER}/`)) return { redirect: new URL(location) };
      res = await this.request(location);
    }
    return { res, url: location, body: await res.text() };
  }
}

function pkce() {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function decodeJwt(jwt) {
  const [header, payload, signature] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url')),
    payload: JSON.parse(Buffer.from(payload, 'base64url')),
    signed: Buffer.from(`${header}.${payload}`),
    signature: Buffer.from(signature, 'base64url'),
  };
}

const discovery = await (await fetch(`${ISSUER}/.well-known/openid-configuration`)).json();
assert.equal(discovery.issuer, ISSUER);
assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);
assert.ok(discovery.acr_values_supported.includes(ACR(400)));
assert.equal(discovery.claims_parameter_supported, true);
ok(`discovery: issuer ${discovery.issuer}, acr_values_supported ${discovery.acr_values_supported.length}, token ${discovery.token_endpoint}`);
const { keys } = await (await fetch(discovery.jwks_uri)).json();

// Starts an authorization request; returns the agent, the PKCE pair and the first answer.
async function authorize(extra = {}, { withPkce = true } = {}) {
  const agent = new Agent();
  const p = pkce();
  const state = b64url(randomBytes(12));
  const nonce = b64url(randomBytes(12));
  const params = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email address',
    state,
    nonce,
    ...(withPkce ? { code_challenge: p.challenge, code_challenge_method: 'S256' } : {}),
    ...extra,
  });
  const first = await agent.follow(`${discovery.authorization_endpoint}?${params}`);
  return { agent, pkce: p, state, nonce, first };
}

async function login(agent, page, username, password = 'test') {
  assert.match(page.body, /<label for="username">Benutzername<\/label>/);
  assert.match(page.body, /<label for="password">Passwort<\/label>/);
  assert.match(page.body, /<button type="submit">Anmelden<\/button>/);
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(page.body)[1], page.url).href;
  return agent.follow(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
}

async function exchange(code, verifier, auth = 'basic') {
  const body = new URLSearchParams({
    grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier,
  });
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (auth === 'basic') {
    const enc = encodeURIComponent;
    headers.authorization = `Basic ${Buffer.from(`${enc(CLIENT_ID)}:${enc(CLIENT_SECRET)}`).toString('base64')}`;
  } else {
    body.set('client_id', CLIENT_ID);
    body.set('client_secret', CLIENT_SECRET);
  }
  const res = await fetch(discovery.token_endpoint, { method: 'POST', headers, body: body.toString() });
  return { status: res.status, json: await res.json() };
}

// The whole flow for one user; returns the verified ID token's payload, tokens and code.
async function signIn(username, extra, auth) {
  const flow = await authorize(extra);
  assert.ok(flow.first.res, 'expected the login page');
  const done = await login(flow.agent, flow.first, username);
  assert.ok(done.redirect, `expected a redirect to the client, got ${done.res?.status} ${done.body}`);
  const { searchParams } = done.redirect;
  assert.equal(`${done.redirect.origin}${done.redirect.pathname}`, REDIRECT_URI);
  assert.equal(searchParams.get('state'), flow.state);
  assert.equal(searchParams.get('iss'), ISSUER);
  const code = searchParams.get('code');
  assert.ok(code, `no code in ${done.redirect}`);
  const token = await exchange(code, flow.pkce.verifier, auth);
  assert.equal(token.status, 200, JSON.stringify(token.json));
  const jwt = decodeJwt(token.json.id_token);
  const key = keys.find((k) => k.kid === jwt.header.kid);
  assert.equal(jwt.header.alg, 'RS256');
  assert.ok(verify('RSA-SHA256', jwt.signed, createPublicKey({ key, format: 'jwk' }), jwt.signature), 'signature');
  assert.equal(jwt.payload.iss, ISSUER);
  assert.equal(jwt.payload.aud, CLIENT_ID);
  assert.equal(jwt.payload.nonce, flow.nonce);
  return { id: jwt.payload, token: token.json, code, verifier: flow.pkce.verifier };
}

const plain = await signIn('beat');
assert.equal(plain.id.acr, ACR(300));
assert.deepEqual(plain.id.amr, ['pwd']);
assert.equal(typeof plain.id.auth_time, 'number');
ok(`beat without acr_values: ID token acr ${plain.id.acr}, amr ${JSON.stringify(plain.id.amr)}, auth_time ${plain.id.auth_time}`);

const carla = await signIn('carla', { acr_values: ACR(300) });
assert.equal(carla.id.acr, ACR(100));
assert.equal(carla.id.birthdate, undefined);
ok(`carla asked acr_values ...:300, ID token acr ${carla.id.acr}, amr ${JSON.stringify(carla.id.amr)} (client_secret_basic)`);

const anna = await signIn('anna', { acr_values: `${ACR(300)} ${ACR(400)}` }, 'post');
assert.equal(anna.id.acr, ACR(400));
assert.equal(anna.id.sub, 'anna');
assert.equal(anna.id.given_name, 'Anna');
assert.equal(anna.id.family_name, 'Muster');
assert.equal(anna.id.birthdate, '1985-04-12');
assert.equal(anna.id.email, 'anna@example.ch');
assert.equal(anna.id.email_verified, true);
assert.deepEqual(anna.id.address, {
  street_address: 'Bahnhofstrasse 1', postal_code: '4410', locality: 'Liestal', country: 'CH',
});
const { sub, given_name, family_name, birthdate, address } = anna.id;
ok(`anna: ID token acr ${anna.id.acr}, ${JSON.stringify({ sub, given_name, family_name, birthdate, address })} (client_secret_post)`);

const userinfo = await (await fetch(discovery.userinfo_endpoint, {
  headers: { authorization: `Bearer ${anna.token.access_token}` },
})).json();
assert.equal(userinfo.family_name, 'Muster');
assert.equal(userinfo.address.locality, 'Liestal');
ok(`userinfo for anna: ${Object.keys(userinfo).sort().join(' ')}`);

const again = await exchange(anna.code, anna.verifier, 'post');
assert.equal(again.status, 400);
assert.equal(again.json.error, 'invalid_grant');
ok(`second exchange of the same code: ${again.status} ${again.json.error}`);

const noPkce = await authorize({}, { withPkce: false });
assert.ok(noPkce.first.redirect, 'expected an error redirect');
assert.equal(noPkce.first.redirect.searchParams.get('error'), 'invalid_request');
ok(`request without code_challenge: error=${noPkce.first.redirect.searchParams.get('error')} (${noPkce.first.redirect.searchParams.get('error_description')})`);

const wrongVerifier = await authorize();
const wrongDone = await login(wrongVerifier.agent, wrongVerifier.first, 'beat');
const wrong = await exchange(wrongDone.redirect.searchParams.get('code'), pkce().verifier);
assert.equal(wrong.json.error, 'invalid_grant');
ok(`exchange with a wrong code_verifier: ${wrong.status} ${wrong.json.error}`);

const beat = await signIn('beat', { claims: JSON.stringify({ id_token: { acr: { essential: true, values: [ACR(300), ACR(400)] } } }) });
assert.equal(beat.id.acr, ACR(300));
ok(`beat with essential acr 300|400 in claims: ID token acr ${beat.id.acr}`);

const unmet = await authorize({ claims: JSON.stringify({ id_token: { acr: { essential: true, value: ACR(300) } } }) });
const unmetDone = await login(unmet.agent, unmet.first, 'carla');
assert.equal(unmetDone.redirect.searchParams.get('error'), 'unmet_authentication_requirements');
ok(`carla with essential acr 300: error=${unmetDone.redirect.searchParams.get('error')}`);

const bad = await authorize();
const badDone = await login(bad.agent, bad.first, 'anna', 'falsch');
assert.equal(badDone.res.status, 200);
assert.match(badDone.body, /role="alert"/);
ok('wrong password: the form again with an alert');

console.log('all OpenID provider checks passed');
