// Browser monitoring: one WebSocket per session carrying 8 kHz 16-bit little-endian mono PCM in
// 320-byte (20 ms) binary messages both ways, JSON text messages for the session's state (see
// docs/MONITORING.md). Audio is played and the microphone captured through one AudioWorklet in
// an AudioContext at 8 kHz, so the browser does any resampling.
"use strict";
// Counters for headless tests (and the curious): frames heard from the server, frames of microphone sent.
window.atalayaMonitor = { framesReceived: 0, framesSent: 0 };

const MONITOR_FRAME_BYTES = 320;
const MONITOR_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function monitorSpeaks(mode) {
  return !!mode && mode.toUpperCase() !== "LISTEN";
}

/** Int16 samples of a little-endian PCM message, whatever the platform's byte order. */
function monitorDecode(buffer) {
  const n = buffer.byteLength >> 1;
  if (MONITOR_LITTLE_ENDIAN) return new Int16Array(buffer, 0, n);
  const view = new DataView(buffer), pcm = new Int16Array(n);
  for (let i = 0; i < n; i++) pcm[i] = view.getInt16(i * 2, true);
  return pcm;
}

/** A little-endian PCM message of Int16 samples. */
function monitorEncode(samples) {
  if (MONITOR_LITTLE_ENDIAN) return samples.buffer;
  const buffer = new ArrayBuffer(samples.length * 2), view = new DataView(buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i], true);
  return buffer;
}

/**
 * One monitoring session of this page. mode: "listen" | "whisper" | "barge" | "take-over".
 * handlers: onSession(msg) on every {"type":"session"} message, onEnded(reason) once when the
 * session is over (whatever the cause), onError(text) for anything the user should read.
 */
class MonitorAudio {
  constructor(callId, mode, handlers) {
    this.callId = callId;
    this.mode = mode;
    this.handlers = handlers || {};
    this.current = null;      // the server's mode: "LISTEN", "WHISPER", ...
    this.pendingMode = null;  // asked for before the server confirmed the session
    this.finished = false;
  }

  /**
   * Call from the click handler: the AudioContext is created and resumed right away, while the
   * click still counts as a user gesture (autoplay policy).
   */
  async start() {
    this.ctx = new AudioContext({ sampleRate: 8000 });
    this.ctx.resume().catch(() => {});
    try {
      await this.ctx.audioWorklet.addModule("/static/monitor-worklet.js");
      if (this.finished) return;
      this.node = new AudioWorkletNode(this.ctx, "atalaya-monitor",
        { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
      this.node.connect(this.ctx.destination);
      this.node.port.onmessage = (e) => this.sendMic(e.data);
      if (monitorSpeaks(this.mode) && !(await this.enableMic())) {
        this.mode = "listen"; // no microphone: stay listening (the error is shown)
      }
    } catch (e) {
      this.finish("audio");
      throw e;
    }
    if (this.finished) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    this.ws = new WebSocket(scheme + "//" + location.host + "/api/v1/monitor/ws?call=" + encodeURIComponent(this.callId)
      + "&mode=" + encodeURIComponent(this.mode));
    this.ws.binaryType = "arraybuffer";
    this.ws.onmessage = (e) => this.onMessage(e);
    this.ws.onclose = (e) => {
      if (!this.current && !this.finished && !this.stopping) {
        // Refused at the handshake (403, 404...) or failed before the session started.
        this.error(t("monitor.failed") + (e.reason ? ": " + e.reason : ""));
      }
      this.finish(e.reason || "closed");
    };
  }

  onMessage(e) {
    if (typeof e.data === "string") {
      let msg;
      try { msg = JSON.parse(e.data); } catch (err) { return; }
      if (msg.type === "session") {
        this.sessionId = msg.sessionId;
        this.current = msg.mode;
        this.updateCapture();
        if (this.handlers.onSession) this.handlers.onSession(msg);
        if (this.pendingMode) {
          const mode = this.pendingMode;
          this.pendingMode = null;
          if (mode.toUpperCase().replace("-", "_") !== this.current) this.sendMode(mode);
        }
      } else if (msg.type === "ended") {
        this.finish(msg.reason || "ended");
      } else if (msg.type === "error") {
        this.error(t("monitor.failed") + ": " + (msg.message || msg.status));
      }
      return;
    }
    if (!this.node || e.data.byteLength < 2) return;
    window.atalayaMonitor.framesReceived++;
    const pcm = monitorDecode(e.data);
    this.node.port.postMessage({ type: "frame", pcm: pcm }, [pcm.buffer]);
  }

  /** Asks for the microphone once (again after a refusal); true when it feeds the worklet. */
  async enableMic() {
    if (this.micSource) return true;
    if (!this.micPromise) {
      this.micPromise = this.openMic();
    }
    const ok = await this.micPromise;
    if (!ok) this.micPromise = null;
    return ok;
  }

  async openMic() {
    let stream = null;
    try {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        throw new Error("getUserMedia is not available (the page needs HTTPS)");
      }
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      if (this.finished) {
        stream.getTracks().forEach(tr => tr.stop());
        return false;
      }
      this.micSource = this.ctx.createMediaStreamSource(stream);
      this.micSource.connect(this.node);
      this.micStream = stream;
      this.updateCapture();
      return true;
    } catch (err) {
      console.warn("microphone", err);
      if (stream) stream.getTracks().forEach(tr => tr.stop());
      this.error(t("monitor.micDenied"));
      return false;
    }
  }

  updateCapture() {
    if (this.node) {
      this.node.port.postMessage({ type: "capture", on: !!this.micSource && monitorSpeaks(this.current) });
    }
  }

  sendMic(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN && monitorSpeaks(this.current)
        && frame.byteLength === MONITOR_FRAME_BYTES) {
      this.ws.send(monitorEncode(frame));
      window.atalayaMonitor.framesSent++;
    }
  }

  /** Switches this session's mode; a speaking mode first needs the microphone. False if it did not. */
  async switchTo(mode) {
    if (this.ctx) this.ctx.resume().catch(() => {});
    if (monitorSpeaks(mode) && !(await this.enableMic())) {
      return false; // stays in its current mode (listening); the error is shown
    }
    if (this.finished) return false;
    if (!this.current) {
      this.pendingMode = mode; // sent when the server confirms the session
      return true;
    }
    return this.sendMode(mode);
  }

  sendMode(mode) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify({ mode: mode }));
    return true;
  }

  /** Ends the session: closing the socket is what ends it on the server. */
  stop() {
    this.stopping = true;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) {
      this.ws.close(1000, "stopped");
    } else {
      this.finish("stopped");
    }
  }

  error(text) {
    if (this.handlers.onError) this.handlers.onError(text);
  }

  finish(reason) {
    if (this.finished) return;
    this.finished = true;
    this.current = null;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.close(1000, "ended");
    if (this.micStream) this.micStream.getTracks().forEach(tr => tr.stop());
    if (this.ctx && this.ctx.state !== "closed") this.ctx.close().catch(() => {});
    if (this.handlers.onEnded) this.handlers.onEnded(reason);
  }
}
