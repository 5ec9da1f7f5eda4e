// The wall screen: today's figures per queue against the SLA target, live waiting calls and agent
// states, and SLA alerts as they arrive. Live data comes from GET /api/v1/dashboard and the SSE
// stream only; fields a server does not send yet (per-queue waiting counts) are worked out from
// the live calls, or left out.
"use strict";
const WB = { kpis: null, total: null, sla: [], live: null, liveDenied: false };
const AMBER_POINTS = 5; // this far below the target is amber, further is red
let wbPending = null;
let wbPoll = null;

function wbZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

function wbNumber(v, decimals) {
  return v == null ? "—" : v.toLocaleString(LANG === "es" ? "es-ES" : "en-GB", { maximumFractionDigits: decimals });
}

async function loadFigures() {
  const zone = wbZone();
  const today = new Date().toLocaleDateString("en-CA", { timeZone: zone });
  const q = "from=" + today + "&to=" + today + "&zone=" + encodeURIComponent(zone);
  try {
    const [byQueue, total] = await Promise.all([api("/api/v1/kpis?by=queue&" + q), api("/api/v1/kpis?" + q)]);
    WB.kpis = byQueue.rows;
    WB.total = total.rows[0];
  } catch (e) { console.warn(e); }
  try {
    WB.sla = (await api("/api/v1/sla/status")).items;
  } catch (e) { WB.sla = []; }
  render();
}

async function loadLive() {
  const res = await fetch("/api/v1/dashboard", { headers: { "Accept": "application/json" } }).catch(() => null);
  if (res && res.status === 401) { window.location.assign("/login"); return; }
  WB.liveDenied = !res || !res.ok;
  WB.live = WB.liveDenied ? null : await res.json();
  render();
}

function refreshLiveSoon() {
  if (wbPending) clearTimeout(wbPending);
  wbPending = setTimeout(() => { wbPending = null; loadLive(); }, 250);
}

// Per queue: waiting calls and the longest current wait, from the dashboard's per-queue rows
// (oldestWaitingSince), else from the live calls still QUEUED.
function liveQueues() {
  const out = {};
  if (!WB.live) return out;
  if (Array.isArray(WB.live.queues)) {
    for (const q of WB.live.queues) {
      const since = q.oldestWaitingSince ? Date.parse(q.oldestWaitingSince) : NaN;
      out[q.name] = { waiting: q.waiting, longest: Number.isNaN(since) ? 0 : Math.max(0, (Date.now() - since) / 1000) };
    }
    return out;
  }
  const now = Date.now();
  for (const c of WB.live.calls || []) {
    if (c.state !== "QUEUED") continue;
    const q = out[c.queue] || (out[c.queue] = { waiting: 0, longest: 0 });
    q.waiting++;
    q.longest = Math.max(q.longest, (now - new Date(c.startedAt).getTime()) / 1000);
  }
  return out;
}

// The service-level target that applies to a queue: its own SLA, else the all-queues one.
function slTarget(queue) {
  const sl = WB.sla.map(s => s.definition).filter(d => d.metric === "serviceLevel");
  const own = sl.find(d => d.queue === queue) || sl.find(d => !d.queue);
  return own ? own.target : null;
}

function slCell(value, target) {
  const td = cell(value == null ? "—" : wbNumber(value, 1) + "\u00a0%");
  td.dataset.col = "sl";
  if (value != null && target != null) {
    td.className = value >= target ? "sl-green" : value >= target - AMBER_POINTS ? "sl-amber" : "sl-red";
    td.title = t("wb.target") + " " + wbNumber(target, 1) + " %";
  }
  return td;
}

function queueRow(name, label, f, live, extraClass) {
  const tr = document.createElement("tr");
  tr.dataset.queue = name;
  if (extraClass) tr.className = extraClass;
  const cells = [cell(label), cell(f ? f.offered : 0), cell(f ? f.answered : 0), cell(f ? f.abandoned : 0),
    slCell(f ? f.serviceLevelPercent : null, slTarget(extraClass ? null : name)),
    cell(f && f.asaSeconds != null ? wbNumber(f.asaSeconds, 0) + "\u00a0s" : "—"),
    cell(live && live.waiting != null ? live.waiting : "—"),
    cell(live && live.longest ? fmtDuration(live.longest) : "—")];
  ["name", "offered", "answered", "abandoned", "sl", "asa", "waiting", "longest"].forEach((c, i) => { cells[i].dataset.col = c; });
  tr.append(...cells);
  return tr;
}

function render() {
  const live = liveQueues();
  const names = new Set([...(WB.kpis || []).map(r => r.key), ...Object.keys(live)]);
  const rows = [...names].sort().map(name => {
    const row = (WB.kpis || []).find(r => r.key === name);
    return queueRow(name, name, row && row.figures, live[name]);
  });
  const allLive = Object.values(live);
  const waiting = WB.live ? allLive.reduce((n, q) => n + (q.waiting || 0), 0) : null;
  const longest = WB.live ? allLive.reduce((m, q) => Math.max(m, q.longest || 0), 0) : null;
  if (WB.total) {
    rows.push(queueRow("*", t("wb.all"), WB.total.figures, { waiting, longest }, "total"));
  }
  document.getElementById("wb-queues").replaceChildren(...rows);
  document.getElementById("wb-empty").hidden = names.size > 0;
  document.getElementById("wb-waiting").textContent = waiting == null ? "—" : waiting;
  document.getElementById("wb-longest").textContent = longest ? fmtDuration(longest) : "—";
  document.getElementById("wb-live-off").hidden = !WB.liveDenied;
  renderAgents();
  renderSla();
}

function renderAgents() {
  const counts = {};
  for (const a of (WB.live && WB.live.agents) || []) counts[a.state] = (counts[a.state] || 0) + 1;
  document.getElementById("wb-agents").replaceChildren(...Object.keys(counts).sort().map(state => {
    const span = document.createElement("span");
    span.className = "agent-count state-" + state.toLowerCase();
    span.dataset.state = state;
    span.textContent = t(state) + " " + counts[state] + " ";
    return span;
  }));
}

function renderSla() {
  document.getElementById("wb-sla").replaceChildren(...WB.sla.map(s => {
    const span = document.createElement("span");
    span.dataset.sla = s.definition.id;
    span.textContent = s.definition.name + ": " + t("sla.now") + " " + t("sla." + s.current.state) + " · "
      + t("sla.last") + " " + t("sla." + s.last.state);
    return span;
  }));
}

function showAlert(type, data) {
  const a = JSON.parse(data).alert;
  if (!a) return;
  const li = document.createElement("li");
  li.className = type;
  const unit = { serviceLevel: "\u00a0%", abandonRate: "\u00a0%", fcr: "\u00a0%", asa: "\u00a0s", aht: "\u00a0s" }[a.definition.metric] || "";
  const from = new Date(a.periodStart).toLocaleTimeString(LANG === "es" ? "es-ES" : "en-GB", { hour: "2-digit", minute: "2-digit" });
  const to = new Date(a.periodEnd).toLocaleTimeString(LANG === "es" ? "es-ES" : "en-GB", { hour: "2-digit", minute: "2-digit" });
  li.textContent = (type === "sla-breach" ? t("wb.breach") : t("wb.atRisk")) + ": " + a.definition.name + " — "
    + wbNumber(a.actual, 1) + unit + " (" + t("wb.target") + " " + wbNumber(a.definition.target, 1) + unit + "), "
    + t("wb.period") + " " + from + "–" + to;
  const list = document.getElementById("wb-alerts");
  list.prepend(li);
  while (list.children.length > 5) list.lastChild.remove();
  loadFigures();
}

function subscribe() {
  const es = new EventSource("/api/v1/events");
  ["calls", "agents"].forEach(type => es.addEventListener(type, refreshLiveSoon));
  ["sla-breach", "sla-at-risk"].forEach(type => es.addEventListener(type, ev => showAlert(type, ev.data)));
  es.onopen = () => {
    if (wbPoll) { clearInterval(wbPoll); wbPoll = null; }
    document.body.classList.remove("offline");
    document.body.dataset.live = "open"; // tests wait for it before they push an event
    refreshLiveSoon();
  };
  es.onerror = () => {
    document.body.classList.add("offline");
    document.body.dataset.live = "down";
    if (!wbPoll) wbPoll = setInterval(loadLive, 5000);
  };
}

document.addEventListener("DOMContentLoaded", () => {
  const tickClock = () => {
    document.getElementById("clock").textContent = new Date().toLocaleTimeString(LANG === "es" ? "es-ES" : "en-GB");
  };
  tickClock();
  setInterval(tickClock, 1000);
  loadFigures();
  loadLive();
  subscribe();
  setInterval(loadFigures, 30000);
  setInterval(loadLive, 15000); // the server drops events for a client that falls behind
  setInterval(render, 1000);    // the longest wait keeps growing between events
});
