// The recording library: search with filters, a player with a stereo waveform, speed, skip
// silence and notes to jump to, and (for admins, supervisors and QA analysts) notes, tags, the
// best-practices collection, the QA score and share links.
"use strict";
const PAGE = 50;
const ANNOTATORS = ["admin", "supervisor", "qa-analyst"];
const SILENCE = 0.02;           // peak below this in both lanes counts as silence
const MIN_SKIP_MS = 1000;       // shorter pauses are part of the conversation
let offset = 0;
let me = null;
let current = null;             // the recording open in the player
let wave = null;

function filters() {
  return formParams("search");
}

async function send(method, path, body) {
  const res = await fetch(path, { method, headers: { "Content-Type": "application/json", "Accept": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) { window.location.assign("/login"); throw new Error("logged out"); }
  if (!res.ok) {
    let msg = t("lib.failed");
    try { msg += ": " + (await res.json()).message; } catch (e) { /* no body */ }
    throw new Error(msg);
  }
  return res.status === 204 ? null : res.json();
}

function showError(id, e) {
  const p = document.getElementById(id);
  p.textContent = e ? e.message : "";
  p.hidden = !e;
}

async function loadRecordings() {
  const params = filters();
  params.set("offset", offset);
  params.set("limit", PAGE);
  const res = await fetch("/api/v1/recordings?" + params, { headers: { "Accept": "application/json" } });
  if (res.status === 401) { window.location.assign("/login"); return; }
  if (!res.ok) { showError("search-error", new Error((await res.json()).message)); return; }
  showError("search-error", null);
  const page = await res.json();
  const body = document.getElementById("recordings");
  body.replaceChildren();
  for (const r of page.items) {
    const tr = document.createElement("tr");
    tr.dataset.id = r.id;
    const open = document.createElement("button");
    open.className = "act open";
    open.textContent = t("lib.open");
    open.addEventListener("click", () => openRecording(r));
    const actions = document.createElement("td");
    actions.append(open);
    tr.append(cell(fmtDate(r.start)), cell(r.from), cell(r.to), cell(r.agent), cell(r.queue),
      cell(r.status === "RECORDING" ? t("RECORDING") : fmtDuration(r.durationMillis / 1000)),
      cell(r.tags.join(" ")), cell(r.score == null ? "" : r.score), cell(r.notes || ""), actions);
    if (r.collections.includes("best-practices")) tr.classList.add("best");
    body.append(tr);
  }
  document.getElementById("empty").hidden = page.items.length > 0 || offset > 0;
  document.getElementById("prev").disabled = offset === 0;
  document.getElementById("next").disabled = page.items.length < PAGE;
}

async function openRecording(r) {
  current = r;
  const base = "/api/v1/recordings/" + encodeURIComponent(r.id);
  const section = document.getElementById("lib-player");
  section.hidden = false;
  section.dataset.id = r.id;
  document.getElementById("player-title").textContent = fmtDate(r.start) + " · " + (r.from || "") + " → " + (r.agent || "");
  const audio = document.getElementById("audio");
  audio.src = base + "/audio";
  audio.playbackRate = Number(document.getElementById("speed").value);
  document.getElementById("dl-wav").href = base + "/download?format=wav";
  document.getElementById("dl-opus").href = base + "/download?format=opus";
  document.getElementById("share-url").hidden = true;
  document.getElementById("score").value = r.score == null ? "" : r.score;
  document.getElementById("best").checked = r.collections.includes("best-practices");
  showError("player-error", null);
  const peaks = await api(base + "/peaks?buckets=960");
  wave.set(peaks.channels, peaks.durationMillis);
  section.dataset.peaks = "loaded";
  await Promise.all([loadNotes(), loadTags()]);
  wave.draw(0);
  section.scrollIntoView({ block: "nearest" });
}

async function loadNotes() {
  const notes = await api("/api/v1/recordings/" + encodeURIComponent(current.id) + "/notes");
  const list = document.getElementById("notes");
  list.replaceChildren();
  wave.marks = notes.map(n => n.atMillis);
  for (const n of notes) {
    const li = document.createElement("li");
    const jump = document.createElement("button");
    jump.className = "link jump";
    jump.textContent = fmtDuration(n.atMillis / 1000);
    jump.addEventListener("click", () => { document.getElementById("audio").currentTime = n.atMillis / 1000; });
    const text = document.createElement("span");
    text.textContent = " " + n.text + " — " + n.author;
    li.append(jump, text);
    list.append(li);
  }
  if (!notes.length) {
    const li = document.createElement("li");
    li.className = "muted";
    li.textContent = t("lib.noNotes");
    list.append(li);
  }
  wave.draw(document.getElementById("audio").currentTime * 1000);
}

async function loadTags() {
  const tags = await api("/api/v1/recordings/" + encodeURIComponent(current.id) + "/tags");
  const box = document.getElementById("tags");
  box.replaceChildren();
  for (const tag of tags) {
    const chip = document.createElement("span");
    chip.className = "chip " + tag.split(":")[0];
    chip.textContent = tag;
    if (ANNOTATORS.includes(me && me.role)) {
      const x = document.createElement("button");
      x.className = "link";
      x.textContent = "×";
      x.title = t("lib.removeTag");
      x.addEventListener("click", async () => {
        const [kind, value] = tag.split(":");
        try { await send("DELETE", "/api/v1/recordings/" + encodeURIComponent(current.id) + "/tags/" + kind + "/" + value); }
        catch (e) { showError("player-error", e); }
        loadTags();
      });
      chip.append(x);
    }
    box.append(chip);
  }
}

// Skip silence: when both lanes stay quiet for more than MIN_SKIP_MS from here, jump to where
// someone speaks again (a little before, so the first syllable is not cut).
function skipSilence(audio) {
  if (!document.getElementById("skip-silence").checked || !wave.peaks || !wave.durationMs) return;
  const buckets = wave.peaks[0].length, msPerBucket = wave.durationMs / buckets;
  let i = Math.floor((audio.currentTime * 1000) / msPerBucket);
  if (i >= buckets || !wave.silentAt(i, SILENCE)) return;
  let j = i;
  while (j < buckets && wave.silentAt(j, SILENCE)) j++;
  if ((j - i) * msPerBucket >= MIN_SKIP_MS) {
    audio.currentTime = Math.min(audio.duration || Infinity, Math.max(0, (j * msPerBucket - 150) / 1000));
  }
}

function tick() {
  const audio = document.getElementById("audio");
  if (current) {
    skipSilence(audio);
    wave.draw(audio.currentTime * 1000);
    document.getElementById("clock").textContent = fmtDuration(audio.currentTime) + " / " + fmtDuration(audio.duration || 0);
  }
  if (!audio.paused) requestAnimationFrame(tick);
}

async function fillTagVocabulary() {
  const vocab = await api("/api/v1/tags");
  const filter = document.getElementById("tag-filter");
  for (const kind of Object.keys(vocab)) {
    for (const tag of vocab[kind]) {
      const o = document.createElement("option");
      o.value = kind + ":" + tag;
      o.textContent = t("lib.kind." + kind) + ": " + tag;
      filter.append(o);
    }
  }
  const list = document.getElementById("tag-suggestions");
  const refill = () => {
    list.replaceChildren();
    for (const tag of vocab[document.getElementById("tag-kind").value] || []) {
      const o = document.createElement("option");
      o.value = tag;
      list.append(o);
    }
  };
  document.getElementById("tag-kind").addEventListener("change", refill);
  refill();
}

function wirePlayer() {
  const audio = document.getElementById("audio");
  wave = new Waveform(document.getElementById("wave"));
  const play = document.getElementById("play");
  play.addEventListener("click", () => { if (audio.paused) audio.play(); else audio.pause(); });
  audio.addEventListener("play", () => { play.textContent = t("lib.pause"); requestAnimationFrame(tick); });
  audio.addEventListener("pause", () => { play.textContent = t("lib.play"); tick(); });
  audio.addEventListener("seeked", tick);
  audio.addEventListener("loadedmetadata", tick);
  // A new source resets the rate in some browsers: keep the chosen speed.
  audio.addEventListener("loadeddata", () => { audio.playbackRate = Number(document.getElementById("speed").value); });
  document.getElementById("speed").addEventListener("change", e => {
    audio.playbackRate = Number(e.target.value);
    audio.preservesPitch = true;
  });
  document.getElementById("wave").addEventListener("click", e => {
    if (audio.duration) audio.currentTime = wave.fractionAt(e.clientX) * audio.duration;
  });
  document.getElementById("note-form").addEventListener("submit", async e => {
    e.preventDefault();
    const text = document.getElementById("note-text");
    try {
      await send("POST", "/api/v1/recordings/" + encodeURIComponent(current.id) + "/notes",
        { atMillis: Math.round(audio.currentTime * 1000), text: text.value });
      text.value = "";
      showError("player-error", null);
    } catch (err) { showError("player-error", err); }
    loadNotes();
  });
  document.getElementById("tag-form").addEventListener("submit", async e => {
    e.preventDefault();
    const value = document.getElementById("tag-value");
    try {
      await send("POST", "/api/v1/recordings/" + encodeURIComponent(current.id) + "/tags",
        { kind: document.getElementById("tag-kind").value, tag: value.value.trim().toLowerCase() });
      value.value = "";
      showError("player-error", null);
    } catch (err) { showError("player-error", err); }
    loadTags();
  });
  document.getElementById("best").addEventListener("change", async e => {
    const path = "/api/v1/recordings/" + encodeURIComponent(current.id) + "/collections/best-practices";
    try { await send(e.target.checked ? "PUT" : "DELETE", path); } catch (err) { showError("player-error", err); }
  });
  document.getElementById("score").addEventListener("change", async e => {
    const v = e.target.value === "" ? null : Number(e.target.value);
    try { await send("PUT", "/api/v1/recordings/" + encodeURIComponent(current.id) + "/score", { score: v }); }
    catch (err) { showError("player-error", err); }
  });
  document.getElementById("share").addEventListener("click", async () => {
    try {
      const s = await send("POST", "/api/v1/recordings/" + encodeURIComponent(current.id) + "/shares", { hours: 72 });
      const out = document.getElementById("share-url");
      out.value = location.origin + s.url;
      out.title = t("lib.shareCopied") + " " + fmtDate(s.expiresAt);
      out.hidden = false;
      out.select();
    } catch (err) { showError("player-error", err); }
  });
}

document.addEventListener("DOMContentLoaded", async () => {
  wirePlayer();
  document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); loadRecordings(); });
  document.getElementById("next").addEventListener("click", () => { offset += PAGE; loadRecordings(); });
  const form = document.getElementById("search");
  form.addEventListener("submit", e => { e.preventDefault(); offset = 0; loadRecordings(); });
  form.addEventListener("reset", () => setTimeout(() => { offset = 0; loadRecordings(); }, 0));
  try { me = await api("/api/v1/session"); } catch (e) { return; }
  document.body.classList.toggle("can-annotate", ANNOTATORS.includes(me.role));
  await fillTagVocabulary();
  loadRecordings();
});
