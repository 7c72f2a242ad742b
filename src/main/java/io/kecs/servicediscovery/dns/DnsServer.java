package io.kecs.servicediscovery.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link DnsAnswerer} over UDP and TCP on one port. UDP queries are answered one by one on
 * one thread (each answer is a few in-memory lookups); TCP connections get a virtual thread each,
 * at most {@link #MAX_TCP} at once, with an idle timeout, length-prefixed messages as RFC 1035
 * says. Nothing a client sends can stop either loop: a failure to answer one query drops that
 * query.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
  static final int MAX_TCP = 64;
  static final int TCP_IDLE_MILLIS = 5000;

  private final DnsAnswerer answerer;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Semaphore tcpSlots = new Semaphore(MAX_TCP);
  private volatile boolean open = true;

  private DnsServer(DnsAnswerer answerer, DatagramSocket udp, ServerSocket tcp) {
    this.answerer = answerer;
    this.udp = udp;
    this.tcp = tcp;
  }

  /**
   * Binds UDP and TCP on {@code host}:{@code port} (0: a free port, the same for both) and starts
   * serving.
   */
  public static DnsServer start(DnsAnswerer answerer, String host, int port) throws IOException {
    InetAddress address = InetAddress.getByName(host);
    // A free port for UDP may be taken for TCP: retry a few times with a new one.
    for (int attempt = 0; ; attempt++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port));
      udp.setReceiveBufferSize(1 << 20); // absorbs bursts; the kernel may cap it lower
      try {
        ServerSocket tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(address, udp.getLocalPort()), 128);
        DnsServer server = new DnsServer(answerer, udp, tcp);
        Thread.ofPlatform().daemon().name("kecs-dns-udp").start(server::serveUdp);
        Thread.ofPlatform().daemon().name("kecs-dns-tcp").start(server::acceptTcp);
        return server;
      } catch (IOException e) {
        udp.close();
        if (port != 0 || attempt >= 5) {
          throw e;
        }
      }
    }
  }

  public int port() {
    return udp.getLocalPort();
  }

  public InetAddress address() {
    return udp.getLocalAddress();
  }

  private void serveUdp() {
    byte[] buffer = new byte[DnsAnswerer.UDP_MAX];
    while (open) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (open) {
          LOG.warn("DNS UDP receive failed: {}", e.toString());
        }
        continue;
      }
      try {
        byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        byte[] answer = answerer.answer(query, true);
        if (answer != null) {
          udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("DNS UDP query dropped: {}", e.toString());
      }
    }
  }

  private void acceptTcp() {
    while (open) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (IOException e) {
        if (open) {
          LOG.warn("DNS TCP accept failed: {}", e.toString());
        }
        continue;
      }
      if (!tcpSlots.tryAcquire()) {
        closeQuietly(socket); // too many at once: the client retries
        continue;
      }
      Thread.ofVirtual()
          .name("kecs-dns-tcp-conn")
          .start(
              () -> {
                try {
                  serveTcp(socket);
                } finally {
                  tcpSlots.release();
                  closeQuietly(socket);
                }
              });
    }
  }

  private void serveTcp(Socket socket) {
    try {
      socket.setSoTimeout(TCP_IDLE_MILLIS);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      while (open) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException e) {
          return;
        }
        byte[] query = new byte[length];
        in.readFully(query);
        byte[] answer = answerer.answer(query, false);
        if (answer == null) {
          return;
        }
        out.writeShort(answer.length);
        out.write(answer);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("DNS TCP connection ended: {}", e.toString());
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    open = false;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }
}
