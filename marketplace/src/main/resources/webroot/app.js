// The marketplace UI: paste a bearer token, then act by role. Plain DOM and fetch, served by the host.
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  let token = sessionStorage.getItem('mallkit.token') || '';
  let catalog = [];

  function say(text, isError) {
    $('message').textContent = text;
    $('message').className = isError ? 'error' : 'ok';
  }

  async function api(method, path, body, contentType) {
    const headers = {Authorization: 'Bearer ' + token};
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      payload = contentType ? body : JSON.stringify(body);
    }
    const response = await fetch(path, {method: method, headers: headers, body: payload});
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const e = json && json.error ? json.error : {code: 'HTTP_' + response.status, message: text};
      const details = e.details && e.details.length ? ' ' + JSON.stringify(e.details) : '';
      throw new Error(e.code + ': ' + e.message + details);
    }
    return json;
  }

  function cell(row, text, cls) {
    const td = row.insertCell();
    td.textContent = text === undefined || text === null ? '' : String(text);
    if (cls) td.className = cls;
    return td;
  }

  function table(node, headings, rows, fill) {
    node.innerHTML = '';
    const head = node.createTHead().insertRow();
    headings.forEach(h => { const th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
    const body = node.createTBody();
    rows.forEach(r => fill(body.insertRow(), r));
  }

  function findings(report) {
    const list = document.createElement('ul');
    (report.findings || []).forEach(f => {
      const li = document.createElement('li');
      li.className = f.severity === 'BLOCKING' ? 'blocking' : 'advisory';
      li.textContent = f.severity + ' ' + f.code + ': ' + f.message + (f.location ? ' (' + f.location + ')' : '');
      list.appendChild(li);
    });
    return list;
  }

  // ---- admin
  async function loadQueue() {
    const queue = await api('GET', '/v1/marketplace/reviews?status=PENDING');
    const box = $('queue');
    box.innerHTML = queue.length ? '' : '<p>No submission awaits review.</p>';
    queue.forEach(s => {
      const item = document.createElement('div');
      item.className = 'submission';
      item.id = 'review-' + s.id;
      const title = document.createElement('h3');
      title.textContent = s.pluginId + ' ' + s.version + ' by ' + s.providerId + ' (' + s.kind + ')';
      item.appendChild(title);
      const compat = document.createElement('p');
      compat.textContent = 'API compatibility: ' + JSON.stringify(Object.fromEntries(Object.entries(s.report.compatibility || {})
        .map(([api, c]) => [api, c.compatible]))) + ' · sha256 ' + s.sha256;
      item.appendChild(compat);
      item.appendChild(findings(s.report));
      const approve = document.createElement('button');
      approve.textContent = 'Approve';
      approve.className = 'approve';
      approve.onclick = () => act(async () => {
        const r = await api('POST', '/v1/marketplace/submissions/' + s.id + '/approve');
        say('Approved ' + r.pluginId + ' ' + r.version + (r.installed ? ', installed' : ', NOT installed: ' + r.installError));
      }, loadAdmin);
      const reason = document.createElement('input');
      reason.placeholder = 'reason for rejection';
      reason.className = 'reason';
      const reject = document.createElement('button');
      reject.textContent = 'Reject';
      reject.className = 'reject';
      reject.onclick = () => act(async () => {
        await api('POST', '/v1/marketplace/submissions/' + s.id + '/reject', {reason: reason.value});
        say('Rejected ' + s.pluginId + ' ' + s.version);
      }, loadAdmin);
      [approve, reason, reject].forEach(n => item.appendChild(n));
      box.appendChild(item);
    });
  }

  async function loadAdmin() {
    await loadQueue();
    const audit = await api('GET', '/v1/marketplace/audit');
    table($('audit'), ['when', 'who', 'action', 'target', 'reason'], audit, (row, a) => {
      [a.at, a.role + ':' + a.actor, a.action, a.target, a.reason].forEach(v => cell(row, v));
    });
  }

  // ---- provider
  async function loadSubmissions() {
    const list = await api('GET', '/v1/marketplace/submissions');
    table($('submissions'), ['id', 'plugin', 'version', 'status', 'reason / blocking findings'], list, (row, s) => {
      row.id = 'submission-' + s.id;
      const blocking = (s.report.findings || []).filter(f => f.severity === 'BLOCKING').map(f => f.code).join(', ');
      [s.id, s.pluginId, s.version].forEach(v => cell(row, v));
      cell(row, s.status, 'status');
      cell(row, s.reason || blocking);
    });
  }

  // ---- merchant
  async function loadStores() {
    const stores = await api('GET', '/v1/stores');
    const select = $('store');
    select.innerHTML = '';
    stores.forEach(s => select.appendChild(new Option(s.name + ' (' + s.id + ')', s.id)));
    await loadFeatures();
  }

  async function loadFeatures() {
    const store = $('store').value;
    if (!store) return;
    const features = await api('GET', '/v1/stores/' + encodeURIComponent(store) + '/features');
    table($('features'), ['plugin', 'version', 'extension points', 'status', 'reason', 'config'], features, (row, f) => {
      row.id = 'feature-' + f.pluginId;
      [f.pluginId, f.version, (f.extensionPoints || []).join(', ')].forEach(v => cell(row, v));
      cell(row, f.status, 'status');
      cell(row, f.statusReason);
      cell(row, JSON.stringify(f.config));
    });
  }

  function fillPlugins() {
    const select = $('plugin');
    select.innerHTML = '';
    catalog.filter(p => p.versions.some(v => v.status === 'PUBLISHED'))
      .forEach(p => select.appendChild(new Option(p.id + ' — ' + (p.description || ''), p.id)));
    fillVersions();
  }

  function fillVersions() {
    const plugin = catalog.find(p => p.id === $('plugin').value);
    const select = $('version');
    select.innerHTML = '';
    (plugin ? plugin.versions : []).filter(v => v.status === 'PUBLISHED').reverse()
      .forEach(v => select.appendChild(new Option(v.version + ' (' + v.tier + ')', v.version)));
    showVersion();
  }

  function selectedVersion() {
    const plugin = catalog.find(p => p.id === $('plugin').value);
    return plugin && plugin.versions.find(v => v.version === $('version').value);
  }

  function showVersion() {
    const v = selectedVersion();
    $('plugin-info').textContent = v ? 'Extension points: ' + v.extensionPoints.join(', ') + ' · API ' + v.requires
      + (v.loaded ? '' : ' · not loaded on this host: ' + (v.loadFailure || 'unknown')) : '';
    SchemaForm.build($('config-form'), v ? v.configSchema : {type: 'object'}, {});
  }

  async function loadCatalog() {
    catalog = await api('GET', '/v1/marketplace/catalog');
    const rows = [];
    catalog.forEach(p => p.versions.forEach(v => rows.push([p, v])));
    table($('catalog'), ['plugin', 'version', 'tier', 'status', 'extension points', 'compatibility'], rows, (row, [p, v]) => {
      [p.id, v.version, v.tier, v.status + (v.statusReason ? ' (' + v.statusReason + ')' : ''), v.extensionPoints.join(', '),
        JSON.stringify(v.compatibility)].forEach(x => cell(row, x));
    });
  }

  async function act(work, reload) {
    try {
      await work();
      if (reload) await reload();
    } catch (e) {
      say(e.message, true);
    }
  }

  async function connect() {
    token = $('token').value.trim();
    sessionStorage.setItem('mallkit.token', token);
    ['admin', 'provider', 'merchant', 'catalog-section'].forEach(id => { $(id).hidden = true; });
    const me = await api('GET', '/v1/me');
    $('whoami').textContent = me.role + ' ' + me.subject;
    document.body.setAttribute('data-role', me.role);
    $('catalog-section').hidden = false;
    await loadCatalog();
    if (me.role === 'admin') { $('admin').hidden = false; await loadAdmin(); }
    if (me.role === 'provider') { $('provider').hidden = false; await loadSubmissions(); }
    if (me.role === 'merchant') { $('merchant').hidden = false; fillPlugins(); await loadStores(); }
    say('Connected as ' + me.role + ' ' + me.subject);
  }

  $('login').onsubmit = e => { e.preventDefault(); act(connect); };
  $('refresh-queue').onclick = () => act(loadAdmin);
  $('yank-form').onsubmit = e => {
    e.preventDefault();
    act(async () => {
      const r = await api('POST', '/v1/marketplace/plugins/' + encodeURIComponent($('yank-plugin').value) + '/versions/'
        + encodeURIComponent($('yank-version').value) + '/yank', {reason: $('yank-reason').value});
      say('Yanked ' + r.pluginId + ' ' + r.version);
    }, loadAdmin);
  };
  $('upload-form').onsubmit = e => {
    e.preventDefault();
    const file = $('package').files[0];
    if (!file) { say('Choose a package file first', true); return; }
    act(async () => {
      const type = file.name.endsWith('.zip') ? 'application/zip' : 'application/java-archive';
      const r = await api('POST', '/v1/marketplace/submissions', await file.arrayBuffer(), type);
      $('upload-result').innerHTML = '';
      const status = document.createElement('p');
      status.id = 'upload-status';
      status.textContent = 'Submission ' + r.id + ': ' + r.status;
      $('upload-result').appendChild(status);
      $('upload-result').appendChild(findings(r.report));
      say('Submitted ' + file.name + ': ' + r.status, r.status !== 'PENDING');
    }, loadSubmissions);
  };
  $('store').onchange = () => act(loadFeatures);
  $('plugin').onchange = fillVersions;
  $('version').onchange = showVersion;
  $('enable-form').onsubmit = e => {
    e.preventDefault();
    act(async () => {
      const config = SchemaForm.read($('config-form'));
      const r = await api('PUT', '/v1/stores/' + encodeURIComponent($('store').value) + '/features/'
        + encodeURIComponent($('plugin').value), {version: $('version').value, config: config, enabled: true});
      say('Saved ' + r.pluginId + ' ' + r.version + ': ' + r.status);
    }, loadFeatures);
  };
  if (token) { $('token').value = token; act(connect); }
})();
