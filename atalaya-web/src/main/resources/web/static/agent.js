// The agent's view: the own live call(s), a "need help" button, transfer (blind or attended) and
// escalation of the current call, and a discreet notice while a supervisor whispers, barges in or
// takes over (never while only listening). Live over SSE (notice, help and the own calls'
// events), polling every 3 s while the stream is down.
"use strict";
let helpRaised = false;
let calls = [];
let notice = null;   // { callId, mode } shown in #notice
let pending = null;
let poll = null;
let isAgent = true;
let handoverBusy = false; // a transfer or escalation request is on its way
let loads = 0;            // numbers each load(); an answer to an older one is stale and dropped
// The last outcome of each action, kept across reloads until the agent is on another call.
let transferNote = { text: "", error: false, callId: null };
let escalateNote = { text: "", error: false, callId: null };

function onCall() {
  return calls.some(c => c.state === "CONNECTED" || c.state === "ON_HOLD");
}

async function load() {
  const n = ++loads;
  let list;
  try {
    list = await api("/api/v1/calls/active");
  } catch (e) {
    console.warn(e);
    return;
  }
  if (n !== loads) return; // a newer load, or a transfer action since, has the last word
  calls = list;
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
  renderHandover();
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

/** The call the agent can transfer or escalate: talking, on hold, or consulting another agent. */
function handoverCall() {
  return calls.find(c => c.state === "CONNECTED" || c.state === "ON_HOLD" || c.state === "TRANSFERRING");
}

/** t() with {name} placeholders filled from vars (plain text: shown with textContent only). */
function tf(key, vars) {
  return t(key).replace(/\{(\w+)\}/g, (m, k) => (vars[k] == null ? m : String(vars[k])));
}

/** A note for one action's status line; consulting: true while it describes a consultation. */
function note(callId, text, error, consulting) {
  return { text, error: !!error, callId, consulting: !!consulting };
}

function failure(key, err) {
  return t(key) + ": " + err.message;
}

function showNote(id, n) {
  const el = document.getElementById(id);
  el.textContent = n.text;
  el.classList.toggle("error", n.error);
}

/**
 * The transfer and escalate controls follow the current call: the target, mode and Transfer
 * while talking or on hold; Complete and Cancel instead while consulting (TRANSFERRING);
 * everything disabled with no call or while a request is on its way.
 */
function renderHandover() {
  const call = handoverCall();
  if (call) {
    if (transferNote.callId && transferNote.callId !== call.id) transferNote = note(null, "", false);
    if (escalateNote.callId && escalateNote.callId !== call.id) escalateNote = note(null, "", false);
  }
  const consulting = !!call && call.state === "TRANSFERRING";
  const usable = isAgent && !!call && !handoverBusy;
  document.getElementById("transfer-to").disabled = !usable || consulting;
  document.querySelectorAll("#transfer-mode input").forEach(r => { r.disabled = !usable || consulting; });
  const start = document.getElementById("transfer-start");
  start.disabled = !usable || consulting;
  start.hidden = consulting;
  document.getElementById("transfer-consult").hidden = !consulting;
  document.getElementById("transfer-complete").disabled = !usable || !consulting;
  document.getElementById("transfer-cancel").disabled = !usable || !consulting;
  document.getElementById("escalate-reason").disabled = !usable || consulting;
  document.getElementById("escalate").disabled = !usable || consulting;
  showNote("transfer-status", consultOver(call) ? note(null, call ? t("transfer.backWithYou") : "", false)
    : transferNote);
  showNote("escalate-status", escalateNote);
}

/**
 * The consultation this page started has ended by itself (no answer, the other agent hung up or
 * refused; or the call ended): the consulting note no longer holds.
 */
function consultOver(call) {
  if (!transferNote.consulting) return false;
  return !call || call.id !== transferNote.callId || call.state !== "TRANSFERRING";
}

/** POST or DELETE on the call's transfer API: the JSON answer, or an Error with the server's message. */
async function callAction(method, path, body) {
  const headers = { "Accept": "application/json" };
  const init = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (res.status === 401) {
    window.location.assign("/login");
    throw new Error(t("agent.loggedOut"));
  }
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.message || "HTTP " + res.status);
  return answer;
}

/** Runs one transfer or escalate request with the controls disabled, then reloads the calls. */
async function handover(run) {
  if (handoverBusy) return;
  handoverBusy = true;
  renderHandover();
  try {
    await run();
  } finally {
    handoverBusy = false;
    loads++; // a list asked for before the answer may show the call as it was
    renderHandover();
    loadSoon();
  }
}

/** The answer's state into the page's copy of the call; gone from the list once another agent has it. */
function applyAnswer(call, answer) {
  if (answer.agentExtension && answer.agentExtension !== call.agent) {
    calls = calls.filter(c => c.id !== call.id);
  } else if (answer.state) {
    call.state = answer.state;
  }
}

function callPath(call, suffix) {
  return "/api/v1/calls/" + encodeURIComponent(call.id) + suffix;
}

/** Transfer: blind hands the caller on now; attended puts the caller on music while the agent consults. */
function startTransfer(e) {
  e.preventDefault();
  const call = handoverCall();
  if (!call || call.state === "TRANSFERRING") return;
  const to = document.getElementById("transfer-to").value.trim();
  const checked = document.querySelector("#transfer-mode input:checked");
  const mode = checked ? checked.value : "blind";
  if (!to) {
    transferNote = note(call.id, t("transfer.needTarget"), true);
    renderHandover();
    document.getElementById("transfer-to").focus();
    return;
  }
  handover(async () => {
    try {
      const answer = await callAction("POST", callPath(call, "/transfer"), { to, mode });
      const attended = mode === "attended";
      transferNote = note(call.id, tf(attended ? "transfer.consulting" : "transfer.done", { to }), false, attended);
      if (attended) {
        call.state = answer.state || "TRANSFERRING";
      } else {
        calls = calls.filter(c => c.id !== call.id);
        document.getElementById("transfer-to").value = "";
      }
    } catch (err) {
      transferNote = note(call.id, failure("transfer.failed", err), true);
    }
  });
}

/** Attended, once the other agent has answered: the caller goes to it and this phone is hung up. */
function completeTransfer() {
  const call = handoverCall();
  if (!call || call.state !== "TRANSFERRING") return;
  handover(async () => {
    try {
      const answer = await callAction("POST", callPath(call, "/transfer/complete"));
      transferNote = note(call.id, tf("transfer.completed", { to: answer.agentExtension || "" }), false);
      applyAnswer(call, answer);
      document.getElementById("transfer-to").value = "";
    } catch (err) {
      transferNote = note(call.id, failure("transfer.completeFailed", err), true);
    }
  });
}

/** Attended: the consultation ends and the caller is back with this agent. */
function cancelTransfer() {
  const call = handoverCall();
  if (!call || call.state !== "TRANSFERRING") return;
  handover(async () => {
    try {
      const answer = await callAction("DELETE", callPath(call, "/transfer"));
      transferNote = note(call.id, t("transfer.cancelled"), false);
      applyAnswer(call, answer);
    } catch (err) {
      transferNote = note(call.id, failure("transfer.cancelFailed", err), true);
    }
  });
}

/** Escalate: a blind transfer to the supervisors' queue, with the agent's optional reason. */
function escalate(e) {
  e.preventDefault();
  const call = handoverCall();
  if (!call || call.state === "TRANSFERRING") return;
  const reason = document.getElementById("escalate-reason").value.trim();
  handover(async () => {
    try {
      await callAction("POST", callPath(call, "/escalate"), reason ? { reason } : {});
      escalateNote = note(call.id, t("escalate.done"), false);
      calls = calls.filter(c => c.id !== call.id);
      document.getElementById("escalate-reason").value = "";
    } catch (err) {
      escalateNote = note(call.id, failure("escalate.failed", err), true);
    }
  });
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
  document.getElementById("transfer-form").addEventListener("submit", startTransfer);
  document.getElementById("transfer-complete").addEventListener("click", completeTransfer);
  document.getElementById("transfer-cancel").addEventListener("click", cancelTransfer);
  document.getElementById("escalate-form").addEventListener("submit", escalate);
  load();
  subscribe();
  setInterval(() => {
    document.querySelectorAll("td.duration").forEach(td => {
      if (td.dataset.since) td.textContent = since(td.dataset.since);
    });
  }, 1000);
  setInterval(load, 15000); // a safety net: the server drops events for a client that falls behind
  api("/api/v1/session").then(s => {
    isAgent = s.role === "agent";
    renderHelp();
    renderSensitive();
    renderHandover();
  }).catch(() => {});
});
