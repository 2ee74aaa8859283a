import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The benchmark's reference relay (bench/pg.sh, BENCH_RELAY): copies bytes between each client and
 * a fresh connection to the target and does nothing else: no parsing, policy, masking or
 * recording. It separates what any JVM relay costs from what the gateway's own work costs.
 *
 * <p>Two designs: {@code threads}, the gateway's (one thread per direction of each connection,
 * blocking sockets, 16 KiB buffers), and {@code loop}, one selector thread for every connection
 * (the event loop pgbouncer uses). Run with the JDK's source launcher:
 *
 * <pre>java bench/ByteRelay.java threads|loop LISTEN_PORT TARGET_PORT</pre>
 *
 * Listens and connects on 127.0.0.1 only. Not part of the gateway.
 */
public final class ByteRelay {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  public static void main(String[] args) throws IOException {
    if (args.length != 3 || !(args[0].equals("threads") || args[0].equals("loop"))) {
      System.err.println("usage: java ByteRelay.java threads|loop LISTEN_PORT TARGET_PORT");
      System.exit(2);
    }
    int listen = Integer.parseInt(args[1]);
    int target = Integer.parseInt(args[2]);
    if (args[0].equals("threads")) {
      threads(listen, target);
    } else {
      loop(listen, target);
    }
  }

  private static void threads(int listen, int target) throws IOException {
    try (ServerSocket server = new ServerSocket(listen, 128, LOOPBACK)) {
      while (true) {
        Socket client = server.accept();
        try {
          Socket backend = new Socket(LOOPBACK, target);
          client.setTcpNoDelay(true);
          backend.setTcpNoDelay(true);
          copy(client, backend);
          copy(backend, client);
        } catch (IOException e) {
          System.err.println("relay: cannot reach the target: " + e.getMessage());
          client.close();
        }
      }
    }
  }

  private static void copy(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                  out.write(buffer, 0, n);
                }
              } catch (IOException e) {
                // One side went away: close both below.
              }
              closeQuietly(from);
              closeQuietly(to);
            });
    thread.setDaemon(true);
    thread.start();
  }

  /** One end of a relayed connection: its channel and the bytes waiting to be written to it. */
  private static final class End {
    final SocketChannel channel;
    final ByteBuffer pending = ByteBuffer.allocateDirect(64 * 1024);
    End peer;
    SelectionKey key;

    End(SocketChannel channel) {
      this.channel = channel;
    }
  }

  private static void loop(int listen, int target) throws IOException {
    try (Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(LOOPBACK, listen), 128);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
      while (true) {
        selector.select();
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
          SelectionKey key = ready.next();
          ready.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept(server, selector, target);
            continue;
          }
          End end = (End) key.attachment();
          try {
            if (key.isWritable()) {
              drain(end);
            }
            if (key.isValid() && key.isReadable()) {
              relay(end);
            }
          } catch (IOException e) {
            close(end);
          }
        }
      }
    }
  }

  private static void accept(ServerSocketChannel server, Selector selector, int target)
      throws IOException {
    SocketChannel client = server.accept();
    if (client == null) {
      return;
    }
    SocketChannel backend;
    try {
      backend = SocketChannel.open(new InetSocketAddress(LOOPBACK, target));
    } catch (IOException e) {
      System.err.println("relay: cannot reach the target: " + e.getMessage());
      client.close();
      return;
    }
    End a = new End(client);
    End b = new End(backend);
    a.peer = b;
    b.peer = a;
    for (End end : new End[] {a, b}) {
      end.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      end.channel.configureBlocking(false);
      end.key = end.channel.register(selector, SelectionKey.OP_READ, end);
    }
  }

  // Reads what `from` has into its peer's pending bytes and writes as much as the peer takes; what
  // is left waits for the peer to become writable, and `from` is not read while its peer is full.
  private static void relay(End from) throws IOException {
    End to = from.peer;
    if (from.channel.read(to.pending) < 0) {
      close(from);
      return;
    }
    write(to);
    if (!to.pending.hasRemaining()) {
      from.key.interestOps(from.key.interestOps() & ~SelectionKey.OP_READ);
    }
  }

  private static void drain(End end) throws IOException {
    write(end);
    if (end.pending.position() == 0) {
      end.peer.key.interestOps(end.peer.key.interestOps() | SelectionKey.OP_READ);
    }
  }

  private static void write(End end) throws IOException {
    end.pending.flip();
    end.channel.write(end.pending);
    end.pending.compact();
    int ops = end.key.interestOps();
    end.key.interestOps(
        end.pending.position() > 0 ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE);
  }

  private static void close(End end) {
    closeQuietly(end.channel);
    closeQuietly(end.peer.channel);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing on the way out.
    }
  }
}
