package org.atalaya.bench;

/**
 * One level of Atalaya's sweep, beyond what {@link RelayLevel} says of any relay.
 *
 * @param relay the relay figures over the window (Atalaya's process)
 * @param listeners supervisors listening during the window (0 in the plain sweep)
 * @param barging supervisors barging in during the window
 * @param callsOk calls sipp completed (INVITE to BYE's 200)
 * @param callsFailed calls sipp counted as failed
 * @param recordings recordings listed for the level's calls
 * @param recordingBytesPerCallHour stored (encrypted) recording bytes per hour of call
 * @param checked recordings downloaded and checked by tone
 * @param correct of those, with the customer's tone left and the agent's right throughout
 * @param recorderToneShare share of the checked recordings' 20 ms frames holding the right tone
 * @param kernelDropsAtalaya datagrams the kernel dropped on Atalaya's sockets in the window
 * @param kernelDropsBench datagrams the kernel dropped on the bench's own receivers (not Atalaya's loss)
 * @param loadGenCpuSeconds CPU of the sipp processes in the window, for context
 */
record AtalayaLevel(RelayLevel relay, int listeners, int barging, long callsOk, long callsFailed, int recordings,
    double recordingBytesPerCallHour, int checked, int correct, double recorderToneShare, long kernelDropsAtalaya,
    long kernelDropsBench, double loadGenCpuSeconds) {}
