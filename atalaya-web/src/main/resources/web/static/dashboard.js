// The supervisor dashboard: live calls, agents, help and recordings, refreshed on every server
// event (SSE), with monitoring buttons per connected call.
"use strict";
const MODES = ["listen", "whisper", "barge", "take-over"];
let data = { calls: [], agents: [], help: [], sessions: [], recordings: [] };
let monitor = null; // { callId, audio: MonitorAudio, mode }
let pending = null;

function since(iso) {
  return iso ? fmtDuration((Date.now() - new Date(iso).getTime()) / 1000) : "";
}

async function load() {
  try {
    data = await api("/api/v1/dashboard");
    render();
  } catch (e) {
    console.warn(e);
  }
}

function refreshSoon() {
  if (pending) return;
  pending = setTimeout(() => { pending = null; load(); }, 200);
}

function button(action, label, callId) {
  const b = document.createElement("button");
  b.className = "act";
  b.dataset.action = action;
  b.textContent = t(label);
  b.addEventListener("click", () => onAction(action, callId));
  return b;
}

function render() {
  const calls = document.getElementById("calls");
  calls.replaceChildren(...data.calls.map(c => {
    const tr = document.createElement("tr");
    tr.dataset.callId = c.id;
    if (c.help) tr.classList.add("help-raised");
    const dur = cell(since(c.answeredAt || c.startedAt));
    dur.className = "duration";
    dur.dataset.since = c.answeredAt || c.startedAt;
    const monitors = c.monitors.map(m => m.supervisor + ": " + t(m.mode)).join(", ");
    const mine = cell(monitor && monitor.callId === c.id ? (monitor.mode || "…") : "—");
    mine.className = "monitor-state";
    const actions = document.createElement("td");
    if (c.state === "CONNECTED" || c.state === "ON_HOLD") {
      MODES.forEach(m => {
        const b = button(m, "act." + m, c.id);
        if (monitor && monitor.callId === c.id && monitor.mode === m.toUpperCase().replace("-", "_")) b.classList.add("on");
        actions.append(b);
      });
      actions.append(button("call-me", "act.call-me", c.id));
      if (monitor && monitor.callId === c.id) actions.append(button("stop", "act.stop", c.id));
    }
    tr.append(dur, cell(c.fromName ? c.fromName + " <" + c.fromNumber + ">" : c.fromNumber), cell(c.queue),
      cell(c.agentExtension), cell(t(c.state) + (c.help ? " ⚑ " + t("dash.asksHelp") : "")), cell(monitors), mine, actions);
    return tr;
  }));
  document.getElementById("calls-empty").hidden = data.calls.length > 0;

  document.getElementById("agents").replaceChildren(...data.agents.map(a => {
    const tr = document.createElement("tr");
    tr.dataset.extension = a.extension;
    const s = cell(since(a.since));
    s.className = "duration";
    s.dataset.since = a.since || "";
    tr.append(cell(a.extension), cell(a.name), cell(t(a.state)), s);
    return tr;
  }));

  document.getElementById("help").replaceChildren(...data.help.map(h => {
    const li = document.createElement("li");
    li.dataset.callId = h.callId;
    li.textContent = h.agentExtension + " " + t("dash.asksHelp") + " (" + fmtDate(h.raisedAt) + ", " + h.via + ") ";
    const ack = document.createElement("button");
    ack.textContent = t("dash.ack");
    ack.addEventListener("click", async () => {
      await fetch("/api/v1/help/" + encodeURIComponent(h.callId), { method: "DELETE" });
      refreshSoon();
    });
    li.append(ack);
    return li;
  }));
  document.getElementById("help-empty").hidden = data.help.length > 0;

  document.getElementById("recent").replaceChildren(...data.recordings.map(r => {
    const tr = document.createElement("tr");
    tr.dataset.recordingId = r.id;
    const play = document.createElement("td");
    const b = document.createElement("button");
    b.textContent = t("act.play");
    b.addEventListener("click", () => {
      const player = document.getElementById("player");
      player.hidden = false;
      player.src = "/api/v1/recordings/" + encodeURIComponent(r.id) + "/audio";
      player.play().catch(() => {});
    });
    play.append(b);
    tr.append(cell(fmtDate(r.startedAt)), cell(r.fromNumber), cell(r.agentExtension), cell(fmtDuration(r.durationMs / 1000)), play);
    return tr;
  }));
  status();
}

function status(text) {
  const el = document.getElementById("monitor-status");
  if (text) {
    el.textContent = text;
  } else if (monitor && monitor.mode) {
    const c = data.calls.find(x => x.id === monitor.callId);
    el.textContent = t("monitor.on") + " " + (c ? c.fromNumber : monitor.callId) + " (" + monitor.mode + ")";
  } else {
    el.textContent = t("monitor.idle");
  }
}

function error(text) {
  const el = document.getElementById("monitor-error");
  el.textContent = text || "";
  el.hidden = !text;
}

async function onAction(action, callId) {
  error("");
  if (action === "stop") {
    if (monitor) monitor.audio.stop();
    return;
  }
  if (action === "call-me") {
    const res = await fetch("/api/v1/calls/" + encodeURIComponent(callId) + "/monitor", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mode: "listen", via: "phone" })
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok) status(t("monitor.callMe")); else error(t("monitor.failed") + ": " + (body.message || res.status));
    return;
  }
  if (monitor && monitor.callId === callId) {
    await monitor.audio.switchTo(action);
    return;
  }
  if (monitor) monitor.audio.stop();
  const m = { callId: callId, mode: null };
  m.audio = new MonitorAudio(callId, action, {
    onSession: (msg) => { m.mode = msg.mode; render(); },
    onEnded: () => { if (monitor === m) { monitor = null; render(); status(t("monitor.ended")); } },
    onError: (text) => error(text)
  });
  monitor = m;
  try {
    await m.audio.start();
  } catch (e) {
    error(t("monitor.failed") + ": " + e.message);
    monitor = null;
  }
  render();
}

function tick() {
  document.querySelectorAll("td.duration").forEach(td => {
    if (td.dataset.since) td.textContent = since(td.dataset.since);
  });
}

function subscribe() {
  const es = new EventSource("/api/v1/events");
  let poll = null;
  ["calls", "agents", "help", "monitor"].forEach(type => es.addEventListener(type, refreshSoon));
  es.onopen = () => { if (poll) { clearInterval(poll); poll = null; } refreshSoon(); };
  es.onerror = () => { if (!poll) poll = setInterval(load, 3000); };
}

document.addEventListener("DOMContentLoaded", () => {
  load();
  subscribe();
  setInterval(tick, 1000);
});
