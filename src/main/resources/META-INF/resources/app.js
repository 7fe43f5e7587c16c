// The live page: loads the recent matches once, then follows GET /live (Server-Sent Events).
'use strict';
const matches = new Map();          // guid -> MatchView
const applied = [];                 // applied events per second, last 60 ticks
const $ = (id) => document.getElementById(id);
const apiKey = new URLSearchParams(location.search).get('apiKey');
const withKey = (url) => apiKey ? url + (url.includes('?') ? '&' : '?') + 'apiKey=' + encodeURIComponent(apiKey) : url;

function clock(m) {
  if (m.timeSeconds == null) return '';
  const s = Math.max(0, m.timeSeconds), text = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  return m.overtime ? '<span class="ot">OT</span> +' + text : text;
}

function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function render(m) {
  const team = (n) => (m.teams || []).find((t) => t.teamNum === n) || { name: n ? 'Orange' : 'Blue', score: 0 };
  const rows = (m.players || []).slice().sort((a, b) => a.teamNum - b.teamNum || b.score - a.score).map((p) =>
    `<tr class="t${p.teamNum}"><td>${esc(p.name)}</td><td>${p.score}</td><td>${p.goals}</td><td>${p.assists}</td>` +
    `<td>${p.saves}</td><td>${p.shots}</td><td>${p.demos}</td><td>${p.boost}</td></tr>`).join('');
  let card = document.querySelector(`[data-match="${CSS.escape(m.guid)}"]`);
  if (!card) {
    document.querySelector('#matches .empty')?.remove();
    card = document.createElement('article');
    card.dataset.match = m.guid;
    $('matches').prepend(card);
  }
  card.className = 'match ' + m.state;
  card.innerHTML =
    `<div class="board"><div class="team blue">${esc(team(0).name)}</div>` +
    `<div><span class="score score-blue">${team(0).score}</span>–<span class="score score-orange">${team(1).score}</span></div>` +
    `<div class="team orange">${esc(team(1).name)}</div></div>` +
    `<div class="clock">${clock(m)}${m.state === 'ended' ? ' · final' + (m.winner ? ' · ' + esc(m.winner) + ' win' : '') : ''}</div>` +
    `<div class="meta"><span>${esc(m.arena || '')}</span><span>${esc(m.guid)}</span></div>` +
    `<table><thead><tr><th>player</th><th>score</th><th>G</th><th>A</th><th>Sv</th><th>Sh</th><th>D</th><th>boost</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`;
}

function describe(e) {
  const d = e.data || {};
  switch (e.event) {
    case 'GoalScored':
      return { goal: true, text: `GOAL ${d.Scorer?.Name ?? '?'}` + (d.Assister?.Name ? ` (assist ${d.Assister.Name})` : '') +
        (d.GoalSpeed ? ` · ${Math.round(d.GoalSpeed)} km/h` : '') };
    case 'StatfeedEvent': return { text: `${d.MainTarget?.Name ?? '?'}: ${d.EventName ?? d.Type ?? 'stat'}` };
    case 'MatchEnded': return { text: 'Match ended' };
    case 'BallHit': case 'CrossbarHit': return null;  // too frequent for a ticker
    default: return { text: e.event };
  }
}

function tick(message) {
  const e = message.data, line = describe(e);
  if (!line) return;
  const li = document.createElement('li');
  li.className = line.goal ? 'goal' : '';
  li.textContent = line.text;
  li.title = `${message.match} · offset ${e.offset}`;
  $('ticker').prepend(li);
  while ($('ticker').children.length > 50) $('ticker').lastChild.remove();
}

function queue(t) {
  // Where data comes from: the game connector and MQTT, each connected or not; POST /events is always open.
  $('sources').textContent = 'sources: ' + (t.sources || []).map(s =>
      `${s.name} · ${s.connected ? 'connected' : 'not connected'}${s.paused ? ' (held back: queue full)' : ''}`)
      .concat(['POST /events']).join('  |  ');
  $('q-depth').textContent = t.queue.depth;
  $('q-accepted').textContent = Math.round(t.acceptedPerSecond);
  $('q-applied').textContent = Math.round(t.processedPerSecond);
  $('q-lag').textContent = t.queue.depth === 0 ? '0' : t.queue.lastOffset - t.queue.lastProcessedOffset + ' ev';
  applied.push(t.processedPerSecond);
  if (applied.length > 60) applied.shift();
  const c = $('q-chart').getContext('2d'), w = c.canvas.width, h = c.canvas.height, max = Math.max(1, ...applied);
  c.clearRect(0, 0, w, h);
  c.strokeStyle = '#2f7bff';
  c.beginPath();
  applied.forEach((v, i) => c.lineTo(i * w / 59, h - 2 - (h - 4) * v / max));
  c.stroke();
}

async function load() {
  const page = await (await fetch(withKey('/matches?limit=12'))).json();
  for (const summary of page.items.reverse()) {
    const m = await (await fetch(withKey('/matches/' + encodeURIComponent(summary.guid)))).json();
    matches.set(m.guid, m);
    render(m);
  }
}

function follow() {
  const source = new EventSource(withKey('/live'));
  source.onopen = () => { $('connection').textContent = 'live'; $('connection').className = ''; };
  source.onerror = () => { $('connection').textContent = 'reconnecting…'; $('connection').className = 'down'; };
  source.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'match') { matches.set(message.match, message.data); render(message.data); }
    else if (message.type === 'event') tick(message);
    else if (message.type === 'queue') queue(message.data);
  };
}

follow();
load().catch((e) => console.error('loading matches failed', e));
