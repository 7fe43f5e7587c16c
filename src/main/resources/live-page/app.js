// The live page: loads what the store holds, then follows GET /live (Server-Sent Events).
// ?match=GUID: one match, a clean scoreboard (an OBS browser source). ?sender=NAME: the live match of that sender,
// switching when it starts a new one. ?transparent=1: no page background. ?apiKey=KEY: the read key.
'use strict';
const params = new URLSearchParams(location.search);
const apiKey = params.get('apiKey');
const only = params.get('match');            // one match
const sender = params.get('sender');         // the latest match of one sender
const single = Boolean(only || sender);
const MAX_ENDED = single ? 0 : 4;            // ended matches kept below the live ones
const matches = new Map();                   // guid -> MatchView (the newest seen, by lastOffset)
const ticker = new Map();                    // "guid/offset" -> line, newest first when drawn
const applied = [];                          // applied events per second, last 60 ticks
let sortKey = 'score';                       // the player tables' column, highest first
const $ = (id) => document.getElementById(id);
const withKey = (url) => apiKey ? url + (url.includes('?') ? '&' : '?') + 'apiKey=' + encodeURIComponent(apiKey) : url;
const getJson = async (url) => { const r = await fetch(withKey(url)); if (!r.ok) throw new Error(url + ': ' + r.status); return r.json(); };

document.body.classList.toggle('single', single);
document.body.classList.toggle('transparent', params.get('transparent') === '1' || params.get('transparent') === 'true');

function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function clock(m) {
  if (m.timeSeconds == null) return '';
  const s = Math.max(0, m.timeSeconds), text = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  return m.overtime ? '<span class="ot">OT</span> +' + text : text;
}

const team = (m, n) => (m.teams || []).find((t) => t.teamNum === n) || { name: n ? 'Orange' : 'Blue', score: 0 };
const label = (m) => m ? `${team(m, 0).name} ${team(m, 0).score}–${team(m, 1).score} ${team(m, 1).name}` : '';

// The columns of the player tables: header, title, value.
const COLUMNS = [
  ['score', 'score', (p) => p.score], ['goals', 'goals', (p) => p.goals], ['assists', 'assists', (p) => p.assists],
  ['saves', 'saves', (p) => p.saves], ['shots', 'shots', (p) => p.shots], ['demos', 'demolitions', (p) => p.demos],
  ['taken', 'times demolished', (p) => p.derived?.demosTaken ?? 0], ['boost', 'boost now', (p) => p.boost],
  ['avg', 'average boost', (p) => p.derived?.boostSeen ? Math.round(p.derived.averageBoost) : -1],
];

function table(m) {
  const value = (COLUMNS.find((c) => c[0] === sortKey) || COLUMNS[0])[2];
  const rows = (m.players || []).slice().sort((a, b) => value(b) - value(a) || a.teamNum - b.teamNum).map((p) =>
    `<tr class="t${p.teamNum}"><td>${esc(p.name)}${p.derived?.mvp ? ' <span class="mvp" title="MVP">★</span>' : ''}</td>` +
    COLUMNS.map((c) => { const v = c[2](p); return `<td>${v < 0 ? '–' : v}</td>`; }).join('') + '</tr>').join('');
  const head = COLUMNS.map((c) => `<th data-sort="${c[0]}" title="${c[1]} (click to sort)"` +
    `${c[0] === sortKey ? ' class="sorted"' : ''}>${c[0]}</th>`).join('');
  return `<table><thead><tr><th>player</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

// A match in a best-of-N: the series' name and score under the scoreboard.
function series(m) {
  const s = m.series;
  if (!s) return '';
  return `<div class="series">${esc(s.name)} · best of ${s.bestOf} · ${esc(s.teams[0].name)} ` +
    `<b>${s.teams[0].wins}–${s.teams[1].wins}</b> ${esc(s.teams[1].name)}${s.state === 'decided' ? ' · decided' : ''}</div>`;
}

function card(m) {
  return `<div class="board"><div class="team blue">${esc(team(m, 0).name)}</div>` +
    `<div class="scores"><span class="score score-blue">${team(m, 0).score}</span><span class="sep">–</span>` +
    `<span class="score score-orange">${team(m, 1).score}</span></div>` +
    `<div class="team orange">${esc(team(m, 1).name)}</div></div>` +
    series(m) +
    `<div class="clock">${clock(m)}${m.state === 'ended' ? ' · final' + (m.winner ? ' · ' + esc(m.winner) + ' win' : '') : ''}</div>` +
    `<div class="meta"><span>${esc(m.arena || '')}</span><span>${esc(m.guid)}</span></div>` + table(m);
}

// Which matches the page shows, in order: the live ones first (most recent first), then a few ended ones.
function shown() {
  let list = [...matches.values()];
  if (only) list = list.filter((m) => m.guid === only);
  if (sender) list = list.filter((m) => m.source === sender).sort((a, b) => b.lastOffset - a.lastOffset).slice(0, 1);
  const live = list.filter((m) => m.state !== 'ended').sort((a, b) => b.lastOffset - a.lastOffset);
  const ended = list.filter((m) => m.state === 'ended').sort((a, b) => b.lastOffset - a.lastOffset);
  return single ? list : live.concat(ended.slice(0, MAX_ENDED));
}

function draw() {
  const list = shown(), section = $('matches');
  const keep = new Set(list.map((m) => m.guid));
  for (const el of [...section.querySelectorAll('article')]) if (!keep.has(el.dataset.match)) el.remove();
  list.forEach((m, i) => {
    let el = section.querySelector(`[data-match="${CSS.escape(m.guid)}"]`);
    if (!el) { el = document.createElement('article'); el.dataset.match = m.guid; }
    if (el.dataset.offset !== String(m.lastOffset) || el.dataset.sort !== sortKey) {
      el.innerHTML = card(m);
      el.dataset.offset = m.lastOffset;
      el.dataset.sort = sortKey;
    }
    el.className = 'match ' + m.state;
    if (section.children[i] !== el) section.insertBefore(el, section.children[i] || null);
  });
  section.querySelector('.empty')?.toggleAttribute('hidden', list.length > 0);
  drawTicker();
}

function update(m) {
  const known = matches.get(m.guid);
  if (known && known.lastOffset > m.lastOffset) return;  // the stream was ahead of the initial load
  matches.set(m.guid, m);
  draw();
}

// A ticker line, or null: each goal once (its statfeed twins are left out), no frequent noise.
function describe(event, data) {
  const d = data || {};
  switch (event) {
    case 'GoalScored':
      return { goal: true, text: `GOAL ${d.Scorer?.Name ?? '?'}` + (d.Assister?.Name ? ` (assist ${d.Assister.Name})` : '') +
        (d.GoalSpeed ? ` · ${Math.round(d.GoalSpeed)} km/h` : '') };
    case 'StatfeedEvent': {
      const type = d.EventName ?? d.Type ?? 'stat';
      if (['Goal', 'OvertimeGoal', 'Assist'].includes(type)) return null;
      if (type === 'Demolish') return { text: `${d.MainTarget?.Name ?? '?'} demolished ${d.SecondaryTarget?.Name ?? 'a car'}` };
      return { text: `${d.MainTarget?.Name ?? '?'}: ${type}` };
    }
    case 'MatchEnded': return { text: 'Match ended' };
    case 'BallHit': case 'CrossbarHit': case 'ClockUpdatedSeconds': return null;
    default: return { text: event };
  }
}

function addTick(guid, item) {
  const line = describe(item.event, item.data);
  if (line) ticker.set(guid + '/' + item.offset, { guid, offset: item.offset, at: Date.parse(item.acceptedAt) || 0, ...line });
}

function drawTicker() {
  const keep = new Set(shown().map((m) => m.guid));
  const lines = [...ticker.values()].filter((l) => keep.has(l.guid)).sort((a, b) => b.at - a.at || b.offset - a.offset).slice(0, 50);
  $('ticker').innerHTML = lines.map((l) => `<li class="${l.goal ? 'goal' : ''}" data-match="${esc(l.guid)}" title="offset ${l.offset}">` +
    `<span class="which">${esc(label(matches.get(l.guid)) || l.guid)}</span> ${esc(l.text)}</li>`).join('');
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

// What the store holds: the matches shown, and the end of each one's timeline for the ticker.
async function load() {
  const guids = only ? [only] : (await getJson('/matches?limit=' + (single ? 50 : 12))).items
      .filter((s) => !sender || s.source === sender).map((s) => s.guid);
  for (const guid of guids) {
    try { update(await getJson('/matches/' + encodeURIComponent(guid))); } catch (e) { console.warn(e); }
  }
  for (const m of shown()) {
    const page = await getJson('/matches/' + encodeURIComponent(m.guid) + '/timeline?order=desc&limit=200');
    page.items.forEach((item) => addTick(m.guid, item));
  }
  draw();
}

function follow() {
  const source = new EventSource(withKey('/live' + (only ? '?match=' + encodeURIComponent(only) : '')));
  source.onopen = () => { $('connection').textContent = 'live'; $('connection').className = ''; };
  source.onerror = () => { $('connection').textContent = 'reconnecting…'; $('connection').className = 'down'; };
  source.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'match') update(message.data);
    else if (message.type === 'event') { addTick(message.match, message.data); drawTicker(); }
    else if (message.type === 'queue') queue(message.data);
  };
}

$('matches').addEventListener('click', (e) => {
  const th = e.target.closest('th[data-sort]');
  if (th) { sortKey = th.dataset.sort; draw(); }
});

follow();
load().catch((e) => console.error('loading matches failed', e));
