package org.atalaya.sip.jain;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The SIP stack's sockets, with every TCP connection's input read through a
 * {@link FramedInputStream}, in both directions: connections peers open to Atalaya and those it
 * opens to them. Datagram and TLS sockets are the stack's own. Named in the stack's properties
 * (gov.nist.javax.sip.NETWORK_LAYER) and built by it, hence public with no arguments.
 */
public final class FramingNetworkLayer implements NetworkLayer {
  /** A connection's reads wake this often (ms) to look at the read timeout. */
  static final int TICK_MS = 250;
  private static final int CONNECT_TIMEOUT_MS = 8000;

  private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
  private volatile int maxBody = 65536;
  private volatile String stackName = "";

  @Override
  public void setSipStack(SipStackImpl sipStack) {
    plain.setSipStack(sipStack);
    if (sipStack.getMaxMessageSize() > 0) {
      maxBody = sipStack.getMaxMessageSize();
    }
    stackName = sipStack.getStackName();
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
    return new ServerSocket(port, backlog, bindAddress) {
      @Override
      public Socket accept() throws IOException {
        Socket socket = new FramedSocket();
        implAccept(socket);
        return socket;
      }
    };
  }

  @Override
  public Socket createSocket(InetAddress address, int port) throws IOException {
    return connect(address, port, null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
    return connect(address, port, myAddress);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
    return connect(address, port, myAddress);
  }

  private Socket connect(InetAddress address, int port, InetAddress myAddress) throws IOException {
    Socket socket = new FramedSocket();
    if (myAddress != null) {
      socket.bind(new InetSocketAddress(myAddress, 0)); // an ephemeral port on the listening address
    }
    try {
      socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      socket.close();
      // A plain IOException, not the SocketException it is: the stack logs that one as an ERROR
      // with the whole message it could not send, for what is most often a peer that closed its
      // connection and listens nowhere (RFC 3261 18.2.2's answer over a new connection; fuzz
      // finding S3). The send still fails, and the caller says so in one line.
      throw new IOException("no connection to " + address.getHostAddress() + ":" + port + ": "
          + (e instanceof SocketTimeoutException ? "none in 8 s" : e.getMessage()));
    }
    return socket;
  }

  @Override
  public DatagramSocket createDatagramSocket() throws SocketException {
    return plain.createDatagramSocket();
  }

  @Override
  public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
    return plain.createDatagramSocket(port, laddr);
  }

  @Override
  public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
    return plain.createSSLServerSocket(port, backlog, bindAddress);
  }

  @Override
  public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
    return plain.createSSLSocket(address, port);
  }

  @Override
  public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
    return plain.createSSLSocket(address, port, myAddress);
  }

  /** A TCP socket whose input is framed; the stream is made once, when first asked for. */
  private final class FramedSocket extends Socket {
    private InputStream framed;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (framed == null) {
        setSoTimeout(TICK_MS);
        String peer = getInetAddress() == null ? "?" : getInetAddress().getHostAddress();
        EdgeRegistry.Edge edge = EdgeRegistry.lookup(stackName);
        framed = new FramedInputStream(super.getInputStream(), super.getOutputStream(), this::close, peer,
            new StreamFramer(maxBody / 2, maxBody), StackSettings.STREAM_READ_TIMEOUT_MS, edge.blocked());
      }
      return framed;
    }
  }
}
