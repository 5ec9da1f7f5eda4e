// The supervisor dashboard: live calls, agents, help requests and the latest recordings. It reads
// GET /api/v1/dashboard, then again after every server event (SSE, debounced), and polls every
// 3 s while the event stream is down. Each connected call has monitoring buttons; the browser's
// own session runs over a WebSocket (monitor-audio.js).
"use strict";
const MODES = ["listen", "whisper", "barge", "take-over"];
let data = { calls: [], agents: [], help: [], sessions: [], recordings: [] };
let monitor = null;   // this page's session: { callId, audio: MonitorAudio, mode: "LISTEN" | ... | null }
let me = null;        // { login, role }
let pending = null;
let poll = null;

function since(iso) {
  return iso ? fmtDuration((Date.now() - new Date(iso).getTime()) / 1000) : "";
}

/** A pause reason's label: the translation of the built-in codes, else the tenant's own code. */
function pauseLabel(reason) {
  const key = "pause." + reason;
  return t(key) === key ? reason : t(key);
}

function modeKey(action) {
  return action.toUpperCase().replace("-", "_");
}

async function load() {
  try {
    const res = await fetch("/api/v1/dashboard", { headers: { "Accept": "application/json" } });
    if (res.status === 401) { window.location.assign("/login"); return; }
    if (res.status === 403) { pageError(t("dash.forbidden")); return; }
    if (!res.ok) throw new Error("/api/v1/dashboard answered " + res.status);
    data = await res.json();
    pageError("");
    render();
  } catch (e) {
    console.warn(e);
  }
}

function refreshSoon() {
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => { pending = null; load(); }, 200);
}

function button(action, label, callId, extraClass) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "act" + (extraClass ? " " + extraClass : "");
  b.dataset.action = action;
  b.textContent = t(label);
  b.addEventListener("click", () => onAction(action, callId));
  return b;
}

/** The own session on a call that did not start in this page (e.g. "Call me"): it can be stopped here. */
function ownOtherSession(c) {
  return me ? (c.monitors || []).find(m => m.supervisor === me.login && m.via !== "BROWSER") : undefined;
}

/**
 * Callers the node turned away (503) since it started, and why: a refused caller never reaches a
 * queue, so no other figure on the page shows them.
 */
function renderRefused() {
  const box = document.getElementById("refused");
  const a = data.admission;
  box.hidden = !a || a.refused === 0;
  if (box.hidden) return;
  const reasons = Object.entries(a.byReason).filter(([, n]) => n > 0)
    .map(([reason, n]) => t("dash.refused." + reason) + ": " + n);
  const time = new Date(a.lastRefusedAt).toLocaleTimeString(document.documentElement.lang || undefined);
  box.textContent = t("dash.refused").replace("{n}", a.refused).replace("{time}", time)
    + " (" + reasons.join(", ") + ")";
}

/**
 * SIP password guessing the node stopped (a toll-fraud scan): how many addresses were blocked, and
 * the last one, so a supervisor learns of it without reading logs.
 */
function renderGuessing() {
  const box = document.getElementById("guessing");
  const g = data.guessing;
  box.hidden = !g || (g.blocks === 0 && g.protections === 0);
  if (box.hidden) return;
  const time = new Date(g.lastUntil).toLocaleTimeString(document.documentElement.lang || undefined);
  box.textContent = t("dash.guessing").replace("{blocks}", g.blocks).replace("{now}", g.blockedNow)
    .replace("{source}", g.lastSource).replace("{account}", g.lastAccount).replace("{time}", time);
}

function render() {
  renderRefused();
  renderGuessing();
  const calls = document.getElementById("calls");
  calls.replaceChildren(...data.calls.map(c => {
    const mine = monitor && monitor.callId === c.id;
    const tr = document.createElement("tr");
    tr.dataset.callId = c.id;
    if (c.help) tr.classList.add("help-raised");

    const dur = cell(since(c.answeredAt || c.startedAt));
    dur.className = "duration";
    dur.dataset.since = c.answeredAt || c.startedAt || "";
    dur.title = fmtDate(c.startedAt);

    const state = cell(t(c.state));
    if (c.sensitive) {
      const badge = document.createElement("span");
      badge.className = "badge sensitive";
      badge.textContent = t("sensitive.badge");
      state.append(" ", badge);
    }
    if (c.help) {
      const flag = document.createElement("span");
      flag.className = "help-flag";
      flag.textContent = "⚑ " + t("dash.asksHelp");
      state.append(" ", flag);
    }

    const monitors = cell((c.monitors || []).map(m =>
      m.supervisor + ": " + t(m.mode) + (m.via === "PHONE" ? " (" + t("dash.phone") + ")" : "")).join(", "));
    monitors.className = "monitors";

    const own = cell(mine ? (monitor.mode || "…") : "—");
    own.className = "monitor-state";

    const actions = document.createElement("td");
    actions.className = "actions";
    const other = ownOtherSession(c);
    if (c.state === "CONNECTED" || mine || other) {
      if (c.state === "CONNECTED") {
        MODES.forEach(m => {
          const b = button(m, "act." + m, c.id);
          const on = mine && monitor.mode === modeKey(m);
          b.classList.toggle("on", on);
          b.setAttribute("aria-pressed", on ? "true" : "false");
          actions.append(b);
        });
        actions.append(button("call-me", "act.call-me", c.id));
      }
      const stop = button("stop", "act.stop", c.id, "stop");
      stop.disabled = !mine && !other;
      actions.append(stop);
    }

    tr.append(dur, cell(c.fromName ? c.fromName + " <" + c.fromNumber + ">" : c.fromNumber), cell(c.queue),
      cell(c.agentExtension), state, monitors, own, actions);
    return tr;
  }));
  document.getElementById("calls-empty").hidden = data.calls.length > 0;

  document.getElementById("agents").replaceChildren(...data.agents.map(a => {
    const tr = document.createElement("tr");
    tr.dataset.extension = a.extension;
    tr.dataset.state = a.state;
    const s = cell(since(a.since));
    s.className = "duration";
    s.dataset.since = a.since || "";
    s.title = fmtDate(a.since);
    const state = cell(t(a.state) + (a.state === "PAUSED" && a.pauseReason ? " · " + pauseLabel(a.pauseReason) : ""));
    state.className = "agent-state state-" + String(a.state).toLowerCase();
    tr.append(cell(a.extension), cell(a.name), state, s);
    return tr;
  }));
  document.getElementById("agents-empty").hidden = data.agents.length > 0;

  document.getElementById("help").replaceChildren(...data.help.map(h => {
    const li = document.createElement("li");
    li.dataset.callId = h.callId;
    const call = data.calls.find(c => c.id === h.callId);
    li.textContent = "⚑ " + h.agentExtension + " " + t("dash.asksHelp")
      + (call ? " — " + call.fromNumber : "") + " (" + fmtDate(h.raisedAt) + ", " + t("via." + h.via) + ") ";
    const ack = document.createElement("button");
    ack.type = "button";
    ack.className = "act";
    ack.dataset.action = "ack";
    ack.textContent = t("dash.ack");
    ack.addEventListener("click", () => acknowledge(h.callId, ack));
    li.append(ack);
    return li;
  }));
  document.getElementById("help-empty").hidden = data.help.length > 0;

  document.getElementById("recent").replaceChildren(...data.recordings.map(r => {
    const tr = document.createElement("tr");
    tr.dataset.recordingId = r.id;
    const play = document.createElement("td");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "act";
    b.dataset.action = "play";
    b.textContent = t("act.play");
    b.addEventListener("click", () => playRecording(r.id));
    play.append(b);
    tr.append(cell(fmtDate(r.startedAt)), cell(r.fromNumber), cell(r.agentExtension), cell(fmtDuration(r.durationMs / 1000)), play);
    return tr;
  }));
  document.getElementById("recent-empty").hidden = data.recordings.length > 0;
  showStatus();
}

function playRecording(id) {
  const player = document.getElementById("player");
  player.hidden = false;
  player.dataset.recordingId = id;
  player.src = "/api/v1/recordings/" + encodeURIComponent(id) + "/audio";
  player.play().catch(() => {});
}

async function acknowledge(callId, b) {
  b.disabled = true;
  const res = await fetch("/api/v1/help/" + encodeURIComponent(callId), { method: "DELETE" });
  if (!res.ok && res.status !== 404) {
    error(t("dash.ackFailed") + " (" + res.status + ")");
    b.disabled = false;
  }
  refreshSoon();
}

/** #monitor-status: this page's session ("Monitoring call from 600111222 (LISTEN)") or a message. */
function showStatus(text) {
  const el = document.getElementById("monitor-status");
  if (text) {
    el.textContent = text;
    el.dataset.transient = "1";
  } else if (monitor) {
    const c = data.calls.find(x => x.id === monitor.callId);
    const who = c ? c.fromNumber : monitor.callId;
    el.textContent = monitor.mode ? t("monitor.on") + " " + who + " (" + monitor.mode + ")" : t("monitor.connecting") + " " + who;
    delete el.dataset.transient;
  } else if (!el.dataset.transient) {
    el.textContent = t("monitor.idle");
  }
  el.classList.toggle("active", !!monitor);
  el.dataset.mode = monitor && monitor.mode ? monitor.mode : "";
}

function error(text) {
  const el = document.getElementById("monitor-error");
  el.textContent = text || "";
  el.hidden = !text;
}

function pageError(text) {
  const el = document.getElementById("page-error");
  el.textContent = text || "";
  el.hidden = !text;
}

async function onAction(action, callId) {
  error("");
  if (action === "stop") return stopOn(callId);
  if (action === "call-me") return callMe(callId);
  if (monitor && monitor.callId === callId) {
    // The same session changes mode over its socket; no reconnection.
    await monitor.audio.switchTo(action);
    return;
  }
  if (monitor) monitor.audio.stop();
  const m = { callId: callId, mode: null };
  m.audio = new MonitorAudio(callId, action, {
    onSession: (msg) => { m.mode = msg.mode; if (monitor === m) render(); },
    onEnded: () => {
      if (monitor !== m) return;
      monitor = null;
      render();
      showStatus(t("monitor.ended"));
      refreshSoon();
    },
    onError: (text) => error(text)
  });
  monitor = m;
  delete document.getElementById("monitor-status").dataset.transient;
  const started = m.audio.start(); // creates the AudioContext now, inside the click
  render();
  try {
    await started;
  } catch (e) {
    console.warn(e);
    error(t("monitor.failed") + ": " + e.message);
  }
}

async function stopOn(callId) {
  if (monitor && monitor.callId === callId) {
    monitor.audio.stop();
    return;
  }
  const c = data.calls.find(x => x.id === callId);
  const other = c && ownOtherSession(c);
  if (!other) return;
  const res = await fetch("/api/v1/monitor/sessions/" + encodeURIComponent(other.sessionId), { method: "DELETE" });
  if (!res.ok && res.status !== 404) error(t("monitor.stopFailed") + " (" + res.status + ")");
  refreshSoon();
}

async function callMe(callId) {
  showStatus(t("monitor.calling"));
  try {
    const res = await fetch("/api/v1/calls/" + encodeURIComponent(callId) + "/monitor", {
      method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ mode: "listen", via: "phone" })
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok) {
      showStatus(t("monitor.callMe"));
    } else {
      showStatus(t("monitor.idle"));
      error(t("monitor.failed") + ": " + (body.message || body.title || res.status));
    }
  } catch (e) {
    error(t("monitor.failed") + ": " + e.message);
  }
  refreshSoon();
}

function tick() {
  document.querySelectorAll("td.duration").forEach(td => {
    if (td.dataset.since) td.textContent = since(td.dataset.since);
  });
}

function subscribe() {
  const es = new EventSource("/api/v1/events");
  ["calls", "agents", "help", "monitor"].forEach(type => es.addEventListener(type, refreshSoon));
  es.onopen = () => {
    if (poll) { clearInterval(poll); poll = null; }
    document.body.classList.remove("offline");
    refreshSoon(); // whatever happened while the stream was down
  };
  es.onerror = () => {
    document.body.classList.add("offline");
    if (!poll) poll = setInterval(load, 3000);
  };
}

document.addEventListener("DOMContentLoaded", () => {
  load();
  subscribe();
  setInterval(tick, 1000);
  setInterval(load, 15000); // a safety net: the server drops events for a client that falls behind
  api("/api/v1/session").then(s => { me = s; render(); }).catch(() => {});
  window.addEventListener("pagehide", () => { if (monitor) monitor.audio.stop(); });
});
