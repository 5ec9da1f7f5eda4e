// The agent's view: the own live call(s), a "need help" button and a discreet notice while a
// supervisor whispers, barges in or takes over (never while only listening). Live over SSE
// (notice, help and the own calls' events), polling every 3 s while the stream is down.
"use strict";
let helpRaised = false;
let calls = [];
let notice = null;   // { callId, mode } shown in #notice
let pending = null;
let poll = null;
let isAgent = true;

function onCall() {
  return calls.some(c => c.state === "CONNECTED" || c.state === "ON_HOLD");
}

async function load() {
  try {
    calls = await api("/api/v1/calls/active");
  } catch (e) {
    console.warn(e);
    return;
  }
  document.getElementById("mycalls").replaceChildren(...calls.map(c => {
    const tr = document.createElement("tr");
    tr.dataset.callId = c.id;
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
    tr.append(dur, cell(c.fromName ? c.fromName + " <" + c.from + ">" : c.from), cell(c.queue), state);
    return tr;
  }));
  document.getElementById("mycalls-empty").hidden = calls.length > 0;
  // The server may say whether help is raised on the call; otherwise the page keeps its own idea.
  const withHelp = calls.find(c => typeof c.help === "boolean");
  if (withHelp) helpRaised = calls.some(c => c.help === true);
  if (!onCall()) helpRaised = false;
  if (notice && !calls.some(c => c.id === notice.callId)) showNotice(null); // that call is over
  renderHelp();
  renderSensitive();
}

function loadSoon() {
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => { pending = null; load(); }, 200);
}

function since(iso) {
  return iso ? fmtDuration((Date.now() - new Date(iso).getTime()) / 1000) : "";
}

function renderHelp(message) {
  const help = document.getElementById("help");
  help.disabled = !isAgent || !onCall();
  help.textContent = t(helpRaised ? "agent.helpCancel" : "agent.help");
  help.classList.toggle("raised", helpRaised);
  help.setAttribute("aria-pressed", helpRaised ? "true" : "false");
  const st = document.getElementById("help-status");
  if (message !== undefined) {
    st.textContent = message;
  } else {
    st.textContent = !isAgent ? t("agent.notAgent") : helpRaised ? t("agent.helpSent") : "";
  }
  st.classList.toggle("error", message !== undefined && message !== "");
}

async function toggleHelp() {
  const help = document.getElementById("help");
  help.disabled = true;
  const want = !helpRaised;
  try {
    const res = await fetch("/api/v1/help", {
      method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ raised: want })
    });
    if (res.status === 401) { window.location.assign("/login"); return; }
    if (res.ok) {
      helpRaised = want;
      renderHelp();
    } else {
      const body = await res.json().catch(() => ({}));
      renderHelp(t("agent.helpFailed") + (body.message ? ": " + body.message : " (" + res.status + ")"));
    }
  } catch (e) {
    renderHelp(t("agent.helpFailed"));
  }
  loadSoon();
}

/** The call the agent is talking on, if any. */
function currentCall() {
  return calls.find(c => c.state === "CONNECTED" || c.state === "ON_HOLD");
}

function renderSensitive(message) {
  const btn = document.getElementById("sensitive");
  const call = currentCall();
  const on = !!(call && call.sensitive);
  btn.disabled = !isAgent || !call;
  btn.textContent = t(on ? "sensitive.resume" : "sensitive.pause");
  btn.classList.toggle("raised", on);
  btn.setAttribute("aria-pressed", on ? "true" : "false");
  const st = document.getElementById("sensitive-status");
  st.textContent = message !== undefined ? message : on ? t("sensitive.badge") : t("sensitive.hint");
  st.classList.toggle("error", message !== undefined && message !== "");
}

/** The card-data switch: pauses (or resumes) the recording and the live monitor of the call. */
async function toggleSensitive() {
  const call = currentCall();
  if (!call) return;
  const btn = document.getElementById("sensitive");
  btn.disabled = true;
  try {
    const headers = { "Content-Type": "application/json", "Accept": "application/json" };
    const res = await fetch("/api/v1/calls/" + encodeURIComponent(call.id) + "/sensitive", {
      method: "POST", headers, body: JSON.stringify({ on: !call.sensitive })
    });
    if (res.status === 401) { window.location.assign("/login"); return; }
    if (res.ok) {
      const body = await res.json();
      call.sensitive = !!body.sensitive;
      renderSensitive();
    } else {
      const body = await res.json().catch(() => ({}));
      renderSensitive(t("sensitive.failed") + (body.message ? ": " + body.message : " (" + res.status + ")"));
    }
  } catch (e) {
    renderSensitive(t("sensitive.failed"));
  }
  loadSoon();
}

/** Shows the notice for a supervisor speaking on the call, or hides it (null, LISTEN, ENDED). */
function showNotice(n) {
  const el = document.getElementById("notice");
  if (!n || n.mode === "ENDED" || n.mode === "LISTEN" || !I18N.en["notice." + n.mode]) {
    notice = null;
    el.hidden = true;
    el.textContent = "";
    delete el.dataset.mode;
    return;
  }
  notice = n;
  el.textContent = t("notice." + n.mode);
  el.dataset.mode = n.mode;
  el.dataset.callId = n.callId || "";
  el.hidden = false;
}

function onNotice(e) {
  let n;
  try { n = JSON.parse(e.data); } catch (err) { return; }
  if ((n.mode === "ENDED" || n.mode === "LISTEN") && notice && n.callId && notice.callId !== n.callId) {
    return; // about another call than the one the notice is about
  }
  showNotice(n);
}

function onHelp(e) {
  let h;
  try { h = JSON.parse(e.data); } catch (err) { return; }
  helpRaised = !!h.raised;
  renderHelp();
  loadSoon();
}

function subscribe() {
  const es = new EventSource("/api/v1/events");
  es.addEventListener("notice", onNotice);
  es.addEventListener("help", onHelp);
  es.addEventListener("calls", loadSoon);
  es.onopen = () => {
    if (poll) { clearInterval(poll); poll = null; }
    loadSoon();
  };
  es.onerror = () => {
    if (!poll) poll = setInterval(load, 3000);
  };
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("help").addEventListener("click", toggleHelp);
  document.getElementById("sensitive").addEventListener("click", toggleSensitive);
  load();
  subscribe();
  setInterval(() => {
    document.querySelectorAll("td.duration").forEach(td => {
      if (td.dataset.since) td.textContent = since(td.dataset.since);
    });
  }, 1000);
  setInterval(load, 15000); // a safety net: the server drops events for a client that falls behind
  api("/api/v1/session").then(s => { isAgent = s.role === "agent"; renderHelp(); renderSensitive(); }).catch(() => {});
});
