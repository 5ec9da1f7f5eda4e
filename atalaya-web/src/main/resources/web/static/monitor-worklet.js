// Runs in the AudioWorklet of an AudioContext at 8 kHz (see monitor-audio.js and docs/MONITORING.md).
// Playback: the 20 ms frames the server sends (Int16 samples, posted by the main thread) go into a
// ring buffer that keeps at most 200 ms (the oldest audio is dropped rather than drifting behind
// the call); when it runs dry the node outputs silence and waits for 40 ms of audio before it
// plays again, so that a late packet gives one short gap instead of crackling.
// Capture: while capture is on, the microphone (the node's input, resampled by the browser) is
// cut into 160-sample (20 ms) Int16 frames and posted to the main thread, which sends them.
"use strict";
const RING = 2048;      // power of two, more than MAX_QUEUED
const MAX_QUEUED = 1600; // 200 ms at 8 kHz
const PREBUFFER = 320;   // 40 ms before playing again after running dry
const FRAME = 160;       // 20 ms at 8 kHz

class MonitorProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ring = new Float32Array(RING);
    this.read = 0;
    this.size = 0;
    this.starved = true;
    this.mic = new Int16Array(FRAME);
    this.micLength = 0;
    this.capture = false;
    this.port.onmessage = (e) => {
      const msg = e.data;
      if (msg.type === "frame") {
        this.push(msg.pcm);
      } else if (msg.type === "capture") {
        this.capture = !!msg.on;
        this.micLength = 0;
      } else if (msg.type === "flush") {
        this.read = 0;
        this.size = 0;
        this.starved = true;
      }
    };
  }

  /** Queues Int16 samples as floats, dropping the oldest ones beyond 200 ms. */
  push(pcm) {
    const n = Math.min(pcm.length, MAX_QUEUED);
    const from = pcm.length - n;
    const overflow = this.size + n - MAX_QUEUED;
    if (overflow > 0) {
      this.read = (this.read + overflow) & (RING - 1);
      this.size -= overflow;
    }
    let write = (this.read + this.size) & (RING - 1);
    for (let i = from; i < pcm.length; i++) {
      this.ring[write] = pcm[i] / 32768;
      write = (write + 1) & (RING - 1);
    }
    this.size += n;
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    if (this.starved && this.size >= PREBUFFER) {
      this.starved = false;
    }
    for (let i = 0; i < out.length; i++) {
      if (!this.starved && this.size > 0) {
        out[i] = this.ring[this.read];
        this.read = (this.read + 1) & (RING - 1);
        this.size--;
      } else {
        out[i] = 0;
        this.starved = true;
      }
    }
    const input = inputs[0] && inputs[0][0];
    if (this.capture && input) {
      for (let i = 0; i < input.length; i++) {
        const s = Math.max(-1, Math.min(1, input[i]));
        this.mic[this.micLength++] = s < 0 ? Math.round(s * 32768) : Math.round(s * 32767);
        if (this.micLength === FRAME) {
          const frame = this.mic;
          this.port.postMessage(frame, [frame.buffer]);
          this.mic = new Int16Array(FRAME);
          this.micLength = 0;
        }
      }
    }
    return true;
  }
}

registerProcessor("atalaya-monitor", MonitorProcessor);
