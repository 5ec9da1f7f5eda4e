// Strings of the UI in both languages; the server sets <html lang> from ?lang, cookie or Accept-Language.
"use strict";
const I18N = {
  en: {
    "login.user": "User", "login.password": "Password", "login.submit": "Log in",
    "login.failed": "Wrong user or password.", "login.error": "Could not log in. Try again.",
    "nav.recordings": "Recordings", "nav.calls": "Calls", "nav.logout": "Log out",
    "recordings.title": "Recordings", "recordings.empty": "No recordings yet.",
    "col.date": "Date", "col.from": "From", "col.to": "To", "col.agent": "Agent", "col.duration": "Duration",
    "col.audio": "Audio", "col.since": "Since", "col.queue": "Queue", "col.state": "State", "col.wait": "Wait",
    "col.talk": "Talk", "col.disposition": "Result", "col.endedBy": "Ended by",
    "pager.prev": "Newer", "pager.next": "Older",
    "active.title": "Live calls", "active.empty": "No calls right now.",
    "calls.title": "Call history", "calls.refresh": "Refreshes every 3 seconds.",
    "ANSWERED": "Answered", "ABANDONED": "Abandoned", "UNANSWERED": "Unanswered", "FAILED": "Failed",
    "QUEUED": "Queued", "RINGING": "Ringing", "CONNECTED": "Connected", "ON_HOLD": "On hold",
    "ANNOUNCING": "Announcement", "RECORDING": "recording…",
    "customer": "customer", "agent": "agent", "system": "system"
  },
  es: {
    "login.user": "Usuario", "login.password": "Contraseña", "login.submit": "Entrar",
    "login.failed": "Usuario o contraseña incorrectos.", "login.error": "No se pudo entrar. Inténtelo de nuevo.",
    "nav.recordings": "Grabaciones", "nav.calls": "Llamadas", "nav.logout": "Salir",
    "recordings.title": "Grabaciones", "recordings.empty": "Aún no hay grabaciones.",
    "col.date": "Fecha", "col.from": "Origen", "col.to": "Destino", "col.agent": "Agente", "col.duration": "Duración",
    "col.audio": "Audio", "col.since": "Desde", "col.queue": "Cola", "col.state": "Estado", "col.wait": "Espera",
    "col.talk": "Conversación", "col.disposition": "Resultado", "col.endedBy": "Colgó",
    "pager.prev": "Más recientes", "pager.next": "Anteriores",
    "active.title": "Llamadas en curso", "active.empty": "No hay llamadas ahora.",
    "calls.title": "Historial de llamadas", "calls.refresh": "Se actualiza cada 3 segundos.",
    "ANSWERED": "Atendida", "ABANDONED": "Abandonada", "UNANSWERED": "No atendida", "FAILED": "Fallida",
    "QUEUED": "En cola", "RINGING": "Sonando", "CONNECTED": "Conectada", "ON_HOLD": "En espera",
    "ANNOUNCING": "Locución", "RECORDING": "grabando…",
    "customer": "cliente", "agent": "agente", "system": "sistema"
  }
};
const LANG = I18N[document.documentElement.lang] ? document.documentElement.lang : "en";

function t(key) {
  return (I18N[LANG] && I18N[LANG][key]) || I18N.en[key] || key;
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
});
