#!/usr/bin/env bash
# Regenerates the demo clips and the built-in prompts with espeak-ng and sox.
# Output is 8 kHz mono 16-bit PCM WAV: what a G.711 call carries, so nothing is resampled at run time.
# sox -D (no dither) keeps the output byte-identical from run to run, so regenerating makes no diff.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
demo="$root/atalaya-app/src/main/resources/demo"
prompts="$root/atalaya-core/src/main/resources/prompts"
mkdir -p "$demo" "$prompts/es" "$prompts/en"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# say VOICE OUT TEXT [SPEED]: speak TEXT, resample to 8 kHz mono, trim silence, pad 0.2 s at the end
say() {
  local voice="$1" out="$2" text="$3" speed="${4:-165}"
  espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" "$text"
  sox -D "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$out" \
    silence 1 0.05 0.5% reverse silence 1 0.05 0.5% reverse norm -3 pad 0 0.2
  echo "$(basename "$out"): $(soxi -D "$out") s"
}

# Agents use a different (female) variant so both sides of a stereo recording are easy to tell apart.
say es        "$demo/customer-01-es.wav" "Hola, llamo por una factura duplicada."
say es-419    "$demo/customer-02-es.wav" "Buenos días, mi internet no funciona desde ayer."
say en-us     "$demo/customer-03-en.wav" "Hello, I would like to change my plan."
say en-us     "$demo/customer-04-en.wav" "Hi, my card was charged twice."
say es+f3     "$demo/agent-01-es.wav"    "Gracias por llamar, ¿en qué puedo ayudarle?"
say es+f3     "$demo/agent-02-es.wav"    "Entiendo, lo reviso ahora mismo."
say en-us+f3  "$demo/agent-03-en.wav"    "Thank you for calling, how can I help you?"
say en-us+f3  "$demo/agent-04-en.wav"    "Let me check that for you." 125

say es+f2     "$prompts/es/no-agents.wav" "En este momento no hay agentes disponibles. Por favor, llame más tarde." 150
say en-us+f2  "$prompts/en/no-agents.wav" "No agents are available right now. Please call again later." 150
say es+f2     "$prompts/es/consent.wav" "Esta llamada puede ser grabada con fines de calidad y formación. Si no desea que se grabe, pulse 9." 160
say en-us+f2  "$prompts/en/consent.wav" "This call may be recorded for quality and training purposes. If you prefer not to be recorded, press 9." 160

# The escalation IVR (atalaya-web/src/main/resources/ivr/escalation.json).
say es+f2     "$prompts/es/welcome.wav" "Bienvenido al centro de atención." 160
say en-us+f2  "$prompts/en/welcome.wav" "Welcome to the customer service center." 160
say es+f2     "$prompts/es/escalation-menu.wav" "Para consultas generales, pulse 1. Para soporte técnico, pulse 2. Para facturación, pulse 3. Si se trata de una urgencia o de una reclamación grave, pulse 9." 160
say en-us+f2  "$prompts/en/escalation-menu.wav" "For general questions, press 1. For technical support, press 2. For billing, press 3. For an emergency or a serious complaint, press 9." 160
say es+f2     "$prompts/es/invalid-option.wav" "Opción no válida." 160
say en-us+f2  "$prompts/en/invalid-option.wav" "That is not a valid option." 160
say es+f2     "$prompts/es/general-answers.wav" "Atendemos de lunes a viernes, de nueve a diecinueve horas. Puede consultar sus facturas y el estado de sus pedidos en nuestra web. Gracias por llamar." 160
say en-us+f2  "$prompts/en/general-answers.wav" "We are open Monday to Friday, from nine to seven. You can see your bills and the status of your orders on our website. Thank you for calling." 160
say es+f2     "$prompts/es/closed.wav" "Nuestro horario de atención es de lunes a viernes, de nueve a diecinueve horas." 160
say en-us+f2  "$prompts/en/closed.wav" "Our opening hours are Monday to Friday, from nine to seven." 160

# The agents' feature codes (*41 log in, *42 log out, *43<n> pause, *44 ready).
say es+f2     "$prompts/es/agent-logged-in.wav" "Sesión iniciada." 160
say en-us+f2  "$prompts/en/agent-logged-in.wav" "You are logged in." 160
say es+f2     "$prompts/es/agent-logged-out.wav" "Sesión cerrada." 160
say en-us+f2  "$prompts/en/agent-logged-out.wav" "You are logged out." 160
say es+f2     "$prompts/es/agent-paused.wav" "Pausa activada." 160
say en-us+f2  "$prompts/en/agent-paused.wav" "You are paused." 160
say es+f2     "$prompts/es/agent-ready.wav" "Disponible." 160
say en-us+f2  "$prompts/en/agent-ready.wav" "You are available." 160

# Music while a transferred caller waits (language-free: English is every language's fallback).
# Sine notes of C major below 600 Hz, without A4: the tests use 440 Hz for callers and 1000 Hz and up for agents.
notes=(262 330 392 523 392 330 294 349 494 349 294 247)
for i in "${!notes[@]}"; do
  sox -D -n -r 8000 -c 1 -b 16 -e signed-integer "$tmp/note$i.wav" synth 0.45 sine "${notes[$i]}" fade q 0.03 0.45 0.15 vol 0.25
done
sox -D "$tmp"/note{0..11}.wav "$prompts/en/hold-music.wav"
echo "hold-music.wav: $(soxi -D "$prompts/en/hold-music.wav") s"

# The post-call survey (queues with "csatSurvey": true).
say es+f2     "$prompts/es/csat-question.wav" "Antes de colgar, valore la atención recibida del uno al cinco, donde cinco es excelente." 160
say en-us+f2  "$prompts/en/csat-question.wav" "Before you go, please rate our service from one to five, where five is excellent." 160
say es+f2     "$prompts/es/csat-thanks.wav" "Gracias por su valoración." 160
say en-us+f2  "$prompts/en/csat-thanks.wav" "Thank you for your rating." 160

# Callbacks (queues with a "callbackKey"): the offer is followed by the key's name.
say es+f2     "$prompts/es/callback-offer.wav" "Si prefiere que le llamemos cuando llegue su turno, sin perder su lugar en la cola, pulse" 160
say en-us+f2  "$prompts/en/callback-offer.wav" "If you would rather we call you back when it is your turn, without losing your place in the queue, press" 160
say es+f2     "$prompts/es/callback-confirm.wav" "De acuerdo. Le llamaremos en cuanto un agente esté disponible. Gracias." 160
say en-us+f2  "$prompts/en/callback-confirm.wav" "Thank you. We will call you back as soon as an agent is available." 160
say es+f2     "$prompts/es/callback-agent.wav" "Llamada de retorno. Conectando con el cliente." 160
say en-us+f2  "$prompts/en/callback-agent.wav" "Callback. Connecting you to the customer." 160
es_keys=(cero uno dos tres cuatro cinco seis siete ocho nueve)
en_keys=(zero one two three four five six seven eight nine)
for d in 0 1 2 3 4 5 6 7 8 9; do
  say es+f2    "$prompts/es/key-$d.wav" "${es_keys[$d]}." 160
  say en-us+f2 "$prompts/en/key-$d.wav" "${en_keys[$d]}." 160
done
say es+f2     "$prompts/es/key-star.wav" "asterisco." 160
say en-us+f2  "$prompts/en/key-star.wav" "star." 160
say es+f2     "$prompts/es/key-pound.wav" "almohadilla." 160
say en-us+f2  "$prompts/en/key-pound.wav" "pound." 160

# Voicemail (an IVR's "voicemail" step); the beep after the greeting is generated in code.
say es+f2     "$prompts/es/voicemail-greeting.wav" "Deje su mensaje después de la señal. Al terminar, pulse almohadilla o cuelgue." 160
say en-us+f2  "$prompts/en/voicemail-greeting.wav" "Please leave your message after the tone. When you are done, press pound or hang up." 160
say es+f2     "$prompts/es/voicemail-thanks.wav" "Mensaje recibido. Gracias." 160
say en-us+f2  "$prompts/en/voicemail-thanks.wav" "Your message has been received. Thank you." 160

# Place and estimated wait in a queue (queues with "announceEverySeconds"); numbers 1-30 are
# prompts of their own so a tenant can re-record them, as the rest, in its voice.
say es+f2     "$prompts/es/queue-next.wav" "Su llamada es la siguiente en ser atendida." 160
say en-us+f2  "$prompts/en/queue-next.wav" "You are next in line." 160
say es+f2     "$prompts/es/queue-position.wav" "Su llamada ocupa el lugar número" 160
say en-us+f2  "$prompts/en/queue-position.wav" "You are caller number" 160
say es+f2     "$prompts/es/queue-many.wav" "Hay más de treinta llamadas delante de la suya." 160
say en-us+f2  "$prompts/en/queue-many.wav" "There are more than thirty callers ahead of you." 160
say es+f2     "$prompts/es/wait-under-minute.wav" "El tiempo de espera estimado es de menos de un minuto." 160
say en-us+f2  "$prompts/en/wait-under-minute.wav" "Your estimated wait is less than one minute." 160
say es+f2     "$prompts/es/wait-one-minute.wav" "El tiempo de espera estimado es de un minuto." 160
say en-us+f2  "$prompts/en/wait-one-minute.wav" "Your estimated wait is about one minute." 160
say es+f2     "$prompts/es/wait-about.wav" "El tiempo de espera estimado es de unos" 160
say en-us+f2  "$prompts/en/wait-about.wav" "Your estimated wait is about" 160
say es+f2     "$prompts/es/wait-minutes.wav" "minutos." 160
say en-us+f2  "$prompts/en/wait-minutes.wav" "minutes." 160
say es+f2     "$prompts/es/wait-long.wav" "El tiempo de espera estimado es de más de treinta minutos." 160
say en-us+f2  "$prompts/en/wait-long.wav" "Your estimated wait is more than thirty minutes." 160
for n in $(seq 1 30); do
  say es+f2    "$prompts/es/num-$n.wav" "$n" 160
  say en-us+f2 "$prompts/en/num-$n.wav" "$n" 160
done
