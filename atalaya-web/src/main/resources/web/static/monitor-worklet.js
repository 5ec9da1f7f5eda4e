// Runs in the AudioWorklet (context at 8 kHz): plays the frames the server sends and cuts the
// microphone into 20 ms frames for the server. No allocation per render quantum but the posts.
"use strict";
class MonitorProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ring = new Float32Array(8000);   // 1 s of room; playback keeps at most 200 ms queued
    this.read = 0;
    this.size = 0;
    this.mic = new Int16Array(160);
    this.micLength = 0;
    this.capture = false;
    this.port.onmessage = (e) => {
      if (e.data.type === "frame") {
        this.push(e.data.pcm);
      } else if (e.data.type === "capture") {
        this.capture = e.data.on;
        this.micLength = 0;
      }
    };
  }

  push(pcm) {
    const max = 1600; // 200 ms: drop the oldest audio rather than drift behind the call
    for (let i = 0; i < pcm.length; i++) {
      if (this.size === this.ring.length || this.size >= max) {
        this.read = (this.read + 1) % this.ring.length;
        this.size--;
      }
      this.ring[(this.read + this.size) % this.ring.length] = pcm[i] / 32768;
      this.size++;
    }
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    for (let i = 0; i < out.length; i++) {
      if (this.size > 0) {
        out[i] = this.ring[this.read];
        this.read = (this.read + 1) % this.ring.length;
        this.size--;
      } else {
        out[i] = 0;
      }
    }
    const input = inputs[0] && inputs[0][0];
    if (this.capture && input) {
      for (let i = 0; i < input.length; i++) {
        const s = Math.max(-1, Math.min(1, input[i]));
        this.mic[this.micLength++] = s < 0 ? s * 32768 : s * 32767;
        if (this.micLength === 160) {
          this.port.postMessage(this.mic.slice(0));
          this.micLength = 0;
        }
      }
    }
    return true;
  }
}
registerProcessor("atalaya-monitor", MonitorProcessor);
