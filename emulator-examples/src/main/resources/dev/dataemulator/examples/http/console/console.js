/*
 * Data Emulator console: one page over the service's JSON API. Every URL is relative, so the page works behind a
 * reverse proxy under any path ending in a slash. No dependencies; the charts are drawn on canvases.
 */
'use strict';

(() => {
  const POLL_MS = 1000;
  const TERMINAL = new Set(['COMPLETED', 'STOPPED', 'FAILED']);
  const CHART_MIN_SECONDS = 60;
  /** Why an emulation ended (stop_reason), in the words of the command line's summary. */
  const REASONS = {
    DURATION: 'duration elapsed',
    MAX_RECORDS: 'max records reached',
    EXHAUSTED: 'domain exhausted',
    STOPPED: 'stopped on request',
    FAILED: '',
  };

  const $ = (selector, root = document) => root.querySelector(selector);
  const details = new Map(); // id -> last status answer (with workers) of an emulation
  const rows = new Map(); // id -> table row
  let domains = [];
  let rates = {};
  let firstRender = true;

  async function api(method, path, body, contentType = 'application/json', reviver = undefined) {
    const init = { method, cache: 'no-store', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.body = body;
      init.headers['Content-Type'] = contentType;
    }
    const response = await fetch(path, init);
    let json = null;
    try {
      json = JSON.parse(await response.text(), reviver);
    } catch (e) {
      json = null;
    }
    return { status: response.status, ok: response.ok, body: json };
  }

  /** A number whose JSON text says more than its value, such as a decimal's scale (40.20): shown as written. */
  class WrittenNumber {
    constructor(source) {
      this.source = source;
    }
  }

  /** For JSON.parse: keeps the text of such numbers (where the browser gives it to revivers). */
  function keepNumberText(key, value, context) {
    return typeof value === 'number' && context && context.source !== undefined && context.source !== String(value)
      ? new WrittenNumber(context.source) : value;
  }

  // ---- formatting -----------------------------------------------------------------------------------------------

  const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

  function compact(value) {
    const abs = Math.abs(value);
    if (abs >= 1e9) return (value / 1e9).toFixed(abs >= 1e10 ? 0 : 1) + 'G';
    if (abs >= 1e6) return (value / 1e6).toFixed(abs >= 1e7 ? 0 : 1) + 'M';
    if (abs >= 1e3) return (value / 1e3).toFixed(abs >= 1e4 ? 0 : 1) + 'k';
    return String(Math.round(value));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- live table -----------------------------------------------------------------------------------------------

  async function poll() {
    try {
      const [list, rateAnswer] = await Promise.all([api('GET', 'emulator'), api('GET', 'rates')]);
      if (!list.ok || !Array.isArray(list.body)) throw new Error('GET emulator answered ' + list.status);
      rates = rateAnswer.ok && rateAnswer.body ? rateAnswer.body.emulations || {} : {};
      // the list has no workers: ask for the status of what is still moving, and once more when it ended
      const wanted = list.body.filter(e => !TERMINAL.has(e.status) || !details.has(e.id)
          || !TERMINAL.has(details.get(e.id).status));
      const answers = await Promise.all(wanted.map(e => api('GET', 'emulator/' + encodeURIComponent(e.id) + '/status')));
      answers.forEach(answer => {
        if (answer.ok && answer.body && answer.body.id) details.set(answer.body.id, answer.body);
      });
      render(list.body);
      connection('live', 'live · updated ' + new Date().toLocaleTimeString('en-GB'));
    } catch (e) {
      connection('offline', 'service unreachable, retrying…');
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  function connection(state, text) {
    $('#connection').dataset.state = state;
    $('#connection-text').textContent = text;
  }

  function render(list) {
    const tbody = $('#emulations tbody');
    const seen = new Set();
    const newestFirst = list.slice().reverse();
    newestFirst.forEach((summary, index) => {
      const emulation = details.has(summary.id) && statusRank(details.get(summary.id)) >= statusRank(summary)
          ? details.get(summary.id) : summary;
      seen.add(emulation.id);
      let row = rows.get(emulation.id);
      if (!row) {
        row = createRow(emulation);
        rows.set(emulation.id, row);
        if (!firstRender) row.classList.add('fresh');
      }
      if (tbody.children[index] !== row) tbody.insertBefore(row, tbody.children[index] || null);
      updateRow(row, emulation);
    });
    for (const [id, row] of rows) {
      if (!seen.has(id)) {
        row.remove();
        rows.delete(id);
        details.delete(id);
      }
    }
    const running = list.filter(e => !TERMINAL.has(e.status)).length;
    $('#summary').textContent = list.length === 0 ? '' : running + ' running · ' + list.length + ' in total';
    $('#empty').hidden = list.length > 0;
    firstRender = false;
  }

  /** A status answer is newer than a list entry when it is further along the life cycle (or has more counts). */
  function statusRank(emulation) {
    const order = ['SCHEDULED', 'RUNNING', 'COMPLETED', 'STOPPED', 'FAILED'];
    return Math.min(order.indexOf(emulation.status), 2) * 1e15 + (emulation.stats ? emulation.stats.generated : 0);
  }

  function createRow(emulation) {
    const row = element('tr');
    row.dataset.id = emulation.id;
    const name = element('td');
    name.append(element('span', 'domain', emulation.emulation_domain), element('span', 'id', emulation.id));
    name.lastChild.title = emulation.id;
    const sink = element('td');
    sink.append(element('div', null, emulation.emulator_sync), element('div', 'sub', '→ ' + emulation.resource));
    const status = element('td', 'status-cell');
    status.append(element('span', 'badge'), element('div', 'sub reason'), element('div', 'error-text'));
    const chartCell = element('td');
    const canvas = element('canvas', 'chart');
    chartCell.append(canvas);
    const action = element('td');
    const stop = element('button', 'stop', 'Stop');
    stop.type = 'button';
    stop.addEventListener('click', () => stopEmulation(emulation.id, stop));
    const resume = element('button', 'resume', 'Resume');
    resume.type = 'button';
    resume.hidden = true;
    resume.title = 'continue where the sink\'s durable progress says this emulation stopped';
    resume.addEventListener('click', () => resumeEmulation(emulation.id, resume));
    action.append(stop, resume);
    row.append(name, sink, status, element('td', 'num generated'), element('td', 'num delivered'),
        element('td', 'num failed'), element('td', 'num rate'), workersCell(), chartCell, action);
    return row;
  }

  function workersCell() {
    const cell = element('td');
    cell.append(element('div', 'workers'));
    return cell;
  }

  function updateRow(row, emulation) {
    const stats = emulation.stats || {};
    const running = !TERMINAL.has(emulation.status);
    row.dataset.status = emulation.status;
    const badge = $('.badge', row);
    badge.className = 'badge ' + emulation.status;
    badge.textContent = emulation.status.toLowerCase();
    $('.reason', row).textContent = REASONS[emulation.stop_reason] || '';
    $('.error-text', row).textContent = emulation.error || '';
    $('.generated', row).textContent = integer.format(stats.generated || 0);
    $('.delivered', row).textContent = integer.format(stats.delivered || 0);
    const failed = $('.failed', row);
    failed.textContent = integer.format(stats.failed || 0);
    failed.classList.toggle('failed-some', (stats.failed || 0) > 0);
    const series = rates[emulation.id] || [];
    const current = running && series.length ? series[series.length - 1] : stats.rate_per_second || 0;
    const rate = $('.rate', row);
    rate.textContent = integer.format(current);
    rate.title = running ? 'records generated in the last second' : 'average over the whole run';
    renderWorkers($('.workers', row), emulation.workers || []);
    drawChart($('canvas.chart', row), series);
    const stop = $('button.stop', row);
    if (!running) {
      stop.hidden = true;
    } else if (!stop.disabled) {
      stop.hidden = false;
    }
    const resume = $('button.resume', row);
    row.classList.toggle('resumable', emulation.resumable === true);
    if (!resume.disabled) resume.hidden = emulation.resumable !== true;
  }

  function renderWorkers(container, workers) {
    while (container.children.length > workers.length) container.lastChild.remove();
    while (container.children.length < workers.length) container.append(element('span', 'worker'));
    workers.forEach((worker, i) => {
      const dot = container.children[i];
      dot.className = 'worker ' + worker.status;
      dot.title = worker.name + ': ' + worker.status.toLowerCase() + ', ' + integer.format(worker.records) + ' records'
          + (worker.error ? ' — ' + worker.error : '');
    });
  }

  async function stopEmulation(id, button) {
    button.disabled = true;
    button.textContent = 'Stopping…';
    const answer = await api('DELETE', 'emulator/' + encodeURIComponent(id)).catch(() => null);
    if (!answer || !answer.ok) {
      button.disabled = false;
      button.textContent = 'Stop';
      const row = rows.get(id);
      if (row) $('.error-text', row).textContent = answer && answer.body ? answer.body.error : 'stop failed';
    }
  }

  async function resumeEmulation(id, button) {
    button.disabled = true;
    button.textContent = 'Resuming…';
    const answer = await api('POST', 'emulator/' + encodeURIComponent(id) + '/resume').catch(() => null);
    button.disabled = false;
    button.textContent = 'Resume';
    if (!answer || !answer.ok) {
      const row = rows.get(id);
      if (row) $('.error-text', row).textContent = answer && answer.body ? answer.body.error : 'resume failed';
    }
  }

  // ---- chart ----------------------------------------------------------------------------------------------------

  /** Records per second over the last minutes: one sample a second, newest at the right edge. */
  function drawChart(canvas, values) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 240;
    const height = canvas.clientHeight || 44;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    canvas.dataset.points = String(values.length);
    const muted = '#98a2b3';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    if (values.length === 0) {
      ctx.fillStyle = muted;
      ctx.fillText('collecting…', 2, height / 2 - 5);
      return;
    }
    const top = 13;
    const bottom = height - 1.5;
    const span = Math.max(CHART_MIN_SECONDS, values.length);
    const peak = Math.max(...values, 1);
    const scale = niceCeiling(peak);
    const x = i => width - 1 - (values.length - 1 - i) * (width - 2) / (span - 1);
    const y = v => bottom - (bottom - top) * (v / scale);

    ctx.strokeStyle = '#e4e7ec';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, Math.round(bottom) + 0.5);
    ctx.lineTo(width, Math.round(bottom) + 0.5);
    ctx.stroke();

    ctx.fillStyle = muted;
    ctx.textAlign = 'left';
    ctx.fillText(compact(scale) + '/s', 1, 0);
    ctx.textAlign = 'right';
    ctx.fillText(span >= 120 ? Math.round(span / 60) + ' min' : span + ' s', width - 1, 0);

    ctx.beginPath();
    values.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))));
    const line = new Path2D();
    values.forEach((v, i) => (i === 0 ? line.moveTo(x(i), y(v)) : line.lineTo(x(i), y(v))));
    ctx.lineTo(x(values.length - 1), bottom);
    ctx.lineTo(x(0), bottom);
    ctx.closePath();
    const fill = ctx.createLinearGradient(0, top, 0, bottom);
    fill.addColorStop(0, 'rgba(37, 99, 235, 0.28)');
    fill.addColorStop(1, 'rgba(37, 99, 235, 0.03)');
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.strokeStyle = '#2563eb';
    ctx.lineWidth = 1.6;
    ctx.lineJoin = 'round';
    ctx.stroke(line);
    const last = values.length - 1;
    ctx.fillStyle = '#2563eb';
    ctx.beginPath();
    ctx.arc(x(last), y(values[last]), 2.4, 0, Math.PI * 2);
    ctx.fill();
  }

  /** The smallest of 1, 2, 2.5, 5 × 10^n at or above the value, so the axis label is a round number. */
  function niceCeiling(value) {
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) {
      if (value <= step * power) return step * power;
    }
    return 10 * power;
  }

  // ---- forms ----------------------------------------------------------------------------------------------------

  /**
   * The sink settings box as a JSON object: one key=value a line (as the command line's -c), values as strings;
   * a line without '=' goes as it is, for the service to name.
   */
  function sinkConfig(text) {
    const settings = {};
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      const eq = trimmed.indexOf('=');
      if (eq <= 0) return JSON.stringify(trimmed);
      settings[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
    }
    return JSON.stringify(settings);
  }

  /** The request body, with numbers as JSON numbers and anything else as strings: the service validates. */
  function startBody(form) {
    const sink = form.elements.emulator_sync.value;
    const parts = [];
    for (const field of form.elements) {
      if (!field.name || (field.dataset.sink && field.dataset.sink !== sink)) continue;
      if (field.type === 'checkbox') {
        if (field.checked) parts.push(JSON.stringify(field.name) + ': true');
        continue;
      }
      let value = field.value.trim();
      if (value === '') continue;
      if (field.name === 'sink_config') {
        parts.push('"sink_config": ' + sinkConfig(value));
        continue;
      }
      const kind = field.dataset.kind;
      let json;
      if (kind === 'integer' && /^-?\d+$/.test(value)) {
        json = value.replace(/^(-?)0+(?=\d)/, '$1');
      } else if (kind === 'number' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) {
        json = value.replace(/^(-?)0+(?=\d)/, '$1');
      } else {
        json = JSON.stringify(value);
      }
      parts.push(JSON.stringify(field.name) + ': ' + json);
    }
    return '{' + parts.join(', ') + '}';
  }

  function clearErrors(form, box) {
    form.querySelectorAll('.field-error').forEach(slot => (slot.textContent = ''));
    form.querySelectorAll('.field.invalid').forEach(field => field.classList.remove('invalid'));
    box.textContent = '';
    box.hidden = true;
  }

  /** Puts each error of a 400 answer next to the field it names; the rest above the form. */
  function showErrors(form, box, body, status) {
    clearErrors(form, box);
    const list = body && Array.isArray(body.errors) && body.errors.length ? body.errors
        : [body && (body.error || body.message) ? body : { error: 'the service answered ' + status }];
    const general = [];
    for (const error of list) {
      const message = String(error.error || error.message || error.reason || JSON.stringify(error));
      // sink_config.KEY goes next to the sink settings box
      const name = error.field ? error.field.replace(/^sink_config\..*$/, 'sink_config') : null;
      const slot = name ? form.querySelector('.field-error[data-for="' + CSS.escape(name) + '"]') : null;
      if (slot && !slot.closest('[hidden]')) {
        const short = message.replace(/^Invalid setting '[^']*' = (?:'[^']*'|null|\S+): /, '');
        slot.textContent = slot.textContent ? slot.textContent + ' ' + short : short;
        slot.closest('.field').classList.add('invalid');
      } else {
        general.push(message);
      }
    }
    if (general.length) {
      box.textContent = general.join('\n');
      box.hidden = false;
    }
  }

  async function submitStart(event) {
    event.preventDefault();
    const form = event.target;
    const button = $('#start-button');
    const flash = $('#start-flash');
    button.disabled = true;
    flash.textContent = '';
    try {
      const answer = await api('POST', 'emulator', startBody(form));
      if (answer.ok) {
        clearErrors(form, $('#start-error'));
        flash.textContent = 'Started ' + answer.body.id.slice(0, 8) + '… (' + answer.body.emulation_domain + ' → '
            + answer.body.emulator_sync + ' ' + answer.body.resource + ')';
      } else {
        showErrors(form, $('#start-error'), answer.body, answer.status);
      }
    } catch (e) {
      showErrors(form, $('#start-error'), { error: 'the service is unreachable: ' + e.message }, 0);
    } finally {
      button.disabled = false;
    }
  }

  function toggleSinkSettings() {
    const sink = $('#start-sink').value;
    $('#minio-settings').hidden = sink !== 'minio';
  }

  // ---- sample ---------------------------------------------------------------------------------------------------

  async function submitSample(event) {
    event.preventDefault();
    const form = event.target;
    const box = $('#sample-error');
    const query = new URLSearchParams();
    query.set('emulation_domain', form.elements.emulation_domain.value);
    if (form.elements.seed.value.trim() !== '') query.set('seed', form.elements.seed.value.trim());
    const list = $('#sample-records');
    $('#sample-button').disabled = true;
    try {
      const answer = await api('GET', 'sample?' + query, undefined, undefined, keepNumberText);
      if (!answer.ok) {
        showErrors(form, box, answer.body, answer.status);
        list.replaceChildren();
        $('#sample-meta').textContent = '';
        return;
      }
      clearErrors(form, box);
      const sample = answer.body;
      $('#sample-meta').textContent = sample.records.length + ' records of ' + sample.emulation_domain + ' with seed '
          + sample.seed + ', as an emulation with that seed writes them to ' + sample.resource;
      list.replaceChildren(...sample.records.map((record, seq) => {
        const item = element('li');
        item.dataset.seq = String(seq);
        item.append(...jsonNodes(record));
        return item;
      }));
      showSchema(sample.schema || schemaOf(sample.emulation_domain));
    } catch (e) {
      showErrors(form, box, { error: 'the service is unreachable: ' + e.message }, 0);
    } finally {
      $('#sample-button').disabled = false;
    }
  }

  // ---- domains --------------------------------------------------------------------------------------------------

  /** Posts the chosen definition file to POST domains; its domains join the lists at once. */
  async function submitDomain(event) {
    event.preventDefault();
    const form = event.target;
    const box = $('#domain-error');
    const flash = $('#domain-flash');
    const file = $('#domain-file').files[0];
    flash.textContent = '';
    if (!file) {
      showErrors(form, box, { errors: [{ field: 'definition', error: 'choose a YAML or JSON definition file' }] }, 400);
      return;
    }
    $('#domain-button').disabled = true;
    try {
      const json = /\.json$/i.test(file.name);
      const answer = await api('POST', 'domains', await file.text(), json ? 'application/json' : 'application/yaml');
      if (!answer.ok) {
        const body = answer.body || {};
        // every problem of the definition, with its place in the file
        const errors = (body.errors || []).map(e => ({
          error: (e.line ? file.name + ':' + e.line + ':' + e.column + ': ' : '')
              + String(e.error || '').replace(/^request:\d+:\d+: /, ''),
        }));
        showErrors(form, box, errors.length ? { errors } : body, answer.status);
        return;
      }
      clearErrors(form, box);
      await loadDomains();
      flash.textContent = 'Added ' + answer.body.domains.join(', ');
    } catch (e) {
      showErrors(form, box, { error: 'the service is unreachable: ' + e.message }, 0);
    } finally {
      $('#domain-button').disabled = false;
    }
  }

  async function loadDomains() {
    const answer = await api('GET', 'domains');
    domains = answer.ok ? answer.body : [];
    const names = domains.map(d => d.name);
    fill($('#start-domain'), names, $('#start-domain').value || 'transaction');
    fill($('#sample-domain'), names, $('#sample-domain').value || 'transaction');
    showSchema(schemaOf($('#sample-domain').value));
  }

  /** The footer: every route of GET api, relative like every other URL of the page. */
  async function loadRoutes() {
    const answer = await api('GET', 'api');
    if (!answer.ok) return;
    const items = [];
    for (const route of answer.body.routes) {
      if (items.length) items.push(' · ');
      // relative, as the page's own requests: the console itself ('/') is './'
      const code = element('code', null, route.method + ' ' + (route.path.replace(/^\//, '') || './'));
      code.title = route.summary;
      items.push(code);
    }
    $('#routes').replaceChildren(...items);
  }

  function schemaOf(name) {
    const domain = domains.find(d => d.name === name);
    return domain ? domain.schema : undefined;
  }

  /** The domain's typed schema as a table, nested fields indented; hidden for domains without one. */
  function showSchema(schema) {
    const box = $('#sample-schema');
    const body = $('tbody', box);
    box.hidden = !schema || !Array.isArray(schema.fields);
    if (box.hidden) {
      body.replaceChildren();
      return;
    }
    const rowsOut = [];
    const walk = (fields, depth) => fields.forEach(field => {
      const row = element('tr');
      const name = element('td', 'field-name', field.name);
      name.style.paddingLeft = (10 + depth * 16) + 'px';
      row.append(name, element('td', 'field-type', field.type), element('td', null, field.nullable ? 'yes' : ''),
          element('td', 'sub', field.doc || ''));
      rowsOut.push(row);
      if (Array.isArray(field.fields)) walk(field.fields, depth + 1);
    });
    walk(schema.fields, 0);
    body.replaceChildren(...rowsOut);
    $('#schema-summary').textContent = schema.name + ', ' + rowsOut.length + ' fields';
  }

  /** One line of JSON as text and coloured spans (keys, strings, numbers, literals). */
  function jsonNodes(value) {
    const nodes = [];
    const text = s => nodes.push(document.createTextNode(s));
    const span = (cls, s) => nodes.push(element('span', cls, s));
    const walk = v => {
      if (v === null || typeof v === 'boolean') {
        span('b', String(v));
      } else if (typeof v === 'number') {
        span('n', String(v));
      } else if (v instanceof WrittenNumber) {
        span('n', v.source);
      } else if (typeof v === 'string') {
        span('s', JSON.stringify(v));
      } else if (Array.isArray(v)) {
        text('[');
        v.forEach((item, i) => {
          if (i) text(', ');
          walk(item);
        });
        text(']');
      } else {
        text('{');
        Object.keys(v).forEach((key, i) => {
          if (i) text(', ');
          span('k', JSON.stringify(key));
          text(': ');
          walk(v[key]);
        });
        text('}');
      }
    };
    walk(value);
    return nodes;
  }

  // ---- start ----------------------------------------------------------------------------------------------------

  function fill(select, names, preferred) {
    select.replaceChildren(...names.map(name => {
      const option = element('option', null, name);
      option.value = name;
      return option;
    }));
    if (names.includes(preferred)) select.value = preferred;
  }

  async function init() {
    $('#start-form').addEventListener('submit', submitStart);
    $('#sample-form').addEventListener('submit', submitSample);
    $('#domain-form').addEventListener('submit', submitDomain);
    $('#start-sink').addEventListener('change', toggleSinkSettings);
    $('#sample-domain').addEventListener('change', () => showSchema(schemaOf($('#sample-domain').value)));
    try {
      const [sinkAnswer] = await Promise.all([api('GET', 'sinks'), loadDomains(), loadRoutes()]);
      fill($('#start-sink'), sinkAnswer.ok ? sinkAnswer.body : [], 'kafka');
      toggleSinkSettings();
    } catch (e) {
      connection('offline', 'service unreachable');
    }
    document.body.dataset.ready = 'true';
    poll();
  }

  init();
})();
