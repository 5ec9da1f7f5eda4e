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
    "dash.calls": "Live calls", "dash.monitoring": "Monitoring", "dash.you": "Your session", "dash.actions": "Actions",
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
    "notice.WHISPER": "A supervisor is whispering to you.", "notice.BARGE": "A supervisor is listening and has joined the call.",
    "notice.TAKE_OVER": "A supervisor has taken over the call.",
    "dash.live": "live", "dash.noAgents": "No agents.", "dash.phone": "phone", "dash.ackFailed": "Could not acknowledge the help request",
    "dash.forbidden": "The dashboard is for supervisors and administrators.",
    "via.WEB": "from the web", "via.DTMF": "*0 on the phone",
    "monitor.connecting": "Connecting to the call from", "monitor.calling": "Calling your phone…",
    "monitor.stopFailed": "Could not stop monitoring",
    "agent.helpFailed": "Could not send the help request", "agent.notAgent": "Only agents can ask for help from this page.",
    "sensitive.pause": "Card data: pause recording", "sensitive.resume": "Resume recording",
    "sensitive.badge": "Recording paused (sensitive data)", "sensitive.failed": "Could not switch the recording",
    "sensitive.hint": "Also with *7 on your phone. Recording and live monitoring stay silent until you resume."
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
    "dash.calls": "Llamadas en curso", "dash.monitoring": "Monitorización", "dash.you": "Su sesión", "dash.actions": "Acciones",
    "dash.agents": "Agentes", "dash.help": "Peticiones de ayuda", "dash.noHelp": "Nadie pide ayuda.",
    "dash.recent": "Últimas grabaciones", "dash.ack": "Atendida", "dash.asksHelp": "pide ayuda",
    "col.extension": "Extensión", "col.name": "Nombre",
    "act.listen": "Escuchar", "act.whisper": "Susurrar", "act.barge": "Intervenir", "act.take-over": "Tomar la llamada",
    "act.call-me": "Llámame", "act.stop": "Detener", "act.play": "Reproducir",
    "LISTEN": "Escuchando", "WHISPER": "Susurrando", "BARGE": "Interviniendo", "TAKE_OVER": "Llamada tomada",
    "AVAILABLE": "Disponible", "ON_CALL": "En llamada", "OFFLINE": "Desconectado", "WRAP_UP": "Posllamada", "PAUSED": "En pausa",
    "monitor.on": "Monitorizando la llamada de", "monitor.ended": "Monitorización terminada", "monitor.micDenied":
      "El micrófono no está disponible: solo puede escuchar.", "monitor.callMe": "Su teléfono está sonando…",
    "monitor.failed": "No se pudo iniciar la monitorización", "agent.current": "Llamada actual", "agent.noCall": "No está en una llamada.",
    "agent.help": "Necesito ayuda", "agent.helpCancel": "Cancelar la petición de ayuda", "agent.helpSent": "Se ha avisado a un supervisor.",
    "notice.WHISPER": "Un supervisor le está susurrando.", "notice.BARGE": "Un supervisor está escuchando e interviene en la llamada.",
    "notice.TAKE_OVER": "Un supervisor ha tomado la llamada.",
    "dash.live": "en directo", "dash.noAgents": "No hay agentes.", "dash.phone": "teléfono", "dash.ackFailed": "No se pudo atender la petición de ayuda",
    "dash.forbidden": "El panel es para supervisores y administradores.",
    "via.WEB": "desde la web", "via.DTMF": "*0 en el teléfono",
    "monitor.connecting": "Conectando con la llamada de", "monitor.calling": "Llamando a su teléfono…",
    "monitor.stopFailed": "No se pudo detener la monitorización",
    "agent.helpFailed": "No se pudo enviar la petición de ayuda", "agent.notAgent": "Solo los agentes pueden pedir ayuda desde esta página.",
    "sensitive.pause": "Datos de tarjeta: pausar grabación", "sensitive.resume": "Reanudar grabación",
    "sensitive.badge": "Grabación en pausa (datos sensibles)", "sensitive.failed": "No se pudo cambiar la grabación",
    "sensitive.hint": "También con *7 en su teléfono. La grabación y la escucha en directo quedan en silencio hasta reanudar."
  }
};
const LANG = I18N[document.documentElement.lang] ? document.documentElement.lang : "en";

function t(key) {
  return (I18N[LANG] && I18N[LANG][key]) || I18N.en[key] || key;
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
});
