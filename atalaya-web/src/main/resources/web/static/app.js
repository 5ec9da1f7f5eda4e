// Shared by the logged-in pages: the API helper, formatting, the header's user and logout.
"use strict";

// CSRF: every unsafe request to this site echoes the session's CSRF cookie in X-CSRF-Token.
// Wrapping fetch once here covers every page script, which are loaded after this one.
(function () {
  const plain = window.fetch.bind(window);
  function csrfToken() {
    const m = document.cookie.match(/(?:^|;\s*)atalaya_csrf=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  window.fetch = function (input, init) {
    init = Object.assign({}, init || {});
    const method = (init.method || "GET").toUpperCase();
    if (!["GET", "HEAD", "OPTIONS"].includes(method)) {
      const headers = new Headers(init.headers || {});
      if (!headers.has("X-CSRF-Token")) headers.set("X-CSRF-Token", csrfToken());
      init.headers = headers;
    }
    return plain(input, init);
  };
})();
async function api(path) {
  const res = await fetch(path, { headers: { "Accept": "application/json" } });
  if (res.status === 401) {
    window.location.assign("/login");
    throw new Error("logged out");
  }
  if (!res.ok) {
    throw new Error(path + " answered " + res.status);
  }
  return res.json();
}

function fmtDate(iso) {
  if (!iso) return "";
  return new Date(iso).toLocaleString(LANG === "es" ? "es-ES" : "en-GB");
}

function fmtDuration(seconds) {
  const s = Math.max(0, Math.round(seconds || 0));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, "0") + ":" + String(r).padStart(2, "0");
  return h ? h + ":" + mm : mm;
}

// A filter form's non-empty fields as query parameters.
function formParams(formId) {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(document.getElementById(formId))) {
    if (String(v).trim() !== "") params.append(k, String(v).trim());
  }
  return params;
}

// Builds a table cell with text content only, so that no value from the API is ever parsed as HTML.
function cell(text) {
  const td = document.createElement("td");
  td.textContent = text == null ? "" : String(text);
  return td;
}

document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("logout").addEventListener("click", async () => {
    await fetch("/api/v1/session", { method: "DELETE" });
    window.location.assign("/login");
  });
  try {
    const me = await api("/api/v1/session");
    document.getElementById("whoami").textContent = me.login + " (" + me.role + ")";
    // Links to pages a role cannot use are hidden; the server refuses the data anyway.
    document.querySelectorAll("nav [data-roles]").forEach(a => {
      a.hidden = !a.dataset.roles.split(" ").includes(me.role);
    });
  } catch (e) { /* redirected */ }
});
