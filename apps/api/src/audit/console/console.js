/* eslint-disable-next-line @typescript-eslint/ban-ts-comment -- browser code: the project compiles without the DOM library */
// @ts-nocheck -- browser code, checked in a headless browser by test/e2e/audit-console.test.ts
/* global document, window */
'use strict';

(function auditorConsole() {
  const STORAGE_KEY = 'audit-console-credential';
  const $ = (selector) => document.querySelector(selector);
  const text = (value) => (value === null || value === undefined ? '' : String(value));

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'className') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof window.Node ? child : text(child));
    }
    return node;
  }

  function credentialHeaders() {
    const credential = sessionStorage.getItem(STORAGE_KEY) || '';
    return credential.startsWith('rak_') ? { 'X-API-Key': credential } : { Authorization: `Bearer ${credential}` };
  }

  async function call(path, options = {}) {
    const response = await window.fetch(path, {
      ...options,
      headers: { ...credentialHeaders(), ...(options.headers || {}) },
    });
    if (response.status === 401) {
      signOut('Your credential was refused; sign in again.');
      throw new Error('not signed in');
    }
    if (!response.ok) {
      let detail = `${response.status}`;
      try {
        const problem = await response.json();
        detail = `${problem.title || response.status}: ${problem.detail || ''}`;
      } catch {
        // not a problem body
      }
      throw new Error(detail);
    }
    return response;
  }
  const getJson = async (path) => (await call(path)).json();

  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = element('a', { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  const fileNameOf = (response, fallback) => {
    const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
    return match ? match[1] : fallback;
  };
  const isoOf = (localValue) => (localValue ? new Date(localValue).toISOString() : '');

  // Sign in and out
  function signOut(message) {
    sessionStorage.removeItem(STORAGE_KEY);
    $('#app').hidden = true;
    $('#login-panel').hidden = false;
    $('#session').textContent = '';
    $('#login-error').textContent = message || '';
  }

  async function signIn(credential) {
    sessionStorage.setItem(STORAGE_KEY, credential);
    try {
      await getJson('/audit/events?limit=1');
    } catch (error) {
      signOut(`Sign-in failed: ${error.message}`);
      return;
    }
    $('#login-panel').hidden = true;
    $('#app').hidden = false;
    $('#login-error').textContent = '';
    $('#session').textContent = 'Signed in';
    showTab('trail');
    searchTrail();
    runVerification();
  }

  function showTab(name) {
    for (const button of document.querySelectorAll('#tabs button[data-tab]')) {
      button.classList.toggle('active', button.dataset.tab === name);
    }
    for (const tab of document.querySelectorAll('.tab')) tab.hidden = tab.id !== `tab-${name}`;
  }

  // The trail
  let nextCursor = null;
  function trailParams() {
    const form = new window.FormData($('#trail-form'));
    const params = new URLSearchParams();
    for (const [name, value] of form.entries()) {
      if (!value) continue;
      params.set(name, name === 'from' || name === 'to' ? isoOf(value) : value);
    }
    return params;
  }

  function trailRow(entry) {
    const clauses = (entry.metadata && entry.metadata.clauses) || [];
    return element(
      'tr',
      {},
      element('td', { className: 'mono' }, entry.globalPosition),
      element('td', {}, entry.recordedAt),
      element('td', { title: entry.summary }, entry.type),
      element(
        'td',
        {},
        element(
          'button',
          { className: 'link', type: 'button', onclick: () => openRecord(entry.streamId) },
          entry.streamId,
        ),
      ),
      element('td', {}, text(entry.metadata && entry.metadata.actor)),
      element('td', {}, clauses.join(', ')),
      element(
        'td',
        { className: 'mono', title: text(entry.hash) },
        entry.hash ? `${entry.hash.slice(0, 12)}…` : 'unsealed',
      ),
      element(
        'td',
        {},
        element('button', { className: 'link', type: 'button', onclick: () => showTrace(entry.eventId) }, 'trace'),
      ),
    );
  }

  async function searchTrail(more) {
    const params = trailParams();
    params.set('limit', '50');
    if (more && nextCursor) params.set('cursor', nextCursor);
    try {
      const page = await getJson(`/audit/events?${params}`);
      const body = $('#trail-rows');
      if (!more) body.replaceChildren();
      body.append(...page.items.map(trailRow));
      nextCursor = page.nextCursor;
      $('#trail-more').hidden = !nextCursor;
      $('#trail-info').textContent = `${body.children.length} events shown${nextCursor ? ' (more available)' : ''}.`;
    } catch (error) {
      $('#trail-info').textContent = `Could not read the trail: ${error.message}`;
    }
  }

  async function exportTrail(format) {
    const params = trailParams();
    params.set('format', format);
    try {
      const response = await call(`/audit/events/export?${params}`);
      saveBlob(await response.blob(), fileNameOf(response, `audit-trail.${format}`));
    } catch (error) {
      $('#trail-info').textContent = `Export failed: ${error.message}`;
    }
  }

  async function showTrace(eventId) {
    const view = $('#trace-view');
    view.replaceChildren(element('p', { className: 'muted' }, 'Tracing…'));
    try {
      const trace = await getJson(`/audit/events/${encodeURIComponent(eventId)}/trace`);
      view.replaceChildren(
        element('h3', {}, `Causation and correlation of ${eventId}`),
        element(
          'table',
          { className: 'grid' },
          element(
            'thead',
            {},
            element(
              'tr',
              {},
              ['#', 'Relation', 'Event', 'Record', 'Actor', 'Caused by'].map((h) => element('th', {}, h)),
            ),
          ),
          element(
            'tbody',
            {},
            trace.events.map((event) =>
              element(
                'tr',
                { className: `relation-${event.relation}` },
                element('td', { className: 'mono' }, event.globalPosition),
                element('td', {}, event.relation),
                element('td', {}, event.type),
                element(
                  'td',
                  {},
                  element(
                    'button',
                    { className: 'link', type: 'button', onclick: () => openRecord(event.streamId) },
                    event.streamId,
                  ),
                ),
                element('td', {}, text(event.metadata.actor)),
                element('td', { className: 'mono' }, text(event.causedBy)),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      view.replaceChildren(element('p', { className: 'bad' }, `Trace failed: ${error.message}`));
    }
  }

  // A record as of a date
  function openRecord(streamId) {
    $('#record-stream').value = streamId;
    showTab('record');
    loadRecord();
  }

  async function loadRecord() {
    const streamId = $('#record-stream').value.trim();
    const view = $('#record-view');
    if (!streamId) return;
    const asOf = isoOf($('#record-asof').value);
    const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
    view.replaceChildren(element('p', { className: 'muted' }, 'Loading…'));
    try {
      const record = await getJson(`/audit/records/${encodeURIComponent(streamId)}${query}`);
      const list = (events) =>
        element(
          'table',
          { className: 'grid' },
          element(
            'thead',
            {},
            element(
              'tr',
              {},
              ['v', '#', 'Recorded at', 'Event', 'Actor'].map((h) => element('th', {}, h)),
            ),
          ),
          element(
            'tbody',
            {},
            events.map((event) =>
              element(
                'tr',
                {},
                element('td', {}, event.streamVersion),
                element('td', { className: 'mono' }, event.globalPosition),
                element('td', {}, event.recordedAt),
                element('td', {}, event.type),
                element('td', {}, text(event.actor)),
              ),
            ),
          ),
        );
      view.replaceChildren(
        element(
          'h3',
          { id: 'record-title' },
          `${record.streamId} as of ${record.asOf} (version ${record.version} of ${record.currentVersion})`,
        ),
        element('h4', {}, 'State'),
        element('pre', { id: 'record-state' }, JSON.stringify(record.state, null, 2)),
        element('h4', {}, `Timeline until then (${record.history.length} events)`),
        list(record.history),
        element('h4', {}, `Recorded since (${record.since.length} events)`),
        list(record.since),
      );
    } catch (error) {
      view.replaceChildren(element('p', { className: 'bad' }, `Could not open ${streamId}: ${error.message}`));
    }
  }

  // Verification
  async function runVerification() {
    const box = $('#verify-status');
    box.textContent = 'Verifying…';
    try {
      const result = await getJson('/audit/verification');
      box.replaceChildren(
        result.intact
          ? element('span', { className: 'ok' }, `INTACT up to position ${result.verifiedUpTo}`)
          : element(
              'span',
              { className: 'bad' },
              `NOT INTACT: first bad position ${result.firstBadPosition} (${result.reason}): ${result.detail}`,
            ),
        element(
          'div',
          { className: 'muted' },
          `${result.checkpoints.length} signed checkpoints checked; key ${result.key.keyId}; ${result.unsealed} events not sealed yet; checked ${result.checkedAt}`,
        ),
      );
      $('#verify-checkpoints').replaceChildren(
        ...result.checkpoints.map((checkpoint) =>
          element(
            'tr',
            {},
            element('td', { className: 'mono' }, checkpoint.position),
            element('td', {}, checkpoint.signedAt),
            element('td', { className: 'mono' }, checkpoint.keyId),
            element(
              'td',
              { className: checkpoint.signatureValid ? 'ok' : 'bad' },
              checkpoint.signatureValid ? 'valid' : 'INVALID',
            ),
          ),
        ),
      );
      $('#session').textContent = `Signed in — chain ${result.intact ? 'intact' : 'NOT intact'}`;
    } catch (error) {
      box.textContent = `Verification failed: ${error.message}`;
    }
  }

  // Charts
  async function showCharts() {
    const target = $('#charts');
    target.replaceChildren(element('p', { className: 'muted' }, 'Drawing…'));
    try {
      const params = new URLSearchParams({ from: $('#charts-from').value, to: $('#charts-to').value });
      const result = await getJson(`/audit/charts?${params}`);
      target.replaceChildren();
      for (const svg of result.charts) {
        // The service draws these SVGs from escaped text; they carry no script.
        const holder = element('div', { className: 'chart' });
        holder.innerHTML = svg;
        target.append(holder);
      }
    } catch (error) {
      target.replaceChildren(element('p', { className: 'bad' }, `Charts failed: ${error.message}`));
    }
  }

  // Evidence pack
  async function downloadEvidence() {
    const status = $('#evidence-status');
    const params = new URLSearchParams({ from: $('#evidence-from').value, to: $('#evidence-to').value });
    if ($('#evidence-clause').value) params.set('clause', $('#evidence-clause').value);
    status.textContent = 'Building the evidence pack…';
    try {
      const response = await call(`/audit/evidence?${params}`);
      const blob = await response.blob();
      const name = fileNameOf(response, 'evidence.zip');
      saveBlob(blob, name);
      const gaps = response.headers.get('X-Evidence-Gaps');
      status.textContent = `Downloaded ${name} (${blob.size} bytes, ${response.headers.get('X-Evidence-Events')} events; gaps: ${gaps}).`;
    } catch (error) {
      status.textContent = `The evidence pack failed: ${error.message}`;
    }
  }

  function defaultDates() {
    const today = new Date();
    const quarterStart = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3, 1));
    const quarterEnd = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3 + 3, 0));
    const day = (date) => date.toISOString().slice(0, 10);
    for (const id of ['#charts-from', '#evidence-from']) $(id).value = day(quarterStart);
    for (const id of ['#charts-to', '#evidence-to']) $(id).value = day(quarterEnd);
  }

  function start() {
    defaultDates();
    $('#login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      signIn($('#credential').value.trim());
    });
    $('#logout').addEventListener('click', () => signOut('Signed out.'));
    for (const button of document.querySelectorAll('#tabs button[data-tab]')) {
      button.addEventListener('click', () => showTab(button.dataset.tab));
    }
    $('#trail-form').addEventListener('submit', (event) => {
      event.preventDefault();
      searchTrail(false);
    });
    $('#trail-more').addEventListener('click', () => searchTrail(true));
    $('#trail-csv').addEventListener('click', () => exportTrail('csv'));
    $('#trail-json').addEventListener('click', () => exportTrail('json'));
    $('#record-form').addEventListener('submit', (event) => {
      event.preventDefault();
      loadRecord();
    });
    $('#verify-run').addEventListener('click', runVerification);
    $('#charts-form').addEventListener('submit', (event) => {
      event.preventDefault();
      showCharts();
    });
    $('#evidence-form').addEventListener('submit', (event) => {
      event.preventDefault();
      downloadEvidence();
    });
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (saved) signIn(saved);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
