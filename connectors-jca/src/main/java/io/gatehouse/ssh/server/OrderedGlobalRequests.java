package io.gatehouse.ssh.server;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.global.KeepAliveHandler;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;

/**
 * The server's one global request handler: answers each session's global requests in the order they
 * came, as RFC 4254 has the client expect (OpenSSH matches an answer to the oldest request still
 * waiting, by order alone). MINA answers as soon as a handler returns, so an answer given later (a
 * {@code tcpip-forward} the target is still deciding) would let a quicker one (an OpenSSH {@code
 * keepalive@openssh.com}, or a second forward refused at once) overtake it, and the client would
 * take each for the other's: a forward reported as failed, or a keepalive's empty success read as
 * the port a forward got. Here every request that wants an answer takes its place in the session's
 * queue, and answers leave only from its head.
 *
 * <p>The gateway's own requests ({@link GlobalRequests}) come first, then keepalives (answered
 * here: MINA's handler writes its answer itself), then MINA's other handlers, whose results are
 * answered through the queue. A MINA handler that writes its own answer ({@code
 * hostkeys-prove-00@openssh.com}, which clients send only after a server announced its host keys,
 * which this server does not) would bypass it.
 */
public final class OrderedGlobalRequests implements RequestHandler<ConnectionService> {

  private static final Logger LOG = Logger.getLogger(OrderedGlobalRequests.class.getName());
  private static final AttributeKey<Answers> ANSWERS = new AttributeKey<>();

  /** Answers a session may have waiting at once: far more than a client sends while one waits. */
  static final int MAX_WAITING = 1024;

  private final GlobalRequests gateway;
  private final List<RequestHandler<ConnectionService>> others;

  /**
   * @param gateway the gateway's own requests, or null
   * @param others MINA's handlers (its keepalive handler is left out: keepalives are answered here)
   */
  public OrderedGlobalRequests(
      GlobalRequests gateway, List<RequestHandler<ConnectionService>> others) {
    this.gateway = gateway;
    this.others = others.stream().filter(h -> !(h instanceof KeepAliveHandler)).toList();
  }

  @Override
  public Result process(
      ConnectionService service, String request, boolean wantReply, Buffer buffer) {
    if (!(service.getSession() instanceof ServerSession session)) {
      return Result.Unsupported;
    }
    Answer answer =
        wantReply
            ? session.computeAttributeIfAbsent(ANSWERS, k -> new Answers(session)).next()
            : Answer.NONE;
    if (answer == null) {
      // Requests keep coming while one waits for the target: nothing a client needs.
      LOG.warning(
          () ->
              "session "
                  + session
                  + ": more than "
                  + MAX_WAITING
                  + " global requests waiting for answers; disconnecting");
      try {
        session.disconnect(
            SshConstants.SSH2_DISCONNECT_PROTOCOL_ERROR,
            "gatehouse: more than " + MAX_WAITING + " global requests waiting for answers");
      } catch (IOException e) {
        session.close(true);
      }
      return Result.Replied;
    }
    try {
      if (gateway != null && gateway.handle(session, request, buffer, answer)) {
        return Result.Replied;
      }
      if (request.startsWith("keepalive@") || request.startsWith("keep-alive@")) {
        answer.success();
        return Result.Replied;
      }
      for (RequestHandler<ConnectionService> handler : others) {
        Result result = handler.process(service, request, wantReply, buffer);
        switch (result) {
          case Unsupported -> {
            continue;
          }
          case ReplySuccess -> answer.success();
          case Replied -> answer.sentAlready();
          default -> answer.failure();
        }
        return Result.Replied;
      }
      answer.failure(); // unknown: refused, in its turn
      return Result.Replied;
    } catch (Throwable e) {
      // Not rethrown: MINA would answer the failure itself, out of turn, and this request's
      // place, never answered, would hold every later answer back.
      LOG.log(Level.WARNING, "session " + session + ": global request " + request + " failed", e);
      answer.failure(); // a no-op when it was answered
      return Result.Replied;
    }
  }

  /** A session's answers, in the order of their requests. */
  private static final class Answers {
    private final ServerSession session;
    private final Deque<Answer> queue = new ArrayDeque<>(); // guarded by this

    Answers(ServerSession session) {
      this.session = session;
    }

    /** The next request's place, or null when too many answers wait already. */
    synchronized Answer next() {
      if (queue.size() >= MAX_WAITING) {
        return null;
      }
      Answer answer = new Answer(this);
      queue.add(answer);
      return answer;
    }

    /** Sends the answers at the head that are ready; MINA writes packets in the order given. */
    synchronized void ready() {
      while (!queue.isEmpty() && queue.peek().ready()) {
        Buffer packet = queue.poll().packet(session);
        if (packet == null) {
          continue;
        }
        try {
          session.writePacket(packet);
        } catch (IOException e) {
          LOG.log(Level.FINE, "session " + session + ": cannot answer a global request", e);
        }
      }
    }
  }

  /** One request's answer: its place in the queue, filled once. */
  private static class Answer implements GlobalRequests.Reply {
    // For a request that wants no answer: anything given is dropped.
    static final Answer NONE = new Answer(null);

    private final Answers answers;
    private boolean given; // guarded by answers
    private boolean success;
    private int port = -1;
    private boolean sent;

    Answer(Answers answers) {
      this.answers = answers;
    }

    @Override
    public void success() {
      give(true, -1, false);
    }

    @Override
    public void successWithPort(int port) {
      give(true, port, false);
    }

    @Override
    public void failure() {
      give(false, -1, false);
    }

    /** The handler wrote its answer itself. */
    void sentAlready() {
      give(true, -1, true);
    }

    private void give(boolean success, int port, boolean sent) {
      if (answers == null) {
        return;
      }
      synchronized (answers) {
        if (given) {
          return;
        }
        given = true;
        this.success = success;
        this.port = port;
        this.sent = sent;
      }
      answers.ready();
    }

    boolean ready() {
      return given;
    }

    Buffer packet(ServerSession session) {
      if (sent) {
        return null;
      }
      Buffer packet =
          session.createBuffer(
              success ? SshConstants.SSH_MSG_REQUEST_SUCCESS : SshConstants.SSH_MSG_REQUEST_FAILURE,
              8);
      if (success && port >= 0) {
        packet.putUInt(port);
      }
      return packet;
    }
  }
}
