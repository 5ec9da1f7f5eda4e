// Browser monitoring: one WebSocket per session carrying 8 kHz 16-bit mono PCM both ways
// (see docs/MONITORING.md), played and captured through an AudioWorklet at 8 kHz.
"use strict";
window.atalayaMonitor = { framesReceived: 0, framesSent: 0 };

class MonitorAudio {
  constructor(callId, mode, handlers) {
    this.callId = callId;
    this.mode = mode;
    this.handlers = handlers;
    this.micRequested = false;
  }

  async start() {
    this.ctx = new AudioContext({ sampleRate: 8000 });
    await this.ctx.audioWorklet.addModule("/static/monitor-worklet.js");
    this.node = new AudioWorkletNode(this.ctx, "atalaya-monitor", { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
    this.node.connect(this.ctx.destination);
    this.node.port.onmessage = (e) => this.sendMic(e.data);
    await this.ctx.resume();
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    this.ws = new WebSocket(scheme + "//" + location.host + "/api/v1/monitor/ws?call=" + encodeURIComponent(this.callId)
      + "&mode=" + encodeURIComponent(this.mode));
    this.ws.binaryType = "arraybuffer";
    this.ws.onmessage = (e) => this.onMessage(e);
    this.ws.onclose = () => this.handlers.onEnded && this.handlers.onEnded();
    if (this.mode !== "listen") {
      await this.enableMic();
    }
  }

  onMessage(e) {
    if (typeof e.data === "string") {
      const msg = JSON.parse(e.data);
      if (msg.type === "session") {
        this.sessionId = msg.sessionId;
        this.current = msg.mode;
        this.node.port.postMessage({ type: "capture", on: msg.mode !== "LISTEN" && !!this.micSource });
        this.handlers.onSession && this.handlers.onSession(msg);
      } else if (msg.type === "error") {
        this.handlers.onError && this.handlers.onError(msg.message);
      }
      return;
    }
    window.atalayaMonitor.framesReceived++;
    this.node.port.postMessage({ type: "frame", pcm: new Int16Array(e.data) });
  }

  async enableMic() {
    if (this.micSource || this.micRequested) return;
    this.micRequested = true;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
      this.micStream = stream;
      this.micSource = this.ctx.createMediaStreamSource(stream);
      this.micSource.connect(this.node);
      this.node.port.postMessage({ type: "capture", on: this.current !== "LISTEN" });
    } catch (err) {
      this.handlers.onError && this.handlers.onError(t("monitor.micDenied"));
    }
  }

  sendMic(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN && this.current && this.current !== "LISTEN") {
      this.ws.send(frame.buffer);
      window.atalayaMonitor.framesSent++;
    }
  }

  async switchTo(mode) {
    if (mode !== "listen") {
      await this.enableMic();
    }
    this.ws.send(JSON.stringify({ mode: mode }));
  }

  stop() {
    if (this.ws) this.ws.close();
    if (this.micStream) this.micStream.getTracks().forEach(tr => tr.stop());
    if (this.ctx) this.ctx.close();
  }
}
