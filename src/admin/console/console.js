// mediagate console: plain JavaScript (an ES module), no framework and no build step, so that the
// files compiled into the binary are exactly the files in src/admin/console/ (docs/sandbox.md,
// "Web console"). Everything it shows comes from the admin API (/admin/v1), called with the token
// typed once and kept in sessionStorage. Text from the server is put into the page with
// textContent only, never as HTML.

const TOKEN_KEY = 'mediagate.adminToken';
const POLL_MS = 2000;
const JOURNAL_PAGE = 20;

const $ = (id) => document.getElementById(id);

// el('td', {class: 'x'}, 'text', child…)
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// --- the admin API ---

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? `${status} ${body.error}: ${body.message}${body.field ? ` (${body.field})` : ''}` : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${token()}` };
  const init = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/admin/v1${path}`, init);
  const text = await response.text();
  let parsed = null;
  if (text) { try { parsed = JSON.parse(text); } catch { parsed = { message: text }; } }
  if (response.status === 401) { signOut('The token was refused; sign in again.'); }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

function showError(id, error) { $(id).textContent = error ? String(error.message || error) : ''; }

// --- sign in, pages ---

const pages = ['journal', 'workbench', 'explorer', 'sandbox', 'data'];
let current = null;
let sandbox = false;
const timers = {};

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  for (const id of Object.keys(timers)) { clearInterval(timers[id]); delete timers[id]; }
  for (const name of pages) $(`${name}-page`).hidden = true;
  $('tabs').hidden = true; $('logout').hidden = true; $('mode').hidden = true;
  $('login-page').hidden = false;
  $('login-error').textContent = message || '';
}

async function signIn() {
  try {
    await api('GET', '/status');
  } catch (error) {
    if (error.status !== 401) signOut(String(error.message));
    return;
  }
  try { await api('GET', '/sandbox/clock'); sandbox = true; } catch { sandbox = false; }
  $('login-page').hidden = true;
  $('tabs').hidden = false; $('logout').hidden = false;
  $('mode').hidden = false;
  $('mode').textContent = sandbox ? 'sandbox' : 'production';
  $('mode').className = sandbox ? 'badge good' : 'badge';
  show(location.hash.slice(1) || 'journal');
}

const starters = {};
function show(name) {
  if (!pages.includes(name)) name = 'journal';
  if (current === name) return;
  for (const id of Object.keys(timers)) { clearInterval(timers[id]); delete timers[id]; }
  current = name;
  for (const page of pages) $(`${page}-page`).hidden = page !== name;
  for (const button of $('tabs').querySelectorAll('button')) {
    button.classList.toggle('active', button.dataset.page === name);
  }
  if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  starters[name]();
}

function sandboxOnly(section) {
  if (sandbox) return false;
  const page = $(`${section}-page`);
  if (!page.querySelector('.notice')) {
    page.prepend(el('p', { class: 'notice' }, 'This page needs sandbox mode (serve --sandbox): the server is in production mode.'));
  }
  return true;
}

// --- first differing byte ---

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The index of the first byte where the UTF-8 forms of a and b differ; -1 when equal.
function firstDifference(a, b) {
  const x = encoder.encode(a), y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; ++i) if (x[i] !== y[i]) return i;
  return x.length === y.length ? -1 : n;
}

// `text` with the character holding byte `index` marked (or an end marker past the end).
function marked(text, index) {
  const bytes = encoder.encode(text);
  const pre = el('pre');
  if (index < 0) { pre.append(text); return pre; }
  let start = Math.min(index, bytes.length);
  while (start > 0 && start < bytes.length && (bytes[start] & 0xc0) === 0x80) --start;
  let end = start + 1;
  while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) ++end;
  pre.append(decoder.decode(bytes.slice(0, start)));
  const at = start < bytes.length ? decoder.decode(bytes.slice(start, end)) : '∅';
  pre.append(el('mark', { class: 'diff', title: `first differing byte: ${index}` }, at));
  if (end < bytes.length) pre.append(decoder.decode(bytes.slice(end)));
  return pre;
}

// --- journal ---

const journal = { offset: 0, selected: null, filters: {} };

function journalQuery() {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(journal.filters)) if (value) params.set(name, value);
  params.set('offset', String(journal.offset));
  params.set('limit', String(JOURNAL_PAGE));
  return params.toString();
}

function verdictCell(entry) {
  const ok = entry.verdict === 'ok';
  return el('td', { class: ok ? 'verdict-ok' : 'verdict-bad' }, entry.verdict, ok ? '' : ` @ ${entry.step}`);
}

async function loadJournal() {
  let page;
  try {
    page = await api('GET', `/journal?${journalQuery()}`);
  } catch (error) {
    $('journal-summary').textContent = String(error.message);
    return;
  }
  const body = $('journal-table').tBodies[0];
  body.replaceChildren();
  const names = new Set([...$('endpoint-names').options].map((o) => o.value));
  for (const entry of page.items) {
    const row = el('tr', { dataset: { id: entry.id }, class: journal.selected === entry.id ? 'selected' : null },
      el('td', {}, entry.id), el('td', {}, entry.time), el('td', {}, entry.endpoint), el('td', {}, entry.partner),
      el('td', {}, `${entry.method} ${entry.path}`), el('td', {}, entry.status), el('td', {}, entry.code ?? ''),
      verdictCell(entry), el('td', {}, entry.latency_us));
    row.addEventListener('click', () => { journal.selected = entry.id; showEntry(entry); loadJournal(); });
    body.append(row);
    if (!names.has(entry.endpoint)) { names.add(entry.endpoint); $('endpoint-names').append(el('option', { value: entry.endpoint })); }
  }
  const last = Math.min(page.total, journal.offset + page.items.length);
  $('journal-summary').textContent = `${page.total} matching entries (journal mode ${page.mode}; ${page.stats.entries} kept, ${page.stats.bytes} of ${page.stats.max_bytes} bytes, ${page.stats.dropped} dropped)`;
  $('journal-page-label').textContent = page.total ? `${journal.offset + 1}–${last} of ${page.total}` : 'none';
  $('journal-prev').disabled = journal.offset === 0;
  $('journal-next').disabled = last >= page.total;
}

function parametersTable(entry) {
  if (!entry.parameters) return el('p', { class: 'muted' }, 'Parameters not kept (journal mode metadata).');
  const table = el('table', { class: 'kv' });
  for (const p of entry.parameters) table.append(el('tr', {}, el('td', {}, p.name), el('td', {}, p.masked ? `${p.value} (masked)` : p.value)));
  return table;
}

// The client's parameters as name=value&… (in name order, the masked ones left out): a start
// the operator replaces with the canonical string the client logged.
function clientString(entry) {
  return (entry.parameters || []).filter((p) => !p.masked).map((p) => `${p.name}=${p.value}`).join('&');
}

function showEntry(entry) {
  const detail = $('journal-detail');
  detail.hidden = false;
  detail.replaceChildren(
    el('h3', {}, `#${entry.id} ${entry.method} ${entry.path} → ${entry.status} ${entry.code ?? ''}`),
    el('p', {}, 'Verdict ', el('strong', { id: 'entry-verdict' }, entry.verdict), ' at step ', el('strong', {}, entry.step),
      entry.field ? ` (parameter ${entry.field})` : '', ` · partner ${entry.partner || '—'} · client ${entry.client} · ${entry.time}`),
  );
  if (entry.request_time_ms !== null) {
    detail.append(el('p', {}, `Request time ${entry.request_time_ms} ms; server time ${entry.time_ms} ms (difference ${entry.time_ms - entry.request_time_ms} ms).`));
  }
  detail.append(el('h3', {}, 'Parameters as received'), parametersTable(entry));
  if (entry.signature) {
    for (const explanation of entry.signature) {
      const client = el('textarea', { 'aria-label': 'client canonical string', spellcheck: 'false' });
      client.value = clientString(entry);
      const server = el('div');
      const mine = el('div');
      const position = el('p', { class: 'muted' });
      const compare = () => {
        const index = firstDifference(explanation.canonical, client.value);
        server.replaceChildren(marked(explanation.canonical, index));
        mine.replaceChildren(marked(client.value, index));
        position.textContent = index < 0 ? 'The strings are equal: the secret or the hash differs.' : `First differing byte: ${index}.`;
      };
      client.addEventListener('input', compare);
      detail.append(
        el('h3', {}, `Signature mismatch${explanation.variant ? ` (${explanation.variant})` : ''}`),
        el('div', { class: 'compare' },
          el('div', {}, el('strong', {}, "Server's canonical string"), server,
            el('strong', {}, 'String signed'), el('pre', {}, explanation.string_to_sign)),
          el('div', {}, el('strong', {}, "Client's parameters (paste your client's canonical string to compare)"), client, mine)),
        position);
      compare();
    }
  }
  if (entry.curl) detail.append(el('h3', {}, 'Reproduce with curl'), el('pre', {}, entry.curl));
}

function startJournal() {
  loadJournal();
  if ($('journal-live').checked) timers.journal = setInterval(loadJournal, POLL_MS);
}

// --- workbench ---

function paramRow(container, name = '', value = '', hint = null) {
  const row = el('div', { class: 'row' });
  const nameInput = el('input', { class: 'name', placeholder: 'name', 'aria-label': 'parameter name', value: name });
  const valueInput = el('input', { class: 'value', placeholder: hint?.placeholder || 'value', 'aria-label': `value of ${name || 'parameter'}`, value });
  if (hint) { nameInput.readOnly = true; valueInput.dataset.name = name; }
  const remove = el('button', { type: 'button', title: 'remove' }, '×');
  remove.addEventListener('click', () => row.remove());
  row.append(nameInput, hint?.required ? el('span', { class: 'required', title: 'required' }, '*') : '', valueInput, remove);
  container.append(row);
  return row;
}

function readParams(container) {
  const params = {};
  for (const row of container.querySelectorAll('.row')) {
    const name = row.querySelector('.name').value.trim();
    const value = row.querySelector('.value').value;
    if (name && (value !== '' || !row.querySelector('.name').readOnly)) params[name] = value;
  }
  return params;
}

let signers = null;
async function loadSigners() {
  if (!signers) signers = (await api('GET', '/sandbox/signers')).items;
  return signers;
}

async function startWorkbench() {
  if (sandboxOnly('workbench')) return;
  const select = $('wb-signer');
  if (select.options.length) return;
  try {
    for (const signer of await loadSigners()) select.append(el('option', { value: signer.name }, `${signer.name} (${signer.path})`));
    if (!$('wb-params').children.length) paramRow($('wb-params'));
    updateWorkbenchSigner();
  } catch (error) { showError('wb-error', error); }
}

function updateWorkbenchSigner() {
  const signer = (signers || []).find((s) => s.name === $('wb-signer').value);
  $('wb-path-label').hidden = !signer?.signs_given_path;
  $('wb-all-label').hidden = !signer?.signs_given_path;
}

async function computeSignature(event) {
  event.preventDefault();
  showError('wb-error', null);
  const body = { signer: $('wb-signer').value, method: $('wb-method').value, params: readParams($('wb-params')), secret: $('wb-secret').value };
  if (!$('wb-path-label').hidden && $('wb-path').value) body.signed_path = $('wb-path').value;
  if (!$('wb-all-label').hidden && $('wb-all').checked) body.sign_all = true;
  try {
    const steps = await api('POST', '/sandbox/signatures', body);
    $('wb-canonical').textContent = steps.canonical;
    $('wb-string').textContent = steps.string_to_sign;
    $('wb-signature').textContent = steps.signature;
    $('wb-result').hidden = false;
  } catch (error) { $('wb-result').hidden = true; showError('wb-error', error); }
}

function pasteQuery() {
  const text = $('wb-query').value.replace(/^\?/, '');
  if (!text) return;
  const container = $('wb-params');
  container.replaceChildren();
  for (const [name, value] of new URLSearchParams(text)) if (name !== 'sign' && name !== 'signature') paramRow(container, name, value);
  $('wb-query').value = '';
}

// --- explorer ---

// Operations from /openapi.json (sent through the admin API to the vendor listener) or, when
// the server serves none, from the SDK's signers with free-form parameters.
let operations = null;

async function loadOperations() {
  const list = [];
  const known = await loadSigners();
  let source;
  try {
    const answer = await api('POST', '/sandbox/requests', { method: 'GET', target: '/openapi.json' });
    if (answer.response.status !== 200) throw new Error(`status ${answer.response.status}`);
    const spec = JSON.parse(answer.response.body);
    for (const [path, item] of Object.entries(spec.paths || {})) {
      for (const method of ['get', 'post']) {
        const op = item[method];
        if (!op) continue;
        const signature = op['x-mediagate-signature'];
        const parameters = [...(item.parameters || []), ...(op.parameters || []), ...formParameters(op)]
          .filter((p) => p && (p.in === 'query' || p.in === 'path' || p.in === 'form'))
          .filter((p) => p.name !== signature?.parameter);  // computed by the signer
        const signer = known.find((s) => s.path === path);
        list.push({ key: `${method.toUpperCase()} ${path}`, path, methods: [method.toUpperCase()], parameters, signer: signer?.name, summary: op.summary || op.operationId || '' });
      }
    }
    source = `Endpoints from this server's /openapi.json (OpenAPI ${spec.openapi}).`;
  } catch (error) {
    for (const signer of known) {
      list.push({ key: signer.path, path: signer.path, methods: signer.accepts_post ? ['GET', 'POST'] : ['GET'], parameters: null, signer: signer.name, summary: signer.name });
    }
    source = `This server serves no /openapi.json (${error.message}): the endpoints come from the SDK's signers, and parameters are free-form.`;
  }
  operations = list;
  $('ex-source').textContent = source;
}

// A form body's fields (requestBody application/x-www-form-urlencoded) as parameters.
function formParameters(op) {
  const schema = op.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
  if (!schema?.properties) return [];
  const required = new Set(schema.required || []);
  return Object.entries(schema.properties).map(([name, property]) => ({ name, in: 'form', required: required.has(name), schema: property }));
}

async function startExplorer() {
  if (sandboxOnly('explorer')) return;
  if (operations) return;
  try {
    await loadOperations();
    const select = $('ex-operation');
    for (const op of operations) select.append(el('option', { value: op.key }, `${op.key}${op.summary ? ` — ${op.summary}` : ''}`));
    updateOperation();
  } catch (error) { showError('ex-error', error); }
}

function updateOperation() {
  const op = operations.find((o) => o.key === $('ex-operation').value);
  const method = $('ex-method');
  method.replaceChildren(...op.methods.map((m) => el('option', {}, m)));
  const container = $('ex-params');
  container.replaceChildren();
  if (op.parameters) {
    for (const p of op.parameters) {
      const schema = p.schema || {};
      const placeholder = [p.in === 'path' ? 'path:' : '', schema['x-mediagate-format'] || schema.format || schema.type,
        p.required && op.signer && p.in !== 'path' ? '(left empty: generated, if the SDK makes it)' : ''].filter(Boolean).join(' ');
      paramRow(container, p.name, schema.default !== undefined ? String(schema.default) : '', { required: p.required, placeholder, in: p.in });
    }
  } else {
    if (op.path.includes('{')) paramRow(container, op.path.match(/\{([^}]+)\}/)[1], '', { required: true, placeholder: 'path', in: 'path' });
    paramRow(container);
  }
}

async function sendRequest(event) {
  event.preventDefault();
  showError('ex-error', null);
  const op = operations.find((o) => o.key === $('ex-operation').value);
  const params = readParams($('ex-params'));
  // Path parameters fill the path; the SDK knows one, {userid}.
  let userid;
  for (const match of op.path.matchAll(/\{([^}]+)\}/g)) { userid = params[match[1]]; delete params[match[1]]; }
  try {
    let answer;
    if (op.signer) {
      const body = { signer: op.signer, method: $('ex-method').value, params, secret: $('ex-secret').value, generate: $('ex-generate').checked };
      if (userid !== undefined) body.userid = userid;
      answer = await api('POST', '/sandbox/requests', body);
    } else {
      const path = op.path.replace(/\{[^}]+\}/, encodeURIComponent(userid ?? ''));
      answer = await api('POST', '/sandbox/requests', { method: $('ex-method').value, target: `${path}?${new URLSearchParams(params)}` });
    }
    showAnswer(answer);
  } catch (error) { $('ex-result').hidden = true; showError('ex-error', error); }
}

function showAnswer(answer) {
  const { request, response } = answer;
  const lines = [`${request.method} ${request.target}`];
  if (request.body) lines.push('', request.body);
  if (request.signature) lines.push('', `canonical:      ${request.signature.canonical}`, `string to sign: ${request.signature.string_to_sign}`, `signature:      ${request.signature.signature}`);
  $('ex-request').textContent = lines.join('\n');
  const status = $('ex-status');
  status.textContent = response.connection_reset ? 'connection reset' : String(response.status);
  status.className = `badge ${response.status >= 200 && response.status < 300 ? 'good' : 'bad'}`;
  const headers = [`Content-Type: ${response.content_type}`, ...response.headers.map((h) => `${h.name}: ${h.value}`)];
  if (response.delay_ms) headers.push(`(the server would wait ${response.delay_ms} ms before answering)`);
  $('ex-headers').textContent = headers.join('\n');
  let body = response.body;
  try { body = JSON.stringify(JSON.parse(body), null, 2); } catch { /* not JSON: as received */ }
  $('ex-body').textContent = body;
  $('ex-result').hidden = false;
}

// --- clock and faults ---

async function loadClock() {
  try {
    const clock = await api('GET', '/sandbox/clock');
    $('clock-now').textContent = clock.now;
    $('clock-ms').textContent = clock.now_ms;
    $('clock-offset').textContent = clock.offset_ms;
  } catch (error) { showError('clock-error', error); }
}

async function moveClock(body) {
  showError('clock-error', null);
  try {
    if (body === null) await api('DELETE', '/sandbox/clock'); else await api('PUT', '/sandbox/clock', body);
  } catch (error) { showError('clock-error', error); }
  await loadClock();
}

async function loadFaults() {
  let list;
  try { list = await api('GET', '/sandbox/faults'); } catch (error) { showError('faults-error', error); return; }
  const body = $('faults-table').tBodies[0];
  body.replaceChildren();
  for (const item of list.items) {
    const latency = el('input', { inputmode: 'numeric', 'aria-label': `latency of ${item.endpoint}`, placeholder: `0–${list.max_latency_ms}` });
    const rate = el('input', { inputmode: 'decimal', 'aria-label': `error rate of ${item.endpoint}`, placeholder: '0–1' });
    const vendor = el('textarea', { 'aria-label': `vendor error of ${item.endpoint}`, placeholder: item.vendor_error_format });
    const reset = el('input', { type: 'checkbox', 'aria-label': `reset connection of ${item.endpoint}` });
    const apply = el('button', { type: 'button' }, 'Apply');
    const clear = el('button', { type: 'button' }, 'Clear');
    apply.addEventListener('click', async () => {
      const fault = {};
      if (latency.value) fault.latency_ms = Number(latency.value);
      if (rate.value) fault.error_rate = Number(rate.value);
      if (reset.checked) fault.reset_connection = true;
      showError('faults-error', null);
      try {
        if (vendor.value.trim()) fault.vendor_error = JSON.parse(vendor.value);
        await api('PUT', `/sandbox/faults/${encodeURIComponent(item.endpoint)}`, fault);
      } catch (error) { showError('faults-error', error); }
      loadFaults();
    });
    clear.addEventListener('click', async () => {
      try { await api('DELETE', `/sandbox/faults/${encodeURIComponent(item.endpoint)}`); } catch (error) { showError('faults-error', error); }
      loadFaults();
    });
    body.append(el('tr', { class: 'faults' }, el('td', {}, item.endpoint), el('td', {}, item.path),
      el('td', {}, el('pre', {}, item.fault ? JSON.stringify(item.fault) : '—')),
      el('td', {}, latency), el('td', {}, rate), el('td', {}, vendor), el('td', {}, reset), el('td', {}, apply, ' ', clear)));
  }
}

function startSandbox() {
  if (sandboxOnly('sandbox')) return;
  loadClock();
  loadFaults();
  timers.clock = setInterval(loadClock, POLL_MS);
}

// --- data browser ---

// Collections from the admin API's own route list: a GET pattern that ends in a literal segment
// is a collection; its {captures} are the keys of the parents chosen above it.
const data = { collections: [], offset: 0, page: null, parents: {}, ticket: 0, search: '', debounce: null };

async function startData() {
  if (data.collections.length) return;
  try {
    const routes = (await api('GET', '/routes')).items;
    const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.pattern));
    for (const pattern of gets) {
      const segments = pattern.split('/');
      const last = segments[segments.length - 1];
      if (!last || last.startsWith('{')) continue;
      if (![...gets].some((p) => p.startsWith(`${pattern}/{`))) continue;  // not a collection of items
      data.collections.push({ pattern, captures: [...pattern.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]) });
    }
    for (const c of data.collections) $('data-collection').append(el('option', { value: c.pattern }, c.pattern.replace('/admin/v1', '')));
    updateCollection();
  } catch (error) { showError('data-error', error); }
}

function updateCollection() {
  const collection = data.collections.find((c) => c.pattern === $('data-collection').value);
  const holder = $('data-parents');
  holder.replaceChildren();
  for (const capture of collection?.captures || []) {
    holder.append(el('label', {}, capture, el('input', { 'data-capture': capture, value: data.parents[capture] || '', required: true })));
  }
  data.offset = 0;
}

async function loadData() {
  showError('data-error', null);
  const collection = data.collections.find((c) => c.pattern === $('data-collection').value);
  if (!collection) return;
  let path = collection.pattern.replace('/admin/v1', '');
  for (const input of $('data-parents').querySelectorAll('input')) {
    data.parents[input.dataset.capture] = input.value;
    path = path.replace(`{${input.dataset.capture}}`, encodeURIComponent(input.value));
  }
  const limit = Number($('data-limit').value);
  const query = new URLSearchParams({ offset: data.offset, limit });
  const search = $('data-search').value;
  if (search) query.set('q', search);
  // Answers may come back out of order while the search is typed: only the latest is shown.
  const ticket = ++data.ticket;
  let page;
  try {
    page = await api('GET', `${path}?${query}`);
  } catch (error) { if (ticket === data.ticket) showError('data-error', error); return; }
  if (ticket !== data.ticket) return;
  data.page = page;
  data.path = path;
  data.search = search;
  renderData();
}

// The search runs in the server (?q=, every matching row of the collection, not only this
// page): asked SEARCH_DEBOUNCE_MS after the last keystroke, from the first page.
const SEARCH_DEBOUNCE_MS = 250;
function searchData() {
  clearTimeout(data.debounce);
  if (!data.path) return;  // nothing shown yet: "Show" asks with the search
  data.debounce = setTimeout(() => { data.offset = 0; loadData(); }, SEARCH_DEBOUNCE_MS);
}

function renderData() {
  const page = data.page;
  if (!page) return;
  const search = data.search;
  const rows = page.items;
  const columns = [...new Set(page.items.flatMap((item) => Object.keys(item)))];
  const table = $('data-table');
  table.tHead.replaceChildren(el('tr', {}, ...columns.map((c) => el('th', {}, c))));
  table.tBodies[0].replaceChildren(...rows.map((item) => {
    const row = el('tr', {}, ...columns.map((c) => {
      const v = item[c];
      return el('td', {}, v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v);
    }));
    row.addEventListener('click', () => {
      const d = $('data-detail'); d.hidden = false; d.textContent = JSON.stringify(item, null, 2);
      // Its keys become the parents of the nested collections ({userId}, {appId}, …).
      for (const [key, value] of Object.entries(item)) if (value !== null && typeof value !== 'object') data.parents[key] = String(value);
    });
    return row;
  }));
  const last = data.offset + page.items.length;
  $('data-summary').textContent = search
    ? `${page.total} matching "${search}" in ${data.path}.`
    : `${page.total} in ${data.path}.`;
  $('data-page-label').textContent = page.total ? `${data.offset + 1}–${last} of ${page.total}` : 'none';
  $('data-prev').disabled = data.offset === 0;
  $('data-next').disabled = last >= page.total;
}

// --- wiring ---

starters.journal = startJournal;
starters.workbench = startWorkbench;
starters.explorer = startExplorer;
starters.sandbox = startSandbox;
starters.data = startData;

function wire() {
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token').value);
    $('token').value = '';
    signIn();
  });
  $('logout').addEventListener('click', () => signOut(''));
  for (const button of $('tabs').querySelectorAll('button')) button.addEventListener('click', () => show(button.dataset.page));

  $('journal-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    journal.filters = { endpoint: form.get('endpoint'), partner: form.get('partner'), verdict: form.get('verdict'), since: form.get('since') };
    journal.offset = 0;
    loadJournal();
  });
  $('journal-live').addEventListener('change', () => {
    clearInterval(timers.journal); delete timers.journal;
    if ($('journal-live').checked && current === 'journal') timers.journal = setInterval(loadJournal, POLL_MS);
  });
  $('journal-prev').addEventListener('click', () => { journal.offset = Math.max(0, journal.offset - JOURNAL_PAGE); loadJournal(); });
  $('journal-next').addEventListener('click', () => { journal.offset += JOURNAL_PAGE; loadJournal(); });
  $('journal-clear').addEventListener('click', async () => {
    try { await api('DELETE', '/journal'); } catch (error) { $('journal-summary').textContent = String(error.message); }
    $('journal-detail').hidden = true;
    loadJournal();
  });

  $('workbench-form').addEventListener('submit', computeSignature);
  $('wb-add').addEventListener('click', () => paramRow($('wb-params')));
  $('wb-signer').addEventListener('change', updateWorkbenchSigner);
  $('wb-query').addEventListener('change', pasteQuery);

  $('explorer-form').addEventListener('submit', sendRequest);
  $('ex-operation').addEventListener('change', updateOperation);
  $('ex-add').addEventListener('click', () => paramRow($('ex-params')));

  for (const button of document.querySelectorAll('[data-shift]')) {
    button.addEventListener('click', () => moveClock({ shift_ms: Number(button.dataset.shift) }));
  }
  $('clock-reset').addEventListener('click', () => moveClock(null));
  $('clock-form').addEventListener('submit', (event) => { event.preventDefault(); moveClock({ now_ms: Number($('clock-set').value) }); });
  $('faults-clear').addEventListener('click', async () => {
    try { await api('DELETE', '/sandbox/faults'); } catch (error) { showError('faults-error', error); }
    loadFaults();
  });

  $('data-form').addEventListener('submit', (event) => { event.preventDefault(); data.offset = 0; loadData(); });
  $('data-collection').addEventListener('change', updateCollection);
  $('data-search').addEventListener('input', searchData);
  $('data-prev').addEventListener('click', () => { data.offset = Math.max(0, data.offset - Number($('data-limit').value)); loadData(); });
  $('data-next').addEventListener('click', () => { data.offset += Number($('data-limit').value); loadData(); });

  window.addEventListener('hashchange', () => { if (token()) show(location.hash.slice(1)); });
}

wire();
if (token()) signIn(); else signOut('');
