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
    "customer": "customer", "agent": "agent", "system": "system",
    "nav.dashboard": "Dashboard", "nav.agent": "My calls", "monitor.idle": "Not monitoring.",
    "dash.calls": "Live calls", "dash.monitoring": "Monitoring", "dash.you": "You", "dash.actions": "Actions",
    "dash.agents": "Agents", "dash.help": "Help requests", "dash.noHelp": "Nobody is asking for help.",
    "dash.recent": "Latest recordings", "dash.ack": "Acknowledge", "dash.asksHelp": "asks for help",
    "col.extension": "Extension", "col.name": "Name",
    "act.listen": "Listen", "act.whisper": "Whisper", "act.barge": "Barge", "act.take-over": "Take over",
    "act.call-me": "Call me", "act.stop": "Stop", "act.play": "Play",
    "LISTEN": "Listening", "WHISPER": "Whispering", "BARGE": "Barging in", "TAKE_OVER": "Took over",
    "AVAILABLE": "Available", "ON_CALL": "On call", "OFFLINE": "Offline", "WRAP_UP": "Wrap-up", "PAUSED": "Paused",
    "monitor.on": "Monitoring call from", "monitor.ended": "Monitoring ended", "monitor.micDenied":
      "The microphone is not available: you can only listen.", "monitor.callMe": "Your phone is ringing…",
    "monitor.failed": "Could not start monitoring", "agent.current": "Current call", "agent.noCall": "You are not on a call.",
    "agent.help": "Need help", "agent.helpCancel": "Cancel help request", "agent.helpSent": "A supervisor has been asked to help.",
    "notice.WHISPER": "A supervisor is whispering to you.", "notice.BARGE": "A supervisor has joined the call.",
    "notice.TAKE_OVER": "A supervisor has taken over the call."
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
    "customer": "cliente", "agent": "agente", "system": "sistema",
    "nav.dashboard": "Panel", "nav.agent": "Mis llamadas", "monitor.idle": "Sin monitorización.",
    "dash.calls": "Llamadas en curso", "dash.monitoring": "Monitorización", "dash.you": "Usted", "dash.actions": "Acciones",
    "dash.agents": "Agentes", "dash.help": "Peticiones de ayuda", "dash.noHelp": "Nadie pide ayuda.",
    "dash.recent": "Últimas grabaciones", "dash.ack": "Atender", "dash.asksHelp": "pide ayuda",
    "col.extension": "Extensión", "col.name": "Nombre",
    "act.listen": "Escuchar", "act.whisper": "Susurrar", "act.barge": "Intervenir", "act.take-over": "Tomar la llamada",
    "act.call-me": "Llámame", "act.stop": "Detener", "act.play": "Reproducir",
    "LISTEN": "Escuchando", "WHISPER": "Susurrando", "BARGE": "Interviniendo", "TAKE_OVER": "Llamada tomada",
    "AVAILABLE": "Disponible", "ON_CALL": "En llamada", "OFFLINE": "Desconectado", "WRAP_UP": "Posllamada", "PAUSED": "En pausa",
    "monitor.on": "Monitorizando la llamada de", "monitor.ended": "Monitorización terminada", "monitor.micDenied":
      "El micrófono no está disponible: solo puede escuchar.", "monitor.callMe": "Su teléfono está sonando…",
    "monitor.failed": "No se pudo iniciar la monitorización", "agent.current": "Llamada actual", "agent.noCall": "No está en una llamada.",
    "agent.help": "Necesito ayuda", "agent.helpCancel": "Cancelar la petición de ayuda", "agent.helpSent": "Se ha avisado a un supervisor.",
    "notice.WHISPER": "Un supervisor le está susurrando.", "notice.BARGE": "Un supervisor ha entrado en la llamada.",
    "notice.TAKE_OVER": "Un supervisor ha tomado la llamada."
  }
};
const LANG = I18N[document.documentElement.lang] ? document.documentElement.lang : "en";

function t(key) {
  return (I18N[LANG] && I18N[LANG][key]) || I18N.en[key] || key;
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
});
