// Strings of the reports and the wallboard, merged into I18N before the page is translated.
"use strict";
Object.assign(I18N.en, {
  "rep.title": "Reports", "rep.forbidden": "Reports are for supervisors, QA analysts, administrators, auditors and client viewers.",
  "rep.by": "Split by", "rep.by.interval": "Interval", "rep.by.day": "Day", "rep.by.queue": "Queue",
  "rep.by.agent": "Agent", "rep.by.total": "Total", "rep.interval": "Interval", "rep.zone": "Time zone",
  "rep.threshold": "Service level within (s)", "rep.target": "Target (%)", "rep.show": "Show", "rep.csv": "Export CSV",
  "rep.chart.volume": "Offered, answered and abandoned calls", "rep.chart.sl": "Service level (%) against the target",
  "rep.key.interval": "From", "rep.key.day": "Day", "rep.key.queue": "Queue", "rep.key.agent": "Agent",
  "rep.key.total": "", "kpi.offered": "Offered", "kpi.answered": "Answered", "kpi.abandoned": "Abandoned",
  "kpi.shortAbandoned": "Short abandons", "kpi.unanswered": "Unanswered", "kpi.serviceLevel": "Service level",
  "kpi.abandonRate": "Abandon rate", "kpi.asa": "ASA", "kpi.avgAbandon": "Avg. abandon time", "kpi.aht": "AHT",
  "kpi.talk": "Talk", "kpi.hold": "Hold", "kpi.wrapUp": "Wrap-up", "kpi.fcr": "FCR", "kpi.csat": "CSAT",
  "kpi.transfers": "Transfers", "kpi.callbacks": "Callbacks", "kpi.occupancy": "Occupancy",
  "rep.threshold.perQueue": "per queue",
  "wb.title": "Wallboard", "wb.waiting": "Calls waiting", "wb.longest": "Longest wait", "wb.today": "Today",
  "wb.queue": "Queue", "wb.all": "All queues", "wb.target": "target", "wb.noData": "No calls today yet.",
  "wb.agents": "Agents", "wb.live": "Live data is for supervisors and administrators.",
  "wb.breach": "SLA breached", "wb.atRisk": "SLA at risk", "wb.period": "period", "wb.sla": "SLAs",
  "sla.MET": "met", "sla.BREACHED": "breached", "sla.AT_RISK": "at risk", "sla.NOT_ENOUGH_CALLS": "too few calls",
  "sla.now": "now", "sla.last": "last period"
});
Object.assign(I18N.es, {
  "rep.title": "Informes", "rep.forbidden": "Los informes son para supervisores, analistas de calidad, administradores, auditores y clientes.",
  "rep.by": "Desglose", "rep.by.interval": "Intervalo", "rep.by.day": "Día", "rep.by.queue": "Cola",
  "rep.by.agent": "Agente", "rep.by.total": "Total", "rep.interval": "Intervalo", "rep.zone": "Zona horaria",
  "rep.threshold": "Nivel de servicio en (s)", "rep.target": "Objetivo (%)", "rep.show": "Mostrar",
  "rep.csv": "Exportar CSV", "rep.chart.volume": "Llamadas ofrecidas, atendidas y abandonadas",
  "rep.chart.sl": "Nivel de servicio (%) frente al objetivo",
  "rep.key.interval": "Desde", "rep.key.day": "Día", "rep.key.queue": "Cola", "rep.key.agent": "Agente",
  "rep.key.total": "", "kpi.offered": "Ofrecidas", "kpi.answered": "Atendidas", "kpi.abandoned": "Abandonadas",
  "kpi.shortAbandoned": "Abandonos cortos", "kpi.unanswered": "No atendidas", "kpi.serviceLevel": "Nivel de servicio",
  "kpi.abandonRate": "Tasa de abandono", "kpi.asa": "ASA", "kpi.avgAbandon": "Espera media del abandono",
  "kpi.aht": "TMO", "kpi.talk": "Conversación", "kpi.hold": "Espera", "kpi.wrapUp": "Posllamada", "kpi.fcr": "FCR",
  "kpi.csat": "CSAT", "kpi.transfers": "Transferencias", "kpi.callbacks": "Rellamadas", "kpi.occupancy": "Ocupación",
  "rep.threshold.perQueue": "por cola",
  "wb.title": "Panel mural", "wb.waiting": "Llamadas en espera", "wb.longest": "Espera más larga", "wb.today": "Hoy",
  "wb.queue": "Cola", "wb.all": "Todas las colas", "wb.target": "objetivo", "wb.noData": "Aún no hay llamadas hoy.",
  "wb.agents": "Agentes", "wb.live": "Los datos en directo son para supervisores y administradores.",
  "wb.breach": "SLA incumplido", "wb.atRisk": "SLA en riesgo", "wb.period": "periodo", "wb.sla": "SLA",
  "sla.MET": "cumplido", "sla.BREACHED": "incumplido", "sla.AT_RISK": "en riesgo",
  "sla.NOT_ENOUGH_CALLS": "pocas llamadas", "sla.now": "ahora", "sla.last": "último periodo"
});
